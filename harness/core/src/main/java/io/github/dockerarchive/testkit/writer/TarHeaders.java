package io.github.dockerarchive.testkit.writer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds tar header blocks byte-identical to those Go's {@code archive/tar} writes for the
 * reference writer (docs/reference.md §2.7, WR-7): USTAR, numeric fields in zero-padded octal
 * ending in NUL, mtime, uid and gid 0, empty user and group names, checksum as six octal digits,
 * NUL and a space; a PAX extended header carrying {@code size} only for entries of 8 GiB or more.
 *
 * <p>Hand-written on purpose: no Java tar library writes Go's exact bytes (commons-compress, for
 * one, ends numeric fields with a space and fills the device numbers differently), and the writer
 * must produce archives byte-identical to skopeo's. It covers only what the writer needs: names and
 * link targets of at most 100 bytes, regular files, symlinks and directories.
 */
final class TarHeaders {
  /** The tar block size. */
  static final int BLOCK = 512;

  /** The first size that does not fit the 11 octal digits of a USTAR size field: 8 GiB. */
  static final long PAX_SIZE_THRESHOLD = 1L << 33;

  static final byte TYPE_REGULAR = '0';
  static final byte TYPE_SYMLINK = '2';
  static final byte TYPE_DIRECTORY = '5';
  static final byte TYPE_PAX = 'x';

  private static final int NAME_SIZE = 100;

  private TarHeaders() {}

  /**
   * The header block(s) of a regular file: a USTAR header with mode 0444, or, for 8 GiB and more, a
   * PAX extended header with a {@code size} record followed by a header whose size field is 0, as
   * Go writes them.
   */
  static byte[] regularFile(String name, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + name);
    }
    if (size < PAX_SIZE_THRESHOLD) {
      return header(name, TYPE_REGULAR, 0444, size, "", true);
    }
    byte[] record = paxRecord("size", Long.toString(size));
    byte[] pax = header(paxName(name), TYPE_PAX, 0, record.length, "", false);
    byte[] main = header(name, TYPE_REGULAR, 0444, 0, "", true);
    byte[] out = new byte[BLOCK + padded(record.length) + BLOCK];
    System.arraycopy(pax, 0, out, 0, BLOCK);
    System.arraycopy(record, 0, out, BLOCK, record.length);
    System.arraycopy(main, 0, out, BLOCK + padded(record.length), BLOCK);
    return out;
  }

  /** The header of a symbolic link: mode 0, size 0, the target in the link name field. */
  static byte[] symlink(String name, String target) {
    return header(name, TYPE_SYMLINK, 0, 0, target, true);
  }

  /** The header of a directory: mode 0755, size 0; the name should end in {@code /}. */
  static byte[] directory(String name) {
    return header(name, TYPE_DIRECTORY, 0755, 0, "", true);
  }

  /** The number of zero bytes that pad {@code size} data bytes to a whole block. */
  static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static int padded(int size) {
    return size + padding(size);
  }

  /**
   * Go's PAX header name: {@code path.Join(dir, "PaxHeaders.0", base)}. The entry names the writer
   * makes are already clean, so joining is plain concatenation.
   */
  static String paxName(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0
        ? "PaxHeaders.0/" + name
        : name.substring(0, slash + 1) + "PaxHeaders.0/" + name.substring(slash + 1);
  }

  /**
   * Go's {@code formatPAXRecord}: {@code "<len> key=value\n"} where {@code len} counts the whole
   * record, its own digits included.
   */
  static byte[] paxRecord(String key, String value) {
    int size = key.length() + value.length() + 3;
    size += Integer.toString(size).length();
    String record = size + " " + key + "=" + value + "\n";
    if (record.length() != size) {
      size = record.length();
      record = size + " " + key + "=" + value + "\n";
    }
    return record.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * One 512-byte header. {@code ustarFields} formats uname, gname, devmajor and devminor as Go's
   * {@code templateV7Plus} does; Go's raw PAX file header leaves them zero.
   */
  private static byte[] header(
      String name, byte type, int mode, long size, String linkName, boolean ustarFields) {
    byte[] block = new byte[BLOCK];
    putString(block, 0, NAME_SIZE, name, "name");
    putOctal(block, 100, 8, mode);
    putOctal(block, 108, 8, 0); // uid
    putOctal(block, 116, 8, 0); // gid
    putOctal(block, 124, 12, size);
    putOctal(block, 136, 12, 0); // mtime: 1970-01-01T00:00:00Z
    block[156] = type;
    putString(block, 157, NAME_SIZE, linkName, "link name");
    putString(block, 257, 6, "ustar\0", "magic");
    putString(block, 263, 2, "00", "version");
    if (ustarFields) {
      // uname (265..297) and gname (297..329) stay empty.
      putOctal(block, 329, 8, 0); // devmajor
      putOctal(block, 337, 8, 0); // devminor
    }
    Arrays.fill(block, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    putOctal(block, 148, 7, sum); // six digits and a NUL; byte 155 stays a space
    return block;
  }

  private static void putString(byte[] block, int offset, int length, String s, String field) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > length) {
      throw new IllegalArgumentException(
          "tar "
              + field
              + " \""
              + s
              + "\" is "
              + bytes.length
              + " bytes, at most "
              + length
              + " fit");
    }
    System.arraycopy(bytes, 0, block, offset, bytes.length);
  }

  /** Go's {@code formatOctal}: leading zeros up to {@code length - 1} digits, then a NUL. */
  private static void putOctal(byte[] block, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException(value + " does not fit a " + length + "-byte octal field");
    }
    String field = "0".repeat(length - 1 - digits.length()) + digits;
    putString(block, offset, length, field, "numeric field");
    block[offset + length - 1] = 0;
  }
}
