package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.files.Spool;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes each distinct layer blob once per materialisation: the diffID from one generation pass, and
 * for a compressed blob the compressed bytes spooled (memory, or a temporary file beside the
 * target) while their digest is computed. {@link #close()} deletes every temporary file.
 */
final class BlobStore implements Closeable {
  private final long seed;
  private final Path temporaryDirectory;
  private final LayerTarWriter tarWriter;
  private final Map<Key, LayerBlob> blobs = new HashMap<>();
  private final Map<List<FileSpec>, Measured> measured = new HashMap<>();

  /** Compressed layers up to this size stay in memory; larger ones go to a temporary file. */
  private static final int SPOOL_THRESHOLD = 4 << 20;

  private final List<Spool> spools = new ArrayList<>();

  private record Key(List<FileSpec> files, Compression compression, boolean flip) {}

  private record Measured(Digest diffId, long size, long firstContent) {}

  BlobStore(long seed, Path temporaryDirectory) {
    this.seed = seed;
    this.temporaryDirectory = temporaryDirectory;
    this.tarWriter = new LayerTarWriter(new ContentGenerator());
  }

  /**
   * The blob of a layer.
   *
   * @param layer the layer
   * @param compression how it is stored
   * @param flip whether one byte of the stored content is changed after the digests are taken
   */
  LayerBlob blob(LayerSpec layer, Compression compression, boolean flip) throws IOException {
    Key key = new Key(layer.files(), compression, flip);
    LayerBlob blob = blobs.get(key);
    if (blob == null) {
      blob = make(layer.files(), compression, flip);
      blobs.put(key, blob);
    }
    return blob;
  }

  private LayerBlob make(List<FileSpec> files, Compression compression, boolean flip)
      throws IOException {
    Measured m = measured.get(files);
    if (m == null) {
      HashingOutputStream hash = new HashingOutputStream(null);
      long firstContent = tarWriter.write(files, seed, hash);
      m = new Measured(hash.digest(), hash.count(), firstContent);
      measured.put(files, m);
    }
    long flipAt = flip ? (m.firstContent() >= 0 ? m.firstContent() : m.size() - 1) : -1;
    if (compression == Compression.NONE) {
      return new LayerBlob(
          m.diffId(),
          m.size(),
          m.diffId(),
          m.size(),
          m.size(),
          compression,
          files,
          seed,
          flipAt,
          null,
          tarWriter);
    }
    Spool spool = new Spool(SPOOL_THRESHOLD, temporaryDirectory, ".synthetic-layer-");
    spools.add(spool);
    HashingOutputStream stored = new HashingOutputStream(spool);
    try (OutputStream compressed = Compressors.compress(compression, stored)) {
      tarWriter.write(
          files, seed, flipAt >= 0 ? new ByteFlippingOutputStream(compressed, flipAt) : compressed);
    }
    spool.close();
    Digest storedDigest = stored.digest();
    long storedSize = stored.count();
    long writtenSize = storedSize;
    if (flip) {
      // The truth (and the dialect's names) use the digest of the bytes without the defect.
      HashingOutputStream clean = new HashingOutputStream(null);
      try (OutputStream compressed = Compressors.compress(compression, clean)) {
        tarWriter.write(files, seed, compressed);
      }
      storedDigest = clean.digest();
      storedSize = clean.count();
    }
    return new LayerBlob(
        m.diffId(),
        m.size(),
        storedDigest,
        storedSize,
        writtenSize,
        compression,
        files,
        seed,
        flipAt,
        spool,
        tarWriter);
  }

  @Override
  public void close() {
    for (Spool spool : spools) {
      try {
        spool.delete();
      } catch (IOException ignored) {
        // best effort on cleanup; the file is in the caller's directory and named .synthetic-*
      }
    }
    spools.clear();
  }
}
