package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.files.Spool;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
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
  private final Deferral deferral;

  /** From this size a deferred layer is hashed on a second thread; below, inline. */
  static final long CONCURRENT_HASHING_MIN_BYTES = 4 << 20;

  /**
   * An uncompressed layer written once, in one pass, before its digest is known: the materialiser
   * writes the archive with a placeholder digest of the same length while the layer's bytes are
   * hashed on their way to the file, then writes the archive again with the real digests, skipping
   * the layer bytes already in place ({@link SyntheticArchives}).
   */
  static final class Deferral {
    final Digest placeholder;
    final long size;
    final List<Long> offsets = new ArrayList<>();
    Digest diffId;

    Deferral(Digest placeholder, long size) {
      this.placeholder = placeholder;
      this.size = size;
    }
  }

  /** A prewritten layer is not where the second writing of the archive expects it. */
  static final class NotInPlace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotInPlace(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A blob.
   *
   * @param deferral for an uncompressed layer written in one pass, else null
   */
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
      LayerTarWriter tarWriter,
      Deferral deferral) {
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
    this.deferral = deferral;
  }

  /**
   * Writes exactly {@link #writtenSize} bytes ({@link #storedSize} unless a byte was flipped inside
   * a compressed blob, which changes the compressed length).
   */
  void writeTo(OutputStream out) throws IOException {
    if (deferral != null) {
      writeDeferred(out);
      return;
    }
    if (spool != null) {
      spool.copyTo(out);
      return;
    }
    OutputStream target = flipAt >= 0 ? new ByteFlippingOutputStream(out, flipAt) : out;
    tarWriter.write(files, seed, target);
    target.flush();
  }

  /**
   * First writing: the bytes go out while a second thread hashes them, and where they went is
   * noted. Second writing (the digest known): the bytes are skipped where they already are.
   */
  private void writeDeferred(OutputStream out) throws IOException {
    TarSink.EntryData data = out instanceof TarSink.EntryData d ? d : null;
    if (!diffId.equals(deferral.placeholder)) {
      if (data == null || !deferral.offsets.contains(data.archivePosition())) {
        throw new NotInPlace(
            "layer "
                + diffId
                + " was written at "
                + deferral.offsets
                + ", the archive now puts it at "
                + (data == null ? "a stream" : data.archivePosition()));
      }
      data.skip(size);
      return;
    }
    if (data != null) {
      deferral.offsets.add(data.archivePosition());
    }
    long written;
    if (size < CONCURRENT_HASHING_MIN_BYTES) {
      HashingOutputStream hashing = new HashingOutputStream(out);
      tarWriter.write(files, seed, hashing);
      written = hashing.count();
      deferral.diffId = hashing.digest();
    } else {
      try (ConcurrentHashingOutputStream hashing = new ConcurrentHashingOutputStream(out)) {
        tarWriter.write(files, seed, hashing);
        written = hashing.count();
        deferral.diffId = hashing.digest();
      }
    }
    if (written != size) {
      throw new IllegalStateException("layer tar: counted " + size + " bytes, wrote " + written);
    }
  }
}
