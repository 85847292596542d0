package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.image.ImageConfig;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apiguardian.api.API;

/**
 * Limits and switches of an {@link ArchiveReader}. Start from {@link #defaults()} and change what
 * you need with the {@code with...} methods.
 *
 * @param manifestLimit the largest {@code manifest.json} accepted, in bytes (RD-3; default 1 MiB)
 * @param configLimit the largest image config accepted, in bytes (RD-3; default 4 MiB)
 * @param temporaryDirectory where compressed archives and streams are decompressed to (RD-1)
 * @param maxArchiveSize the largest decompressed archive accepted, in bytes (SAFE-3; default: no
 *     cap)
 * @param maxLayerSize the largest decompressed layer accepted, in bytes (SAFE-3; default: no cap)
 * @param referenceMediaTypes whether layer descriptors carry the reference's {@code tar.gzip} media
 *     type instead of the type of the bytes returned (SRC-4 compatibility switch; default false)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReaderOptions(
    long manifestLimit,
    long configLimit,
    Path temporaryDirectory,
    long maxArchiveSize,
    long maxLayerSize,
    boolean referenceMediaTypes) {

  /** The default limit for {@code manifest.json}: 1 MiB (1,048,576 bytes). */
  public static final long DEFAULT_MANIFEST_LIMIT = 1L << 20;

  /** The default limit for an image config: {@link ImageConfig#DEFAULT_SIZE_LIMIT}, 4 MiB. */
  public static final long DEFAULT_CONFIG_LIMIT = ImageConfig.DEFAULT_SIZE_LIMIT;

  /**
   * Checks the values.
   *
   * @param manifestLimit the largest {@code manifest.json} accepted, in bytes (RD-3; default 1 MiB)
   * @param configLimit the largest image config accepted, in bytes (RD-3; default 4 MiB)
   * @param temporaryDirectory where compressed archives and streams are decompressed to (RD-1)
   * @param maxArchiveSize the largest decompressed archive accepted, in bytes (SAFE-3; default: no
   *     cap)
   * @param maxLayerSize the largest decompressed layer accepted, in bytes (SAFE-3; default: no cap)
   * @param referenceMediaTypes whether layer descriptors carry the reference's {@code tar.gzip}
   *     media type instead of the type of the bytes returned (SRC-4 compatibility switch; default
   *     false)
   */
  public ReaderOptions {
    if (manifestLimit <= 0 || configLimit <= 0 || maxArchiveSize <= 0 || maxLayerSize <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (temporaryDirectory == null) {
      throw new IllegalArgumentException("temporaryDirectory must not be null");
    }
  }

  /**
   * The defaults: 1 MiB manifest, 4 MiB config, the JVM's temporary directory, no decompression
   * caps, media types of the bytes returned.
   *
   * @return the default options
   */
  public static ReaderOptions defaults() {
    return new ReaderOptions(
        DEFAULT_MANIFEST_LIMIT,
        DEFAULT_CONFIG_LIMIT,
        Paths.get(System.getProperty("java.io.tmpdir")),
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        false);
  }

  /**
   * Sets the {@code manifest.json} limit.
   *
   * @param bytes the largest size accepted
   * @return changed options
   */
  public ReaderOptions withManifestLimit(long bytes) {
    return new ReaderOptions(
        bytes, configLimit, temporaryDirectory, maxArchiveSize, maxLayerSize, referenceMediaTypes);
  }

  /**
   * Sets the config limit.
   *
   * @param bytes the largest size accepted
   * @return changed options
   */
  public ReaderOptions withConfigLimit(long bytes) {
    return new ReaderOptions(
        manifestLimit,
        bytes,
        temporaryDirectory,
        maxArchiveSize,
        maxLayerSize,
        referenceMediaTypes);
  }

  /**
   * Sets the directory for decompressed copies.
   *
   * @param directory an existing directory
   * @return changed options
   */
  public ReaderOptions withTemporaryDirectory(Path directory) {
    return new ReaderOptions(
        manifestLimit, configLimit, directory, maxArchiveSize, maxLayerSize, referenceMediaTypes);
  }

  /**
   * Caps the decompressed size of the whole archive.
   *
   * @param bytes the largest decompressed size accepted
   * @return changed options
   */
  public ReaderOptions withMaxArchiveSize(long bytes) {
    return new ReaderOptions(
        manifestLimit, configLimit, temporaryDirectory, bytes, maxLayerSize, referenceMediaTypes);
  }

  /**
   * Caps the decompressed size of each layer.
   *
   * @param bytes the largest decompressed size accepted
   * @return changed options
   */
  public ReaderOptions withMaxLayerSize(long bytes) {
    return new ReaderOptions(
        manifestLimit, configLimit, temporaryDirectory, maxArchiveSize, bytes, referenceMediaTypes);
  }

  /**
   * Chooses the reference's layer media type ({@code ...rootfs.diff.tar.gzip}) for compatibility.
   *
   * @param compatible true to reproduce the reference's label
   * @return changed options
   */
  public ReaderOptions withReferenceMediaTypes(boolean compatible) {
    return new ReaderOptions(
        manifestLimit, configLimit, temporaryDirectory, maxArchiveSize, maxLayerSize, compatible);
  }
}
