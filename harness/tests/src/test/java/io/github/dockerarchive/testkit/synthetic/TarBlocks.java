package io.github.dockerarchive.testkit.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header blocks of a tar exactly as stored, without interpreting PAX or GNU extensions: each
 * header (extension headers included) with its raw fields and data, and where the end-of-archive
 * marker ends. For tests that assert the bytes a writer produced.
 */
final class TarBlocks {
  /** One header block and its data. */
  record Block(
      long offset,
      byte type,
      byte[] name,
      int mode,
      long size,
      byte[] linkName,
      String magic,
      byte[] prefix,
      byte[] data) {
    String nameText() {
      return new String(name, StandardCharsets.UTF_8);
    }

    String linkText() {
      return new String(linkName, StandardCharsets.UTF_8);
    }

    String dataText() {
      return new String(data, StandardCharsets.UTF_8);
    }

    /** The name with the ustar prefix joined in front, as a ustar reader sees it. */
    String fullName() {
      String n = nameText();
      return prefix.length == 0 ? n : new String(prefix, StandardCharsets.UTF_8) + "/" + n;
    }
  }

  final List<Block> blocks = new ArrayList<>();

  /** The offset just after the two zero blocks of the end-of-archive marker. */
  final long end;

  final byte[] bytes;

  private TarBlocks(byte[] tar) {
    bytes = tar;
    int at = 0;
    while (true) {
      if (at + 1024 > tar.length) {
        throw new AssertionError("tar of " + tar.length + " bytes has no end-of-archive marker");
      }
      if (zero(tar, at, 1024)) {
        end = at + 1024;
        return;
      }
      long size = octal(tar, at + 124, 12);
      byte[] data = Arrays.copyOfRange(tar, at + 512, (int) (at + 512 + size));
      blocks.add(
          new Block(
              at,
              tar[at + 156],
              field(tar, at, 100),
              (int) octal(tar, at + 100, 8),
              size,
              field(tar, at + 157, 100),
              new String(tar, at + 257, 8, StandardCharsets.ISO_8859_1),
              field(tar, at + 345, 155),
              data));
      at += 512 + (int) ((size + 511) / 512 * 512);
    }
  }

  static TarBlocks of(byte[] tar) {
    return new TarBlocks(tar);
  }

  /** The headers that are not PAX or GNU extension headers. */
  List<Block> members() {
    return blocks.stream().filter(b -> "xgLK".indexOf(b.type()) < 0).toList();
  }

  /** The member whose full name is {@code name}. */
  Block member(String name) {
    return members().stream()
        .filter(b -> b.fullName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no member \""
                        + name
                        + "\"; the tar holds "
                        + members().stream().map(Block::fullName).toList()));
  }

  /** The header just before {@code block}. */
  Block before(Block block) {
    int i = blocks.indexOf(block);
    if (i <= 0) {
      throw new AssertionError("no header before \"" + block.fullName() + "\"");
    }
    return blocks.get(i - 1);
  }

  /** The bytes after the end-of-archive marker. */
  byte[] afterEnd() {
    return Arrays.copyOfRange(bytes, (int) end, bytes.length);
  }

  private static byte[] field(byte[] tar, int offset, int length) {
    int n = 0;
    while (n < length && tar[offset + n] != 0) {
      n++;
    }
    return Arrays.copyOfRange(tar, offset, offset + n);
  }

  private static long octal(byte[] tar, int offset, int length) {
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      byte b = tar[i];
      if (b >= '0' && b <= '7') {
        value = value * 8 + (b - '0');
      } else if (value != 0 || b == 0) {
        break;
      }
    }
    return value;
  }

  static boolean zero(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
