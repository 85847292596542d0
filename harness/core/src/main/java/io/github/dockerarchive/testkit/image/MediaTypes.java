package io.github.dockerarchive.testkit.image;

/** Media types of the Docker schema 2 manifest an {@link ImageInput} returns (SRC-3, SRC-4). */
public final class MediaTypes {
  /** Docker schema 2 image manifest. */
  public static final String DOCKER_MANIFEST_V2 =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker image config. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** An uncompressed layer tar: what {@link ImageInput#getBlob} returns (SRC-4). */
  public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";

  /**
   * The gzip layer type, which the reference puts on uncompressed layers (containers/image #1270).
   */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private MediaTypes() {}
}
