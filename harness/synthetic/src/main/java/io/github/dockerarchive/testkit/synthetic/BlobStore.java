package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.files.Spool;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
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
  private final Map<FileContent, LayerTarWriter> tarWriters = new EnumMap<>(FileContent.class);
  private final Map<Key, LayerBlob> blobs = new HashMap<>();
  private final Map<Source, Measured> measured = new HashMap<>();

  /** Compressed layers up to this size stay in memory; larger ones go to a temporary file. */
  private static final int SPOOL_THRESHOLD = 4 << 20;

  private final List<Spool> spools = new ArrayList<>();

  private final Map<Source, LayerBlob.Deferral> deferrals = new HashMap<>();
  private boolean deferring;

  /** What a layer's uncompressed tar is made of. */
  private record Source(List<FileSpec> files, FileContent content) {}

  private record Key(Source source, Compression compression, boolean flip) {}

  private record Measured(Digest diffId, long size, long firstContent) {}

  BlobStore(long seed, Path temporaryDirectory) {
    this.seed = seed;
    this.temporaryDirectory = temporaryDirectory;
    for (FileContent content : FileContent.values()) {
      tarWriters.put(content, new LayerTarWriter(new ContentGenerator(content)));
    }
  }

  /**
   * The blob of a layer.
   *
   * @param layer the layer
   * @param compression how it is stored
   * @param flip whether one byte of the stored content is changed after the digests are taken
   */
  LayerBlob blob(LayerSpec layer, Compression compression, boolean flip) throws IOException {
    Key key = new Key(new Source(layer.files(), layer.content()), compression, flip);
    LayerBlob blob = blobs.get(key);
    if (blob == null) {
      blob = make(key.source(), compression, flip);
      blobs.put(key, blob);
    }
    return blob;
  }

  /**
   * From now on an uncompressed layer (without a flipped byte) that was not measured yet gets a
   * placeholder digest and is hashed while it is written (see {@link LayerBlob.Deferral}); {@link
   * #resolveDeferred()} then gives its real digests.
   */
  void deferUncompressed() {
    deferring = true;
  }

  /**
   * After the first writing: the deferred layers now have their real digests, and the blobs this
   * store gives out skip their bytes, which are in place.
   *
   * @return false when a deferred layer was never written (its digest is unknown)
   */
  boolean resolveDeferred() {
    deferring = false;
    for (LayerBlob.Deferral d : deferrals.values()) {
      if (d.diffId == null) {
        return false;
      }
    }
    blobs
        .keySet()
        .removeIf(
            k ->
                k.compression() == Compression.NONE
                    && !k.flip()
                    && deferrals.containsKey(k.source()));
    return true;
  }

  private LayerBlob make(Source source, Compression compression, boolean flip) throws IOException {
    List<FileSpec> files = source.files();
    LayerTarWriter tarWriter = tarWriters.get(source.content());
    if (compression == Compression.NONE && !flip) {
      LayerBlob.Deferral deferral = deferrals.get(source);
      if (deferral == null && deferring && !measured.containsKey(source)) {
        ContentGenerator.Counter counter = new ContentGenerator.Counter();
        tarWriter.write(files, seed, counter);
        Digest placeholder =
            Digest.sha256(
                ("layer written before its digest is known #" + deferrals.size())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deferral = new LayerBlob.Deferral(placeholder, counter.count());
        deferrals.put(source, deferral);
      }
      if (deferral != null) {
        Digest digest =
            deferral.diffId != null && !deferring ? deferral.diffId : deferral.placeholder;
        long size = deferral.size;
        return new LayerBlob(
            digest,
            size,
            digest,
            size,
            size,
            compression,
            files,
            seed,
            -1,
            null,
            tarWriter,
            deferral);
      }
    }
    Measured m = measured.get(source);
    if (m == null) {
      HashingOutputStream hash = new HashingOutputStream(null);
      long firstContent = tarWriter.write(files, seed, hash);
      m = new Measured(hash.digest(), hash.count(), firstContent);
      measured.put(source, m);
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
          tarWriter,
          null);
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
        tarWriter,
        null);
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
