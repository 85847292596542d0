package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.tar.TarField;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes the uncompressed tar of one layer: commons-compress with PAX long names, PAX for non-ASCII
 * names and big numbers, mtime 0, uid/gid 0, empty user names, and no padding beyond the two zero
 * blocks (an empty layer is exactly 1024 zero bytes). A member whose {@link FileSpec#header()} asks
 * for another {@link MemberFormat} is encoded with the core's {@link TarHeader} instead (ustar, PAX
 * or GNU, Go's number style, the name's bytes exactly as given).
 */
final class LayerTarWriter {
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  /** The name GNU tar gives the entries holding long names and link targets. */
  static final String GNU_LONG_LINK = "././@LongLink";

  private static final int BLOCK = 512;
  private static final byte[] ZEROS = new byte[BLOCK];

  private final ContentGenerator content;

  LayerTarWriter(ContentGenerator content) {
    this.content = content;
  }

  /**
   * Writes the layer.
   *
   * <p>Headers (with their PAX records) come from commons-compress, one entry at a time into a
   * small buffer; file content goes straight to {@code out} with its padding. Writing content
   * through {@link TarArchiveOutputStream} as well would cut it into 512-byte records (two million
   * {@code write} calls per GiB, slower than generating the bytes) for the same output: what
   * commons-compress writes for an entry's content is the content, zero-padded to 512 bytes, and
   * its end of archive is two zero blocks.
   *
   * @param files the entries
   * @param archiveSeed the archive's seed
   * @param out where to write (not closed)
   * @return the offset of the first content byte of the first non-empty file, or -1 if none
   */
  long write(List<FileSpec> files, long archiveSeed, OutputStream out) throws IOException {
    long layerHash = ContentGenerator.layerHash(files);
    ByteArrayOutputStream header = new ByteArrayOutputStream(BLOCK);
    long position = 0;
    long firstContent = -1;
    for (int i = 0; i < files.size(); i++) {
      FileSpec f = files.get(i);
      if (f.header().format() == MemberFormat.COMMONS) {
        header.reset();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(header, BLOCK);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        tar.putArchiveEntry(entryFor(f));
        tar.flush();
        header.writeTo(out);
        position += header.size();
      } else {
        byte[] blocks = headerBlocks(f);
        out.write(blocks);
        position += blocks.length;
      }
      if (f.kind() == EntryKind.FILE && f.size() > 0) {
        if (firstContent < 0) {
          firstContent = position;
        }
        content.write(ContentGenerator.fileSeed(archiveSeed, layerHash, i), f.size(), out);
        position += f.size();
        int rest = (int) (f.size() % BLOCK);
        if (rest != 0) {
          out.write(ZEROS, 0, BLOCK - rest);
          position += BLOCK - rest;
        }
      }
      // the entry's stream is dropped unfinished: it holds nothing but the header written above
    }
    out.write(ZEROS, 0, BLOCK);
    out.write(ZEROS, 0, BLOCK);
    out.flush();
    return firstContent;
  }

  /** The tar entry of a file spec (package-private for the writer's test). */
  static TarArchiveEntry entryFor(FileSpec f) {
    TarArchiveEntry e =
        switch (f.kind()) {
          case FILE -> regular(f.path(), f.size());
          case DIRECTORY -> new TarArchiveEntry(trimSlash(f.path()) + "/", TarConstants.LF_DIR);
          case SYMLINK -> link(f.path(), f.target(), TarConstants.LF_SYMLINK);
          case HARDLINK -> link(f.path(), f.target(), TarConstants.LF_LINK);
          case WHITEOUT -> regular(whiteoutName(f.path()), 0);
          case OPAQUE_WHITEOUT -> regular(trimSlash(f.path()) + "/" + OPAQUE, 0);
          case FIFO -> new TarArchiveEntry(f.path(), TarConstants.LF_FIFO);
        };
    e.setMode(f.mode());
    e.setModTime(0);
    e.setIds(0, 0);
    e.setUserName("");
    e.setGroupName("");
    return e;
  }

  /** The name a member is stored under: a directory ends in {@code /}, a whiteout is renamed. */
  static String memberName(FileSpec f) {
    return switch (f.kind()) {
      case DIRECTORY -> trimSlash(f.path()) + "/";
      case WHITEOUT -> whiteoutName(f.path());
      case OPAQUE_WHITEOUT -> trimSlash(f.path()) + "/" + OPAQUE;
      default -> f.path();
    };
  }

  private static byte typeFlag(EntryKind kind) {
    return switch (kind) {
      case DIRECTORY -> TarHeader.DIRECTORY;
      case SYMLINK -> TarHeader.SYMLINK;
      case HARDLINK -> TarHeader.HARD_LINK;
      case FIFO -> (byte) '6';
      default -> TarHeader.REGULAR;
    };
  }

  /**
   * The header blocks of a member in a {@link MemberFormat} other than {@link
   * MemberFormat#COMMONS}: any extended headers with their data, then the member's own header
   * (package-private for the writer's test).
   */
  static byte[] headerBlocks(FileSpec f) {
    MemberHeader how = f.header();
    String name = memberName(f);
    byte[] nameBytes = name.getBytes(how.encoding().charset());
    byte[] linkBytes =
        f.target() == null ? new byte[0] : f.target().getBytes(how.encoding().charset());
    ByteArrayOutputStream blocks = new ByteArrayOutputStream();
    TarHeader main =
        TarHeader.of(typeFlag(f.kind()))
            .mode(f.mode())
            .size(f.kind() == EntryKind.FILE ? f.size() : 0);
    switch (how.format()) {
      case USTAR -> {
        if (nameBytes.length > TarField.NAME.length()) {
          int split = ustarSplit(nameBytes);
          if (split < 0) {
            throw new IllegalArgumentException(
                "file \""
                    + f.path()
                    + "\": a ustar header holds a name of at most 100 bytes, or one that splits at"
                    + " a '/' into a prefix of at most 155 and a name of at most 100; the name has "
                    + nameBytes.length
                    + " bytes");
          }
          main.raw(TarField.PREFIX, Arrays.copyOfRange(nameBytes, 0, split));
          main.name(Arrays.copyOfRange(nameBytes, split + 1, nameBytes.length));
        } else {
          main.name(nameBytes);
        }
        if (linkBytes.length > TarField.LINK_NAME.length()) {
          throw new IllegalArgumentException(
              "file \""
                  + f.path()
                  + "\": a ustar header holds a link target of at most 100 bytes, the target has "
                  + linkBytes.length);
        }
        main.raw(TarField.LINK_NAME, linkBytes);
      }
      case PAX -> {
        main.addPaxRecord("path", name);
        if (f.target() != null) {
          main.addPaxRecord("linkpath", f.target());
        }
        how.paxRecords().forEach(main::addPaxRecord);
        main.name(first100(nameBytes)).raw(TarField.LINK_NAME, first100(linkBytes));
      }
      case GNU -> {
        if (linkBytes.length > TarField.LINK_NAME.length()) {
          gnuLong(blocks, (byte) 'K', linkBytes);
        }
        if (nameBytes.length > TarField.NAME.length()) {
          gnuLong(blocks, (byte) 'L', nameBytes);
        }
        main.name(first100(nameBytes))
            .raw(TarField.LINK_NAME, first100(linkBytes))
            .gnu()
            .bigNumbers(TarHeader.BigNumbers.BASE_256);
      }
      case COMMONS -> throw new IllegalStateException("commons-compress writes this member");
    }
    blocks.writeBytes(main.encodeBlocks());
    return blocks.toByteArray();
  }

  /** A GNU {@code ././@LongLink} entry holding a long name or link target, NUL-terminated. */
  private static void gnuLong(ByteArrayOutputStream blocks, byte type, byte[] value) {
    byte[] data = Arrays.copyOf(value, value.length + 1);
    blocks.writeBytes(TarHeader.of(type).name(GNU_LONG_LINK).size(data.length).gnu().encode());
    writePadded(blocks, data);
  }

  private static void writePadded(ByteArrayOutputStream blocks, byte[] data) {
    blocks.writeBytes(data);
    blocks.write(ZEROS, 0, TarHeader.padding(data.length));
  }

  private static byte[] first100(byte[] bytes) {
    return bytes.length <= TarField.NAME.length()
        ? bytes
        : Arrays.copyOf(bytes, TarField.NAME.length());
  }

  /** Where a ustar name splits into prefix and name ({@code /} not kept), or -1. */
  private static int ustarSplit(byte[] name) {
    for (int i = Math.min(name.length - 1, TarField.PREFIX.length()); i > 0; i--) {
      int rest = name.length - i - 1;
      if (name[i] == '/' && rest > 0 && rest <= TarField.NAME.length()) {
        return i;
      }
    }
    return -1;
  }

  private static TarArchiveEntry regular(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    e.setSize(size);
    return e;
  }

  private static TarArchiveEntry link(String name, String target, byte type) {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setLinkName(target);
    return e;
  }

  /** {@code a/b/c} becomes {@code a/b/.wh.c}. */
  static String whiteoutName(String path) {
    String p = trimSlash(path);
    int slash = p.lastIndexOf('/');
    return p.substring(0, slash + 1) + WHITEOUT_PREFIX + p.substring(slash + 1);
  }

  private static String trimSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
