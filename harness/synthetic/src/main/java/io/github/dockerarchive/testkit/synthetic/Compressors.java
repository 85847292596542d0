package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Deterministic compressing streams, tuned for speed (gzip level 1 as go-containerregistry uses, xz
 * preset 1, zstd level 3, bzip2 block size 9). Closing the returned stream finishes the compressed
 * data but never closes {@code out}.
 */
final class Compressors {
  private Compressors() {}

  static OutputStream compress(Compression compression, OutputStream out) throws IOException {
    OutputStream shielded = new NonClosingOutputStream(out);
    return switch (compression) {
      case NONE -> shielded;
      case GZIP -> new FastGzip(shielded);
      case BZIP2 -> new BZip2CompressorOutputStream(shielded);
      case XZ -> new XZCompressorOutputStream(shielded, 1);
      case ZSTD -> new ZstdCompressorOutputStream(shielded, 3);
    };
  }

  /** gzip at {@link Deflater#BEST_SPEED}; the JDK writes mtime 0 and no file name. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  /** Passes everything through but ignores {@code close()} (only flushes). */
  static final class NonClosingOutputStream extends OutputStream {
    private final OutputStream out;

    NonClosingOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
