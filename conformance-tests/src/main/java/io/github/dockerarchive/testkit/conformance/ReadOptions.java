package io.github.dockerarchive.testkit.conformance;

import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reader limits a check asks a Java implementation to apply when it opens an image (RD-3, SAFE-3),
 * and where it should put its temporary files (so that a check can see that none is left, SAFE-1).
 *
 * @param manifestLimit the largest {@code manifest.json} accepted, in bytes (RD-3)
 * @param configLimit the largest image config accepted, in bytes (RD-3)
 * @param maxArchiveSize the largest decompressed archive accepted, in bytes (SAFE-3)
 * @param maxLayerSize the largest decompressed layer accepted, in bytes (SAFE-3)
 * @param temporaryDirectory where decompressed copies go, or empty for the implementation's default
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReadOptions(
    long manifestLimit,
    long configLimit,
    long maxArchiveSize,
    long maxLayerSize,
    Optional<Path> temporaryDirectory) {

  /**
   * Checks the values.
   *
   * @param manifestLimit the largest {@code manifest.json} accepted, in bytes (RD-3)
   * @param configLimit the largest image config accepted, in bytes (RD-3)
   * @param maxArchiveSize the largest decompressed archive accepted, in bytes (SAFE-3)
   * @param maxLayerSize the largest decompressed layer accepted, in bytes (SAFE-3)
   * @param temporaryDirectory where decompressed copies go, or empty for the implementation's
   *     default
   */
  public ReadOptions {
    if (manifestLimit <= 0 || configLimit <= 0 || maxArchiveSize <= 0 || maxLayerSize <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    temporaryDirectory = temporaryDirectory == null ? Optional.empty() : temporaryDirectory;
  }

  /**
   * The limits of docs/rules.md: a 1 MiB manifest, a 4 MiB config, no decompression caps, the
   * implementation's own temporary directory.
   *
   * @return the default options
   */
  public static ReadOptions defaults() {
    return new ReadOptions(1L << 20, 4L << 20, Long.MAX_VALUE, Long.MAX_VALUE, Optional.empty());
  }

  /**
   * These options with another {@code manifest.json} limit.
   *
   * @param bytes the largest size accepted
   * @return the new options
   */
  public ReadOptions withManifestLimit(long bytes) {
    return new ReadOptions(bytes, configLimit, maxArchiveSize, maxLayerSize, temporaryDirectory);
  }

  /**
   * These options with another config limit.
   *
   * @param bytes the largest size accepted
   * @return the new options
   */
  public ReadOptions withConfigLimit(long bytes) {
    return new ReadOptions(manifestLimit, bytes, maxArchiveSize, maxLayerSize, temporaryDirectory);
  }

  /**
   * These options with a cap on the decompressed archive.
   *
   * @param bytes the largest decompressed size accepted
   * @return the new options
   */
  public ReadOptions withMaxArchiveSize(long bytes) {
    return new ReadOptions(manifestLimit, configLimit, bytes, maxLayerSize, temporaryDirectory);
  }

  /**
   * These options with a cap on each decompressed layer.
   *
   * @param bytes the largest decompressed size accepted
   * @return the new options
   */
  public ReadOptions withMaxLayerSize(long bytes) {
    return new ReadOptions(manifestLimit, configLimit, maxArchiveSize, bytes, temporaryDirectory);
  }

  /**
   * These options with a temporary directory.
   *
   * @param directory an existing directory
   * @return the new options
   */
  public ReadOptions withTemporaryDirectory(Path directory) {
    return new ReadOptions(
        manifestLimit, configLimit, maxArchiveSize, maxLayerSize, Optional.of(directory));
  }
}
