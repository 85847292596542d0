package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a correct reader must find for one image of a materialised archive.
 *
 * @param index the item's index in {@code manifest.json}
 * @param repoTags the {@code RepoTags} exactly as stored
 * @param configDigest the sha256 of the config bytes (the image ID)
 * @param diffIds the config's diffIDs, bottom first, duplicates included
 * @param storedDigests the digest of each layer's bytes as stored (compressed or not)
 * @param sizes each layer's uncompressed size
 * @param storedSizes each layer's stored size
 * @param layerPaths each layer's path in {@code manifest.json}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImageTruth(
    int index,
    List<String> repoTags,
    Digest configDigest,
    List<Digest> diffIds,
    List<Digest> storedDigests,
    List<Long> sizes,
    List<Long> storedSizes,
    List<String> layerPaths) {

  /**
   * Copies the lists.
   *
   * @param index the item's index in {@code manifest.json}
   * @param repoTags the {@code RepoTags} exactly as stored
   * @param configDigest the sha256 of the config bytes (the image ID)
   * @param diffIds the config's diffIDs, bottom first, duplicates included
   * @param storedDigests the digest of each layer's bytes as stored (compressed or not)
   * @param sizes each layer's uncompressed size
   * @param storedSizes each layer's stored size
   * @param layerPaths each layer's path in {@code manifest.json}
   */
  public ImageTruth {
    repoTags = List.copyOf(repoTags);
    diffIds = List.copyOf(diffIds);
    storedDigests = List.copyOf(storedDigests);
    sizes = List.copyOf(sizes);
    storedSizes = List.copyOf(storedSizes);
    layerPaths = List.copyOf(layerPaths);
  }
}
