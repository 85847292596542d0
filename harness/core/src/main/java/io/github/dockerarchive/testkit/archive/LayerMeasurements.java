package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader.Measurement;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Per-archive cache of what it costs a full read to learn about a layer entry: its compression, its
 * decompressed size and the digest of its decompressed bytes (SRC-5, SRC-6). Each is computed once
 * per archive however many images or threads ask. The same pass hashes the stored bytes (OCI-2) and
 * walks the layer tar's headers (LAY-1, LAY-2), so nothing reads a layer twice.
 */
final class LayerMeasurements {
  private static final int BUFFER = 1 << 18;

  private final ArchiveReader reader;
  private final ConcurrentHashMap<String, CompletableFuture<Compression>> compressions =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Measurement>> digests =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LayerScan> scans = new ConcurrentHashMap<>();

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
    MessageDigest stored = c == Compression.NONE ? null : Digest.newSha256();
    long cap = reader.options().maxLayerSize();
    String what = "layer \"" + entry.rawName() + "\"";
    Hashing hashing = null;
    try (InputStream raw = reader.openStream(entry)) {
      InputStream storedBytes = stored == null ? raw : new DigestInputStream(raw, stored);
      try (InputStream in = c.decompress(storedBytes)) {
        hashing = new Hashing(in, md, cap, what);
        LayerTarScan scan = new LayerTarScan();
        String unreadable = null;
        try {
          GoTarReader.scan(new LayerTarScan.StreamInput(hashing), scan);
        } catch (GoTarReader.TarFormatException | RuntimeException e) {
          // Not a tar Go reads: nothing to judge (decompression failures arrive as IOExceptions).
          unreadable = TarIndex.describe(e);
        }
        hashing.drain();
        if (stored != null) {
          storedBytes.transferTo(OutputStream.nullOutputStream());
        }
        byte[] hash = md.digest();
        Digest content = Digest.of(algorithm, hash);
        Digest storedDigest =
            stored != null
                ? Digest.ofSha256(stored.digest())
                : Digest.SHA256.equals(algorithm) ? content : null;
        if (storedDigest != null) {
          scans.put(entry.name(), new LayerScan(storedDigest, scan.findings(unreadable)));
        }
        return new Measurement(c, hashing.total, content);
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
              + (hashing == null ? 0 : hashing.total)
              + " bytes",
          e);
    }
  }

  /**
   * What hashing an entry learned besides its content digest: the sha256 of its stored bytes (an
   * OCI descriptor's digest, OCI-2) and the shape of its tar members (LAY-1, LAY-2).
   *
   * @param storedDigest the sha256 of the bytes as stored (compressed or not)
   * @param findings the scan of the layer tar's members
   */
  record LayerScan(Digest storedDigest, LayerTarScan.Findings findings) {}

  /**
   * The scan of an entry already hashed, or null.
   *
   * @param entry the layer entry
   * @return what its hashing learned
   */
  LayerScan scan(TarEntry entry) {
    return scans.get(entry.name());
  }

  /**
   * The sha256 of the entry's stored bytes: from its hashing when it was hashed, else by hashing it
   * now (once).
   */
  Digest storedDigest(TarEntry entry) throws ArchiveException {
    LayerScan scan = scans.get(entry.name());
    if (scan == null) {
      contentDigest(entry, Digest.SHA256);
      scan = scans.get(entry.name());
    }
    return scan.storedDigest();
  }

  /** The decompressed stream, hashed and counted as it is read, failing past the size cap. */
  private static final class Hashing extends FilterInputStream {
    private final MessageDigest md;
    private final long cap;
    private final String what;
    long total;

    Hashing(InputStream in, MessageDigest md, long cap, String what) {
      super(in);
      this.md = md;
      this.cap = cap;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (RuntimeException e) {
        // A decoder's unchecked failure: an IOException, so the tar walk does not take it for its
        // own.
        throw new IOException(TarIndex.describe(e), e);
      }
      if (n > 0) {
        md.update(b, off, n);
        total += n;
        if (total > cap) {
          throw new LimitExceededException(
              "SAFE-3", what + " decompresses to more than the limit of " + cap + " bytes");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skipping would leave bytes unhashed");
    }

    /** Reads (and hashes) everything left. */
    void drain() throws IOException {
      byte[] buffer = new byte[BUFFER];
      while (read(buffer, 0, buffer.length) >= 0) {
        // hashed by read
      }
    }
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
