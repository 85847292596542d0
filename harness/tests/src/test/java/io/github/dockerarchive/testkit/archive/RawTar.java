package io.github.dockerarchive.testkit.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tar bytes written block by block with every field under the caller's control, broken ones
 * included: the raw material of the differential tar cases.
 */
final class RawTar {
  static final int BLOCK = 512;

  /** How a header's magic and version are written. */
  enum Format {
    /** {@code ustar\0} {@code 00}. */
    USTAR,
    /** {@code ustar } {@code \0} (GNU tar). */
    GNU,
    /** No magic at all (Unix V7). */
    V7
  }

  /** How a numeric field is written. */
  enum Numbers {
    /** Octal digits, zero-padded, NUL-terminated. */
    OCTAL_NUL,
    /** Octal digits, zero-padded, space-terminated. */
    OCTAL_SPACE,
    /** Octal digits filling the whole field, no terminator. */
    OCTAL_FULL,
    /** Octal digits, space-padded on the left, NUL-terminated. */
    OCTAL_LEADING_SPACES,
    /** GNU base-256: high bit set, big-endian two's complement. */
    BASE256
  }

  /** How the checksum field is written. */
  enum Checksum {
    /** The unsigned sum, six octal digits, NUL, space (the standard). */
    UNSIGNED,
    /** The sum of the bytes as signed values (old Sun tar), when it differs. */
    SIGNED,
    /** A wrong sum. */
    WRONG,
    /** The sum written as seven octal digits and a space. */
    SEVEN_DIGITS
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** One header block, its fields set by the methods, then written with {@link #write}. */
  static final class Header {
    final byte[] block = new byte[BLOCK];
    Format format = Format.USTAR;
    Numbers numbers = Numbers.OCTAL_NUL;
    Checksum checksum = Checksum.UNSIGNED;

    Header(String name, byte type, long size) {
      bytes(0, 100, name.getBytes(StandardCharsets.UTF_8));
      block[156] = type;
      number(100, 8, 0644);
      number(108, 8, 0);
      number(116, 8, 0);
      number(124, 12, size);
      number(136, 12, 1_600_000_000L);
    }

    Header bytes(int offset, int length, byte[] value) {
      Arrays.fill(block, offset, offset + length, (byte) 0);
      System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
      return this;
    }

    Header link(String target) {
      return bytes(157, 100, target.getBytes(StandardCharsets.UTF_8));
    }

    Header prefix(String prefix) {
      return bytes(345, 155, prefix.getBytes(StandardCharsets.UTF_8));
    }

    Header size(long size) {
      return number(124, 12, size);
    }

    Header number(int offset, int length, long value) {
      byte[] field = new byte[length];
      switch (numbers) {
        case BASE256 -> {
          long v = value;
          for (int i = length - 1; i >= 1; i--) {
            field[i] = (byte) v;
            v >>= 8;
          }
          field[0] = (byte) (0x80 | (value < 0 ? 0x7f : 0));
        }
        case OCTAL_FULL -> fill(field, pad(Long.toOctalString(value), length, '0'));
        case OCTAL_SPACE -> {
          fill(field, pad(Long.toOctalString(value), length - 1, '0'));
          field[length - 1] = ' ';
        }
        case OCTAL_LEADING_SPACES -> fill(field, pad(Long.toOctalString(value), length - 1, ' '));
        default -> fill(field, pad(Long.toOctalString(value), length - 1, '0'));
      }
      return bytes(offset, length, field);
    }

    private static void fill(byte[] field, String text) {
      byte[] b = text.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(b, 0, field, 0, Math.min(b.length, field.length));
    }

    private static String pad(String s, int width, char c) {
      return s.length() >= width ? s : String.valueOf(c).repeat(width - s.length()) + s;
    }

    byte[] finish() {
      switch (format) {
        case USTAR -> {
          bytes(257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
          bytes(263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        }
        case GNU -> {
          bytes(257, 6, "ustar ".getBytes(StandardCharsets.US_ASCII));
          bytes(263, 2, " \0".getBytes(StandardCharsets.US_ASCII));
        }
        default -> {}
      }
      Arrays.fill(block, 148, 156, (byte) ' ');
      long unsigned = 0;
      long signed = 0;
      for (byte b : block) {
        unsigned += b & 0xff;
        signed += b;
      }
      long sum =
          switch (checksum) {
            case SIGNED -> signed;
            case WRONG -> unsigned + 1;
            default -> unsigned;
          };
      String text =
          checksum == Checksum.SEVEN_DIGITS
              ? pad(Long.toOctalString(sum & 0x7fffff), 7, '0') + " "
              : pad(Long.toOctalString(sum & 0x3ffff), 6, '0') + "\0 ";
      System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, block, 148, 8);
      return block;
    }
  }

  RawTar write(Header header) {
    out.writeBytes(header.finish());
    return this;
  }

  /** Writes data padded to whole blocks. */
  RawTar data(byte[] data) {
    out.writeBytes(data);
    int pad = (BLOCK - data.length % BLOCK) % BLOCK;
    out.writeBytes(new byte[pad]);
    return this;
  }

  /** Writes raw bytes as they are. */
  RawTar raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Writes {@code n} zero blocks. */
  RawTar zeroBlocks(int n) {
    out.writeBytes(new byte[n * BLOCK]);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** One PAX record: {@code "<len> key=value\n"} with its own length counted. */
  static String paxRecord(String key, String value) {
    int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }
}
