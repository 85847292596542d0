package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.digest.Digest;
import java.util.List;

/**
 * An image whose manifest was stored, waiting for its commit.
 *
 * @param configDigest the config's sha256 digest (the image ID)
 * @param configPath the config's tar path
 * @param layerPaths the layers' tar paths, bottom first
 * @param topLegacyId the top layer's legacy ID, or null when the image has no layers
 * @param ociManifest the OCI manifest blob (hybrid layout), or null
 */
record PreparedImage(
    Digest configDigest,
    String configPath,
    List<String> layerPaths,
    String topLegacyId,
    BlobRecord ociManifest) {
  PreparedImage {
    layerPaths = List.copyOf(layerPaths);
  }
}
