package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Copies one image from any {@link ImageInput} to any {@link ImageOutput}, streaming and verifying
 * every blob (once: the output's {@code putBlob} checks what it stores, so layers are read raw),
 * reusing blobs the output already has, and converting the manifest where the output needs another
 * type: layers are decompressed for a docker-archive (keyed by diffID), kept as stored for an OCI
 * layout or a {@code dir:} directory (whose manifest is kept byte for byte when the type allows, so
 * its digest survives). Outputs that store each blob in a file of its own ({@link
 * ImageOutput#acceptsConcurrentBlobs()}) receive layers on one thread per core (up to four) from
 * inputs that can serve them so ({@link ImageInput#servesConcurrentBlobs()}), so hashing a
 * many-layer image is not bound by one core.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImageCopier {
  private static final long CONFIG_LIMIT = ImageConfig.DEFAULT_SIZE_LIMIT;

  /** Layers copied at once into outputs that accept it: one per core, at most four. */
  private static final int LAYER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /** Receives the number of blob bytes read from the input as a copy goes. */
  @FunctionalInterface
  public interface Progress {
    /**
     * Called as bytes are read; calls never overlap, but may come from the threads that copy layers
     * in parallel.
     *
     * @param done bytes read so far
     * @param total bytes to read in all (stored sizes from the manifest)
     */
    void progress(long done, long total);

    /** Ignores progress. */
    Progress NONE = (done, total) -> {};
  }

  /**
   * What was copied.
   *
   * @param configDigest the config digest (the image ID)
   * @param layers the layer descriptors written to the output's manifest
   * @param manifest the manifest bytes given to the output
   * @param reusedBlobs how many blobs the output already had
   */
  public record Result(
      Digest configDigest, List<Descriptor> layers, byte[] manifest, int reusedBlobs) {}

  private ImageCopier() {}

  /**
   * Copies an image and commits it to the output. Tags are the caller's business ({@link
   * ImageOutput#addRepoTags}) before calling this.
   *
   * @param in the image to read
   * @param out where to write it
   * @param progress receives progress
   * @return what was written
   * @throws ArchiveException if anything cannot be read, verified or written
   */
  public static Result copy(ImageInput in, ImageOutput out, Progress progress)
      throws ArchiveException {
    ImageManifest manifest = ImageManifest.parse(in.manifestBytes(), in.manifestMediaType());
    byte[] config = readConfig(in, manifest.config());
    Digest configDigest = manifest.config().digest();
    long total = manifest.layers().stream().mapToLong(Descriptor::size).sum();
    Counter counter = new Counter(progress, total);
    List<Descriptor> layers = new ArrayList<>();
    int reused = 0;
    if (out.wantsDecompressedLayers()) {
      List<Digest> diffIds = ImageConfig.diffIds(config, in.describe() + " config");
      if (diffIds.size() != manifest.layers().size()) {
        throw new InvalidConfigException(
            "SRC-2",
            "Inconsistent layer count: "
                + manifest.layers().size()
                + " in manifest, "
                + diffIds.size()
                + " in config of "
                + in.describe());
      }
      for (int i = 0; i < diffIds.size(); i++) {
        Descriptor stored = manifest.layers().get(i);
        Digest diffId = diffIds.get(i);
        Optional<BlobInfo> existing = out.tryReusingBlob(BlobInfo.of(diffId, -1));
        BlobInfo written;
        if (existing.isPresent()) {
          written = existing.get();
          reused++;
          counter.add(stored.size());
        } else {
          written = putDecompressed(in, out, stored, diffId, counter);
        }
        layers.add(Descriptor.of(MediaTypes.DOCKER_LAYER_TAR, diffId, written.size()));
      }
    } else {
      List<ConcurrentBlobCopies.Copy> copies = new ArrayList<>();
      Set<Digest> planned = new HashSet<>();
      for (Descriptor stored : manifest.layers()) {
        Optional<BlobInfo> existing = out.tryReusingBlob(BlobInfo.of(stored.digest(), -1));
        if (existing.isPresent() || !planned.add(stored.digest())) {
          reused++;
          counter.add(stored.size());
        } else {
          copies.add(() -> putStored(in, out, stored, counter));
        }
        layers.add(stored);
      }
      boolean parallel = out.acceptsConcurrentBlobs() && in.servesConcurrentBlobs();
      ConcurrentBlobCopies.runAll(copies, parallel ? LAYER_THREADS : 1);
    }
    out.putBlob(
        new ByteArrayInputStream(config),
        new BlobInfo(configDigest, config.length, manifest.config().mediaType()),
        true);
    byte[] outManifest = outputManifest(in, out, manifest, layers, config.length);
    out.putManifest(outManifest);
    out.commit();
    return new Result(configDigest, List.copyOf(layers), outManifest, reused);
  }

  private static byte[] readConfig(ImageInput in, Descriptor config) throws ArchiveException {
    if (config.size() > CONFIG_LIMIT) {
      throw new LimitExceededException(
          "RD-3",
          "config "
              + config.digest()
              + " of "
              + in.describe()
              + " is "
              + config.size()
              + " bytes, over the limit of "
              + CONFIG_LIMIT);
    }
    try (BlobStream blob = in.getBlob(config.digest())) {
      byte[] bytes = blob.readNBytes((int) CONFIG_LIMIT + 1);
      if (bytes.length > CONFIG_LIMIT) {
        throw new LimitExceededException(
            "RD-3", "config of " + in.describe() + " exceeds " + CONFIG_LIMIT + " bytes");
      }
      blob.drain();
      return bytes;
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(null, "reading the config of " + in.describe() + ": " + e, e);
    }
  }

  private static void putStored(ImageInput in, ImageOutput out, Descriptor stored, Counter counter)
      throws ArchiveException {
    try (BlobStream blob = in.rawBlob(stored.digest())) {
      out.putBlob(
          counter.wrap(blob),
          new BlobInfo(stored.digest(), stored.size(), stored.mediaType()),
          false);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(null, "copying layer " + stored.digest() + ": " + e, e);
    }
  }

  private static BlobInfo putDecompressed(
      ImageInput in, ImageOutput out, Descriptor stored, Digest diffId, Counter counter)
      throws ArchiveException {
    try (BlobStream blob = in.rawBlob(stored.digest())) {
      BufferedInputStream buffered = new BufferedInputStream(counter.wrap(blob), 1 << 16);
      buffered.mark(Compression.MAGIC_LENGTH);
      byte[] head = buffered.readNBytes(Compression.MAGIC_LENGTH);
      buffered.reset();
      Compression compression = Compression.detect(head, head.length);
      BlobInfo result;
      if (compression == Compression.NONE) {
        long size = stored.digest().equals(diffId) ? stored.size() : BlobInfo.UNKNOWN_SIZE;
        result = out.putBlob(buffered, new BlobInfo(diffId, size, null), false);
      } else {
        InputStream plain;
        try {
          plain = compression.decompress(buffered);
        } catch (IOException e) {
          throw new MalformedArchiveException(
              "ARC-5",
              "layer "
                  + stored.digest()
                  + " of "
                  + in.describe()
                  + ": bad "
                  + compression.label()
                  + " data: "
                  + e.getMessage(),
              e);
        }
        result = out.putBlob(plain, new BlobInfo(diffId, BlobInfo.UNKNOWN_SIZE, null), false);
      }
      buffered.transferTo(OutputStream.nullOutputStream());
      return result;
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(null, "copying layer " + stored.digest() + ": " + e, e);
    }
  }

  private static byte[] outputManifest(
      ImageInput in,
      ImageOutput out,
      ImageManifest manifest,
      List<Descriptor> layers,
      int configSize)
      throws ArchiveException {
    List<String> supported = out.supportedManifestMediaTypes();
    if (!out.wantsDecompressedLayers() && supported.contains(in.manifestMediaType())) {
      return in.manifestBytes();
    }
    String target = supported.get(0);
    Digest config = manifest.config().digest();
    if (MediaTypes.DOCKER_MANIFEST_V2.equals(target)) {
      List<Descriptor> converted = new ArrayList<>();
      for (Descriptor l : layers) {
        String type = MediaTypes.toDockerLayer(l.mediaType());
        if (type == null) {
          throw new ManifestTypeRejectedException(
              "WR-5",
              "layer "
                  + l.digest()
                  + " of type "
                  + l.mediaType()
                  + " cannot be described in a Docker schema 2 manifest",
              l.mediaType());
        }
        converted.add(l.withMediaType(type));
      }
      return new ImageManifest(
              target, Descriptor.of(MediaTypes.DOCKER_CONFIG, config, configSize), converted)
          .toDockerSchema2();
    }
    List<Descriptor> converted = new ArrayList<>();
    for (Descriptor l : layers) {
      converted.add(l.withMediaType(MediaTypes.toOciLayer(l.mediaType())));
    }
    return new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            Descriptor.of(MediaTypes.OCI_CONFIG, config, configSize),
            converted)
        .toOci();
  }

  /** Counts bytes read from the input and reports progress. */
  private static final class Counter {
    private final Progress progress;
    private final long total;
    private long done;

    Counter(Progress progress, long total) {
      this.progress = progress;
      this.total = total;
    }

    synchronized void add(long n) {
      done += n;
      progress.progress(done, total);
    }

    InputStream wrap(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            add(1);
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            add(n);
          }
          return n;
        }
      };
    }
  }
}
