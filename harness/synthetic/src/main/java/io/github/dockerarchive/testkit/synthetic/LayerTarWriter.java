package io.github.dockerarchive.testkit.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes the uncompressed tar of one layer: commons-compress with PAX long names, PAX for non-ASCII
 * names and big numbers, mtime 0, uid/gid 0, empty user names, and no padding beyond the two zero
 * blocks (an empty layer is exactly 1024 zero bytes).
 */
final class LayerTarWriter {
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
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
      header.reset();
      TarArchiveOutputStream tar = new TarArchiveOutputStream(header, BLOCK);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      tar.putArchiveEntry(entryFor(f));
      tar.flush();
      header.writeTo(out);
      position += header.size();
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
        };
    e.setMode(f.mode());
    e.setModTime(0);
    e.setIds(0, 0);
    e.setUserName("");
    e.setGroupName("");
    return e;
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
