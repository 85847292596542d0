package io.github.dockerarchive.testkit.image;

import org.apiguardian.api.API;

/**
 * Every media type the harness reads or writes, Docker schema 2 and OCI, and the conversion of
 * layer media types between the two. The Docker schema 2 manifest is what an {@link ImageInput}
 * returns (SRC-3, SRC-4).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
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

  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Docker manifest list. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** OCI image config. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** OCI uncompressed layer. */
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";

  /** OCI gzip layer. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** OCI zstd layer. */
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

  /** A bzip2 layer in the OCI style (no registered type; some producers write it). */
  public static final String OCI_LAYER_BZIP2 = "application/vnd.oci.image.layer.v1.tar+bzip2";

  /** An xz layer in the OCI style (no registered type; some producers write it). */
  public static final String OCI_LAYER_XZ = "application/vnd.oci.image.layer.v1.tar+xz";

  /** An in-toto attestation statement (the layer of a BuildKit attestation manifest). */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Docker foreign (non-distributable) gzip layer. */
  public static final String DOCKER_FOREIGN_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  private MediaTypes() {}

  /**
   * Whether a media type names a manifest list or an image index.
   *
   * @param mediaType the media type
   * @return true for lists and indexes
   */
  public static boolean isList(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /**
   * The OCI layer media type for a layer stored as described.
   *
   * @param dockerOrOci a Docker or OCI layer media type
   * @return the OCI equivalent (unknown types are returned unchanged)
   */
  public static String toOciLayer(String dockerOrOci) {
    if (dockerOrOci == null) {
      return OCI_LAYER_TAR;
    }
    return switch (dockerOrOci) {
      case DOCKER_LAYER_TAR -> OCI_LAYER_TAR;
      case DOCKER_LAYER_GZIP, DOCKER_FOREIGN_LAYER_GZIP -> OCI_LAYER_GZIP;
      default -> dockerOrOci;
    };
  }

  /**
   * The Docker schema 2 layer media type for a layer stored as described.
   *
   * @param dockerOrOci a Docker or OCI layer media type
   * @return the Docker equivalent, or null when schema 2 has none (zstd)
   */
  public static String toDockerLayer(String dockerOrOci) {
    if (dockerOrOci == null) {
      return DOCKER_LAYER_TAR;
    }
    return switch (dockerOrOci) {
      case OCI_LAYER_TAR, DOCKER_LAYER_TAR -> DOCKER_LAYER_TAR;
      case OCI_LAYER_GZIP, DOCKER_LAYER_GZIP -> DOCKER_LAYER_GZIP;
      case DOCKER_FOREIGN_LAYER_GZIP -> DOCKER_FOREIGN_LAYER_GZIP;
      default -> null;
    };
  }
}
