package io.github.dockerarchive.testkit.writer;

import org.apiguardian.api.API;

/** What an {@link ArchiveWriter} puts in the archive besides {@code manifest.json}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Layout {
  /**
   * The reference's layout (WR-6, DIA-1; accepted by {@code docker load}, podman and skopeo):
   * layers {@code <hex>.tar}, configs {@code <hex>.json}, a legacy directory {@code <id>/} per
   * layer with {@code layer.tar} (a symlink), {@code VERSION} and {@code json}, then {@code
   * manifest.json} and {@code repositories}.
   */
  DOCKER_ARCHIVE,

  /**
   * Docker 25+'s hybrid layout (WR-12, DIA-3): blobs under {@code blobs/sha256/}, an OCI image
   * manifest blob per image, {@code index.json}, {@code oci-layout}, {@code manifest.json} pointing
   * into {@code blobs/}, and {@code repositories} when some tagged image has layers. No legacy
   * directories.
   */
  DOCKER_HYBRID
}
