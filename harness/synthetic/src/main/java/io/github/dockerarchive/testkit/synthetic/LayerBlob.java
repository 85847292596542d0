package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.files.Spool;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One stored layer blob: its diffID and uncompressed size, the digest and size of its stored bytes,
 * and a way to write those bytes. Uncompressed blobs are regenerated on write (the generator is
 * deterministic and faster than a disk round trip); compressed ones are replayed from a {@link
 * Spool}.
 */
final class LayerBlob {
  final Digest diffId;
  final long size;
  final Digest storedDigest;
  final long storedSize;
  final Compression compression;
  final long writtenSize;
  private final List<FileSpec> files;
  private final long seed;
  private final long flipAt;
  private final Spool spool;
  private final LayerTarWriter tarWriter;

  LayerBlob(
      Digest diffId,
      long size,
      Digest storedDigest,
      long storedSize,
      long writtenSize,
      Compression compression,
      List<FileSpec> files,
      long seed,
      long flipAt,
      Spool spool,
      LayerTarWriter tarWriter) {
    this.diffId = diffId;
    this.size = size;
    this.storedDigest = storedDigest;
    this.storedSize = storedSize;
    this.compression = compression;
    this.writtenSize = writtenSize;
    this.files = files;
    this.seed = seed;
    this.flipAt = flipAt;
    this.spool = spool;
    this.tarWriter = tarWriter;
  }

  /**
   * Writes exactly {@link #writtenSize} bytes ({@link #storedSize} unless a byte was flipped inside
   * a compressed blob, which changes the compressed length).
   */
  void writeTo(OutputStream out) throws IOException {
    if (spool != null) {
      spool.copyTo(out);
      return;
    }
    OutputStream target = flipAt >= 0 ? new ByteFlippingOutputStream(out, flipAt) : out;
    tarWriter.write(files, seed, target);
    target.flush();
  }
}
