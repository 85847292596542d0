package io.github.dockerarchive.testkit.internal;

import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The byte rules of a ustar header block, in one place: field placement, the magic, the two ways
 * producers format octal numbers (Go's {@code archive/tar} and Apache commons-compress), the
 * checksum, and Go's PAX record and PAX header name. The public builder {@code
 * io.github.dockerarchive.testkit.tar.TarHeader} and every writer of the harness encode through it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TarEncoding {
  /** The tar block size. */
  public static final int BLOCK = 512;

  /** Offset of the checksum field. */
  public static final int CHECKSUM_OFFSET = 148;

  /** Length of the checksum field. */
  public static final int CHECKSUM_LENGTH = 8;

  /** Offset of the magic field ({@code "ustar\0"}), followed by the version ({@code "00"}). */
  public static final int MAGIC_OFFSET = 257;

  /** The POSIX magic and version fields as text: {@code "ustar\0"} then {@code "00"}. */
  public static final String POSIX_MAGIC_AND_VERSION = "ustar\0" + "00";

  /** GNU's magic and version fields as text: {@code "ustar "} then {@code " \0"}. */
  public static final String GNU_MAGIC_AND_VERSION = "ustar " + " \0";

  private static final byte[] MAGIC_AND_VERSION =
      POSIX_MAGIC_AND_VERSION.getBytes(StandardCharsets.US_ASCII);

  private static final byte[] GNU_MAGIC = GNU_MAGIC_AND_VERSION.getBytes(StandardCharsets.US_ASCII);

  private TarEncoding() {}

  /**
   * Writes the POSIX magic and version ({@code "ustar\0"}, {@code "00"}).
   *
   * @param block the header block
   */
  public static void putMagic(byte[] block) {
    System.arraycopy(MAGIC_AND_VERSION, 0, block, MAGIC_OFFSET, MAGIC_AND_VERSION.length);
  }

  /**
   * Writes GNU's magic and version ({@code "ustar "}, {@code " \0"}).
   *
   * @param block the header block
   */
  public static void putGnuMagic(byte[] block) {
    System.arraycopy(GNU_MAGIC, 0, block, MAGIC_OFFSET, GNU_MAGIC.length);
  }

  /**
   * Copies bytes into a field; the rest of the field is left as it is (zero in a new block).
   *
   * @param block the header block
   * @param offset the field's offset
   * @param length the field's length
   * @param value the bytes
   * @param field the field's name, for the message
   * @throws IllegalArgumentException when the bytes do not fit the field
   */
  public static void putBytes(byte[] block, int offset, int length, byte[] value, String field) {
    if (value.length > length) {
      throw new IllegalArgumentException(
          "tar "
              + field
              + " \""
              + new String(value, StandardCharsets.UTF_8)
              + "\" is "
              + value.length
              + " bytes, at most "
              + length
              + " fit");
    }
    System.arraycopy(value, 0, block, offset, value.length);
  }

  /**
   * Writes a number in octal as Go's {@code formatOctal} does: zero-padded to {@code length - 1}
   * digits, then a NUL.
   *
   * @param block the header block
   * @param offset the field's offset
   * @param length the field's length
   * @param value the number
   * @param field the field's name, for the message
   * @throws IllegalArgumentException when the number does not fit
   */
  public static void putOctalGo(byte[] block, int offset, int length, long value, String field) {
    putDigits(block, offset, length - 1, value, length, field);
    block[offset + length - 1] = 0;
  }

  /**
   * Writes a number in octal as Apache commons-compress does: digits then a space, and for the mode
   * field one digit fewer, a space and a NUL.
   *
   * @param block the header block
   * @param offset the field's offset
   * @param length the field's length
   * @param value the number
   * @param mode whether the field is the mode field
   * @param field the field's name, for the message
   * @throws IllegalArgumentException when the number does not fit
   */
  public static void putOctalCommons(
      byte[] block, int offset, int length, long value, boolean mode, String field) {
    int digits = mode ? length - 2 : length - 1;
    putDigits(block, offset, digits, value, length, field);
    block[offset + digits] = ' ';
    if (mode) {
      block[offset + length - 1] = 0;
    }
  }

  /**
   * Whether a number fits a field as octal digits, as Go's {@code fitsInOctal} decides: not
   * negative and below {@code 8^(length - 1)} (8 GiB for the 12-byte size field, 2097152 for the
   * 8-byte uid and gid fields).
   *
   * @param length the field's length
   * @param value the number
   * @return true when octal digits can hold it
   */
  public static boolean fitsOctal(int length, long value) {
    return value >= 0 && (length >= 22 || value < 1L << (3 * (length - 1)));
  }

  /**
   * Writes a number in base-256 as Go's {@code formatNumeric} does for GNU headers (and as star and
   * commons-compress's {@code BIGNUMBER_STAR} do): the field holds the two's complement big-endian
   * value, its first byte's highest bit set to mark the encoding.
   *
   * @param block the header block
   * @param offset the field's offset
   * @param length the field's length
   * @param value the number
   * @param field the field's name, for the message
   * @throws IllegalArgumentException when the number does not fit {@code length - 1} bytes
   */
  public static void putBase256(byte[] block, int offset, int length, long value, String field) {
    int bits = (length - 1) * 8;
    if (length < 9 && (value < -(1L << bits) || value >= 1L << bits)) {
      throw new IllegalArgumentException(
          "tar " + field + " " + value + " does not fit a " + length + "-byte base-256 field");
    }
    long x = value;
    for (int i = length - 1; i >= 0; i--) {
      block[offset + i] = (byte) x;
      x >>= 8;
    }
    block[offset] |= (byte) 0x80;
  }

  private static void putDigits(
      byte[] block, int offset, int digits, long value, int length, String field) {
    String text = Long.toOctalString(value);
    if (value < 0 || text.length() > digits) {
      throw new IllegalArgumentException(
          "tar " + field + " " + value + " does not fit a " + length + "-byte octal field");
    }
    String padded = "0".repeat(digits - text.length()) + text;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, block, offset, digits);
  }

  /**
   * The checksum of a header: the sum of its bytes, the checksum field counted as eight spaces.
   *
   * @param buffer bytes holding the header
   * @param headerOffset where the header starts
   * @return the unsigned sum
   */
  public static long checksum(byte[] buffer, int headerOffset) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      boolean inChecksum = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH;
      sum += inChecksum ? ' ' : buffer[headerOffset + i] & 0xff;
    }
    return sum;
  }

  /**
   * Writes a checksum value as Go and GNU tar do: six octal digits, a NUL and a space.
   *
   * @param buffer bytes holding the header
   * @param headerOffset where the header starts
   * @param sum the value to write (need not be the right one)
   */
  public static void putChecksum(byte[] buffer, int headerOffset, long sum) {
    String digits = Long.toOctalString(sum & 0777777);
    digits = "0".repeat(6 - digits.length()) + digits;
    int at = headerOffset + CHECKSUM_OFFSET;
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, buffer, at, 6);
    buffer[at + 6] = 0;
    buffer[at + 7] = ' ';
  }

  /**
   * The number of zero bytes that pad {@code size} data bytes to a whole block.
   *
   * @param size the data size
   * @return 0 to 511
   */
  public static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  /**
   * Go's {@code formatPAXRecord}: {@code "<len> key=value\n"} where {@code len} counts the whole
   * record in bytes, its own digits included.
   *
   * @param key the key
   * @param value the value
   * @return the record
   */
  public static String paxRecord(String key, String value) {
    String rest = " " + key + "=" + value + "\n";
    int restLength = rest.getBytes(StandardCharsets.UTF_8).length;
    int length = restLength + 1;
    while (String.valueOf(length).length() + restLength != length) {
      length++;
    }
    return length + rest;
  }

  /**
   * Go's PAX header name: {@code path.Join(dir, "PaxHeaders.0", base)} for a clean name.
   *
   * @param name the entry name
   * @return the name of its PAX header
   */
  public static String paxName(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0
        ? "PaxHeaders.0/" + name
        : name.substring(0, slash + 1) + "PaxHeaders.0/" + name.substring(slash + 1);
  }

  /**
   * The name field of the PAX header Go's {@code writeRawFile} writes for an entry: {@link
   * #paxName} of the entry name (for a directory {@code dir/PaxHeaders.0}), non-ASCII characters
   * dropped, cut to 100 bytes, trailing slashes removed.
   *
   * @param name the entry name
   * @return the PAX header's name
   */
  public static String paxHeaderName(String name) {
    String trimmed = name;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    boolean directory = trimmed.length() < name.length();
    String joined = directory ? trimmed + "/PaxHeaders.0" : paxName(trimmed);
    StringBuilder ascii = new StringBuilder(joined.length());
    joined.chars().filter(c -> c < 0x80).forEach(c -> ascii.append((char) c));
    String cut = ascii.length() > 100 ? ascii.substring(0, 100) : ascii.toString();
    while (cut.endsWith("/")) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }
}
