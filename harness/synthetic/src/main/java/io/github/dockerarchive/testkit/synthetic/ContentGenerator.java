package io.github.dockerarchive.testkit.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * File content: seeded, a {@link SplittableRandom} filling a reused buffer eight bytes at a time,
 * so gigabytes are produced at memory speed; or zeros ({@link FileContent}). One generator per
 * materialisation (not thread-safe).
 */
final class ContentGenerator {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int BUFFER = 1 << 16;

  private final byte[] buffer = new byte[BUFFER];
  private final FileContent kind;

  ContentGenerator() {
    this(FileContent.SEEDED);
  }

  ContentGenerator(FileContent kind) {
    this.kind = kind;
  }

  /**
   * Writes {@code size} bytes seeded by {@code seed}.
   *
   * @param seed the content seed (see {@link #fileSeed})
   * @param size how many bytes
   * @param out where to write
   */
  void write(long seed, long size, OutputStream out) throws IOException {
    if (out instanceof Counter counter) {
      counter.count += size;
      return;
    }
    if (kind == FileContent.ZEROS) {
      for (long left = size; left > 0; left -= BUFFER) {
        out.write(buffer, 0, (int) Math.min(BUFFER, left));
      }
      return;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long left = size;
    while (left > 0) {
      int n = (int) Math.min(BUFFER, left);
      int longs = (n + 7) >>> 3;
      int full = Math.min(longs, BUFFER >>> 3);
      for (int i = 0; i < full; i++) {
        LONGS.set(buffer, i << 3, random.nextLong());
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /**
   * Counts what a layer tar writer writes, file contents included, without anyone making them: a
   * layer's tar size for the price of its headers.
   */
  static final class Counter extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }

    long count() {
      return count;
    }
  }

  /**
   * The seed of one file: a mix of the archive seed, the layer's identity (a stable hash of its
   * entries, so equal layer specs give equal bytes wherever they appear) and the file's position.
   */
  static long fileSeed(long archiveSeed, long layerHash, int fileIndex) {
    return mix(mix(archiveSeed ^ 0x9E3779B97F4A7C15L) ^ layerHash) + fileIndex;
  }

  /** A stable 64-bit hash of a layer's entries (FNV-1a over a canonical text form). */
  static long layerHash(List<FileSpec> files) {
    long h = 0xcbf29ce484222325L;
    for (FileSpec f : files) {
      String text =
          f.path()
              + '\0'
              + f.kind()
              + '\0'
              + f.size()
              + '\0'
              + f.mode()
              + '\0'
              + f.target()
              + (f.header().isDefault() ? "" : "\0" + f.header())
              + '\n';
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
    }
    return h;
  }

  /** Stafford's mix13 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
