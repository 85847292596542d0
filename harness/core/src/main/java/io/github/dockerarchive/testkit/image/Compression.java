package io.github.dockerarchive.testkit.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apiguardian.api.API;

/**
 * The compressions an archive or a layer may use, recognised by their magic bytes only, never by a
 * file name (ARC-1, ARC-5).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Compression {
  /** Not compressed: the bytes are passed through. */
  NONE(new byte[0], "tar"),
  /** gzip: {@code 1F 8B 08}. */
  GZIP(new byte[] {0x1f, (byte) 0x8b, 0x08}, "tar+gzip"),
  /**
   * bzip2: {@code 42 5A 68} ("BZh"), then a level digit and a block or end-of-stream marker (so an
   * uncompressed tar whose first name starts with "BZh" is not taken for bzip2).
   */
  BZIP2(new byte[] {0x42, 0x5a, 0x68}, "tar+bzip2"),
  /** xz: {@code FD 37 7A 58 5A 00}. */
  XZ(new byte[] {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00}, "tar+xz"),
  /** zstd: {@code 28 B5 2F FD}. */
  ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "tar+zstd");

  /** The number of leading bytes {@link #detect(byte[], int)} needs to decide. */
  public static final int MAGIC_LENGTH = 10;

  /** What follows {@code BZh<level>}: a block header (pi) or, for empty input, the end marker. */
  private static final byte[][] BZIP2_NEXT = {
    {0x31, 0x41, 0x59, 0x26, 0x53, 0x59}, {0x17, 0x72, 0x45, 0x38, 0x50, (byte) 0x90}
  };

  private static final int BUFFER = 1 << 16;

  /**
   * The most memory the xz decoder may use, in KiB: 256 MiB, or half the maximum heap when that is
   * less. xz presets use dictionaries of at most 64 MiB, but the header may ask for 1.5 GiB, which
   * the decoder allocates up front: a few bytes of hostile input must not exhaust the heap (SAFE-1,
   * SAFE-3). A fixed 256 MiB was not enough on a small heap: a header asking for 192 MiB passed the
   * check and the allocation then died with an {@link OutOfMemoryError} under {@code -Xmx128m}.
   * zstd (window limit 128 MiB by default, off-heap), bzip2 and gzip are bounded by their formats.
   */
  static final int XZ_MEMORY_LIMIT_KIB =
      (int) Math.min(256L * 1024, Runtime.getRuntime().maxMemory() / 2 / 1024);

  private final byte[] magic;
  private final String label;

  Compression(byte[] magic, String label) {
    this.magic = magic;
    this.label = label;
  }

  /**
   * Recognises a compression by the first bytes of the data.
   *
   * @param head the first bytes (up to {@link #MAGIC_LENGTH})
   * @param length how many bytes of {@code head} are valid
   * @return the compression, {@link #NONE} when no magic matches
   */
  public static Compression detect(byte[] head, int length) {
    for (Compression c : values()) {
      if (c != NONE && c.magic.length <= length && startsWith(head, c.magic)) {
        if (c == BZIP2 && !isBzip2Stream(head, length)) {
          continue;
        }
        return c;
      }
    }
    return NONE;
  }

  /**
   * "BZh" alone is a known false positive (an uncompressed tar whose first entry name starts with
   * it, docs/reference.md §3.3); a real bzip2 stream has a level digit and then a block or end
   * marker.
   */
  private static boolean isBzip2Stream(byte[] head, int length) {
    if (length < 4 || head[3] < '1' || head[3] > '9') {
      return false;
    }
    if (length < 10) {
      return true;
    }
    for (byte[] next : BZIP2_NEXT) {
      boolean match = true;
      for (int i = 0; i < next.length; i++) {
        match &= head[4 + i] == next[i];
      }
      if (match) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A short label, for messages and reports.
   *
   * @return for example {@code tar+gzip}
   */
  public String label() {
    return label;
  }

  /**
   * Wraps a stream positioned at the start of compressed data in a decompressor.
   *
   * @param compressed the compressed bytes (for {@link #NONE}, returned unchanged)
   * @return the decompressed bytes
   * @throws IOException if the decoder cannot start (for example a bad gzip header)
   */
  public InputStream decompress(InputStream compressed) throws IOException {
    return switch (this) {
      case NONE -> compressed;
      case GZIP -> new GZIPInputStream(compressed, BUFFER);
      case BZIP2 ->
          new BZip2CompressorInputStream(new BufferedInputStream(compressed, BUFFER), true);
      case XZ ->
          new XZCompressorInputStream(
              new BufferedInputStream(compressed, BUFFER), true, XZ_MEMORY_LIMIT_KIB);
      case ZSTD -> new ZstdCompressorInputStream(new BufferedInputStream(compressed, BUFFER));
    };
  }
}
