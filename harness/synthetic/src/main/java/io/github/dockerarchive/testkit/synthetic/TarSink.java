package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.tar.TarField;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the outer tar: headers in Go's style (NUL-terminated octal, as Docker, containerd,
 * go-containerregistry and containers/image write them) or commons-compress's (space-terminated, as
 * Jib writes them), two zero blocks at the end, no record padding. An entry of 8 GiB or more gets a
 * PAX extended header with its {@code size} (WR-14), as Go's Writer and Jib (commons-compress with
 * {@code BIGNUMBER_POSIX}) choose, in Go's layout; the records of a long name go into that same
 * header (Go's reader keeps the records of the last PAX header before an entry only). Also carries
 * the two byte-level defects, a wrong header checksum and a cut, and the header shapes of the
 * outer-tar quirks: PAX headers before every entry, long names in PAX or GNU extension headers,
 * record padding and bytes after the end-of-archive marker.
 */
final class TarSink {
  private static final int BLOCK = TarHeader.BLOCK;
  private static final byte[] ZEROS = new byte[BLOCK];

  /** File-type bits as {@code stat} and some producers put them into the mode field. */
  static final int TYPE_FILE = 0100000;

  static final int TYPE_DIR = 040000;
  static final int TYPE_SYMLINK = 0120000;

  private final OutputStream out;
  private final TarHeader.NumberStyle style;
  private final String owner;
  private long position;
  private long cutAt = Long.MAX_VALUE;
  private int badChecksumEntry = -1;
  private int entryCount;
  private LongNames longNames = LongNames.REFUSE;
  private boolean paxEveryEntry;

  /** How a name or link target over 100 bytes is written. */
  enum LongNames {
    /** Not at all: the header encoder refuses it. */
    REFUSE,
    /** In a GNU {@code ././@LongLink} entry ({@code L} or {@code K}) before the header. */
    GNU,
    /** In a PAX extended header ({@code path}, {@code linkpath}) before the header. */
    PAX
  }

  TarSink(OutputStream out, TarHeader.NumberStyle style) {
    this(out, style, "");
  }

  /** A sink whose entries all name {@code owner} as user and group (empty: none). */
  TarSink(OutputStream out, TarHeader.NumberStyle style, String owner) {
    this.out = out;
    this.style = style;
    this.owner = owner;
  }

  /** Makes the header of the entry with this index (from 0) carry a wrong checksum. */
  void corruptChecksumOfEntry(int index) {
    badChecksumEntry = index;
  }

  /** Chooses how names and link targets over 100 bytes are written. */
  void longNames(LongNames mode) {
    longNames = mode;
  }

  /**
   * Puts a PAX extended header with {@code path} and {@code mtime} records before every entry, as
   * GNU tar's and bsdtar's POSIX format write them.
   */
  void paxEveryEntry(boolean on) {
    paxEveryEntry = on;
  }

  /** Drops every byte from this position of the tar on. */
  void cutAt(long offset) {
    cutAt = offset;
  }

  long position() {
    return position;
  }

  /** Writes a regular file whose content {@code content} writes (exactly {@code size} bytes). */
  void file(String name, int mode, long mtime, long size, Content content) throws IOException {
    header(name, mode, mtime, size, '0', "");
    long start = position;
    OutputStream data = new EntryData();
    content.writeTo(data);
    if (position - start != size) {
      throw new IllegalStateException(
          "entry \"" + name + "\": declared " + size + " bytes, wrote " + (position - start));
    }
    pad();
  }

  void file(String name, int mode, long mtime, byte[] bytes) throws IOException {
    file(name, mode, mtime, bytes.length, o -> o.write(bytes));
  }

  void directory(String name, int mode, long mtime) throws IOException {
    header(name.endsWith("/") ? name : name + "/", mode, mtime, 0, '5', "");
  }

  void symlink(String name, String target, int mode, long mtime) throws IOException {
    header(name, mode, mtime, 0, '2', target);
  }

  void hardlink(String name, String target, int mode, long mtime) throws IOException {
    header(name, mode, mtime, 0, '1', target);
  }

  /** Writes the end-of-archive marker (two zero blocks). */
  void finish() throws IOException {
    emit(ZEROS, 0, BLOCK);
    emit(ZEROS, 0, BLOCK);
    out.flush();
  }

  /** Pads the tar with zeros to a whole record of {@code size} bytes, as GNU tar does (10240). */
  void padToRecord(int size) throws IOException {
    while (position % size != 0) {
      emit(ZEROS, 0, (int) Math.min(BLOCK, size - position % size));
    }
    out.flush();
  }

  /** Writes bytes as they are, outside any entry (after the end-of-archive marker). */
  void raw(byte[] bytes) throws IOException {
    emit(bytes, 0, bytes.length);
    out.flush();
  }

  private void header(String name, int mode, long mtime, long size, char type, String link)
      throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
    boolean longName = nameBytes.length > TarField.NAME.length();
    boolean longLink = linkBytes.length > TarField.LINK_NAME.length();
    boolean gnu = longNames == LongNames.GNU && (longName || longLink);
    if (gnu) {
      if (longLink) {
        extension(gnu(TarHeader.of((byte) 'K').name(LayerTarWriter.GNU_LONG_LINK)), nul(linkBytes));
      }
      if (longName) {
        extension(gnu(TarHeader.of((byte) 'L').name(LayerTarWriter.GNU_LONG_LINK)), nul(nameBytes));
      }
    }
    TarHeader header =
        TarHeader.of((byte) type)
            .name(longNames != LongNames.REFUSE ? first100(nameBytes) : nameBytes)
            .mode(mode)
            .size(size)
            .mtime(mtime)
            .numberStyle(style)
            .raw(
                TarField.LINK_NAME,
                longNames != LongNames.REFUSE ? first100(linkBytes) : linkBytes);
    if (paxEveryEntry || (longNames == LongNames.PAX && (longName || longLink))) {
      // into the one PAX header the encoder writes, beside a size of 8 GiB or more
      if (!link.isEmpty()) {
        header.addPaxRecord("linkpath", link);
      }
      header.addPaxRecord("mtime", Long.toString(mtime)).addPaxRecord("path", name);
    }
    if (gnu) {
      gnu(header);
    }
    if (!owner.isEmpty()) {
      header.raw(TarField.UNAME, owner).raw(TarField.GNAME, owner);
    }
    if (entryCount++ == badChecksumEntry) {
      header.badChecksum();
    }
    byte[] blocks = header.encodeBlocks();
    emit(blocks, 0, blocks.length);
  }

  /** A GNU extended header ({@code L}, {@code K}) and its padded data. */
  private void extension(TarHeader header, byte[] data) throws IOException {
    header.size(data.length).mtime(0).numberStyle(style);
    emit(header.encode(), 0, BLOCK);
    emit(data, 0, data.length);
    pad();
  }

  private static TarHeader gnu(TarHeader header) {
    return header.gnu();
  }

  private static byte[] nul(byte[] value) {
    return Arrays.copyOf(value, value.length + 1);
  }

  private static byte[] first100(String text) {
    return first100(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] first100(byte[] bytes) {
    return bytes.length <= TarField.NAME.length()
        ? bytes
        : Arrays.copyOf(bytes, TarField.NAME.length());
  }

  private void pad() throws IOException {
    int rest = (int) (position % BLOCK);
    if (rest != 0) {
      emit(ZEROS, 0, BLOCK - rest);
    }
  }

  private void emit(byte[] b, int off, int len) throws IOException {
    if (position < cutAt) {
      out.write(b, off, (int) Math.min(len, cutAt - position));
    }
    position += len;
  }

  /** What writes a file's content. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * The data of the current entry; content that is already in place in an {@link ArchiveFile} can
   * ask where it starts and skip over itself.
   */
  final class EntryData extends OutputStream {
    /** The archive offset the next data byte goes to. */
    long archivePosition() {
      return position;
    }

    /**
     * Passes over {@code n} data bytes the target file already holds.
     *
     * @throws IllegalStateException when the target is not an {@link ArchiveFile} or is cut
     */
    void skip(long n) throws IOException {
      if (!(out instanceof ArchiveFile file) || cutAt != Long.MAX_VALUE) {
        throw new IllegalStateException("only an archive file written in full can skip data");
      }
      file.skip(n);
      position += n;
    }

    @Override
    public void write(int b) throws IOException {
      emit(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (position + len <= cutAt) {
        out.write(b, off, len);
        position += len;
      } else {
        emit(b, off, len);
      }
    }
  }
}
