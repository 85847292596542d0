package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader.Measurement;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Per-archive cache of what it costs a full read to learn about a layer entry: its compression, its
 * decompressed size and the digest of its decompressed bytes (SRC-5, SRC-6). Each is computed once
 * per archive however many images or threads ask.
 */
final class LayerMeasurements {
  private static final int BUFFER = 1 << 18;

  private final ArchiveReader reader;
  private final ConcurrentHashMap<String, CompletableFuture<Compression>> compressions =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Measurement>> digests =
      new ConcurrentHashMap<>();

  LayerMeasurements(ArchiveReader reader) {
    this.reader = reader;
  }

  /** The compression of the entry, from its first bytes. */
  Compression compression(TarEntry entry) throws ArchiveException {
    return once(compressions, entry.name(), () -> detect(entry));
  }

  /**
   * The decompressed size of the entry: the header size for an uncompressed entry (no data read), a
   * full decompression otherwise.
   */
  Measurement size(TarEntry entry) throws ArchiveException {
    Compression c = compression(entry);
    if (c == Compression.NONE) {
      return new Measurement(c, entry.size(), null);
    }
    return contentDigest(entry, Digest.SHA256);
  }

  /** The digest and size of the entry's decompressed content. */
  Measurement contentDigest(TarEntry entry, String algorithm) throws ArchiveException {
    return once(digests, entry.name() + "\u0000" + algorithm, () -> hash(entry, algorithm));
  }

  private Compression detect(TarEntry entry) throws ArchiveException {
    try (InputStream in = reader.openStream(entry)) {
      byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
      return Compression.detect(head, head.length);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(
          null, "reading entry \"" + entry.rawName() + "\": " + TarIndex.describe(e), e);
    }
  }

  private Measurement hash(TarEntry entry, String algorithm) throws ArchiveException {
    Compression c = compression(entry);
    MessageDigest md = Digest.newMessageDigest(algorithm);
    long cap = reader.options().maxLayerSize();
    long total = 0;
    String what = "layer \"" + entry.rawName() + "\"";
    try (InputStream in = c.decompress(reader.openStream(entry))) {
      byte[] buffer = new byte[BUFFER];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        md.update(buffer, 0, n);
        total += n;
        if (total > cap) {
          throw new LimitExceededException(
              "SAFE-3", what + " decompresses to more than the limit of " + cap + " bytes");
        }
      }
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedArchiveException(
          "ARC-5",
          "decompressing "
              + c.label()
              + " "
              + what
              + " to determine its size: "
              + TarIndex.describe(e)
              + " after "
              + total
              + " bytes",
          e);
    }
    byte[] hash = md.digest();
    return new Measurement(c, total, Digest.of(algorithm, hash));
  }

  @FunctionalInterface
  private interface Computation<T> {
    T compute() throws ArchiveException;
  }

  private static <T> T once(
      ConcurrentHashMap<String, CompletableFuture<T>> cache, String key, Computation<T> computation)
      throws ArchiveException {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> existing = cache.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        T value = computation.compute();
        mine.complete(value);
        return value;
      } catch (ArchiveException | RuntimeException e) {
        cache.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArchiveException(null, "interrupted while waiting for " + key, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ArchiveException a) {
        throw a;
      }
      throw new ArchiveException(null, "measuring " + key + ": " + e.getCause(), e.getCause());
    }
  }
}
