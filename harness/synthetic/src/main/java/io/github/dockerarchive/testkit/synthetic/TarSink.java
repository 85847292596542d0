package io.github.dockerarchive.testkit.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the outer tar: ustar headers in Go's style (NUL-terminated octal, as Docker, containerd,
 * go-containerregistry and containers/image write them) or commons-compress's (space-terminated, as
 * Jib writes them), two zero blocks at the end, no record padding. Also carries the two byte-level
 * defects: a wrong header checksum and a cut.
 */
final class TarSink {
  private static final int BLOCK = 512;
  private static final byte[] ZEROS = new byte[BLOCK];

  /** File-type bits as {@code stat} and some producers put them into the mode field. */
  static final int TYPE_FILE = 0100000;

  static final int TYPE_DIR = 040000;
  static final int TYPE_SYMLINK = 0120000;

  /** How numbers are formatted in headers. */
  enum Style {
    /** Go's {@code archive/tar}: octal digits filling the field, then NUL. */
    GO,
    /** Apache commons-compress: octal, then a space (and a NUL for the mode). */
    COMMONS
  }

  private final OutputStream out;
  private final Style style;
  private long position;
  private long cutAt = Long.MAX_VALUE;
  private int badChecksumEntry = -1;
  private int entryCount;

  TarSink(OutputStream out, Style style) {
    this.out = out;
    this.style = style;
  }

  /** Makes the header of the entry with this index (from 0) carry a wrong checksum. */
  void corruptChecksumOfEntry(int index) {
    badChecksumEntry = index;
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
    OutputStream data = new Data();
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

  /** Writes the end-of-archive marker (two zero blocks). */
  void finish() throws IOException {
    emit(ZEROS, 0, BLOCK);
    emit(ZEROS, 0, BLOCK);
    out.flush();
  }

  private void header(String name, int mode, long mtime, long size, char type, String link)
      throws IOException {
    byte[] h = new byte[BLOCK];
    text(h, 0, 100, name);
    number(h, 100, 8, mode, false);
    number(h, 108, 8, 0, false);
    number(h, 116, 8, 0, false);
    number(h, 124, 12, size, true);
    number(h, 136, 12, mtime, true);
    h[156] = (byte) type;
    text(h, 157, 100, link);
    text(h, 257, 6, "ustar\0");
    h[263] = '0';
    h[264] = '0';
    number(h, 329, 8, 0, false);
    number(h, 337, 8, 0, false);
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    if (entryCount++ == badChecksumEntry) {
      sum ^= 1;
    }
    String digits = octal(sum, 6);
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 6);
    h[154] = 0;
    h[155] = ' ';
    emit(h, 0, BLOCK);
  }

  private void number(byte[] h, int offset, int length, long value, boolean wide) {
    int digits;
    if (style == Style.GO) {
      digits = length - 1;
    } else {
      // commons-compress: mode is "digits, space, NUL"; every other number "digits, space"
      digits = offset == 100 ? length - 2 : length - 1;
    }
    String text = octal(value, digits);
    if (text.length() > digits) {
      throw new IllegalArgumentException(
          "value " + value + " does not fit a " + length + "-byte ustar field");
    }
    System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, h, offset, digits);
    if (style == Style.COMMONS) {
      h[offset + digits] = ' ';
    }
  }

  private static String octal(long value, int width) {
    String s = Long.toOctalString(value);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  private static void text(byte[] h, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > length) {
      throw new IllegalArgumentException(
          "name \"" + value + "\" is longer than the " + length + " bytes of a ustar field");
    }
    System.arraycopy(bytes, 0, h, offset, bytes.length);
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

  /** The data of the current entry. */
  private final class Data extends OutputStream {
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
