package io.github.dockerarchive.testkit.archive;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One element of {@code manifest.json}: one image (ARC-2).
 *
 * @param config the tar path of the image config
 * @param repoTags the tags exactly as stored (empty when {@code null} or absent)
 * @param layers the tar paths of the layers, bottom first (empty when {@code null} or absent)
 * @param parent the parent image ID, or null
 * @param layerSources diffID to descriptor, as stored (empty when absent)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ManifestItem(
    String config,
    List<String> repoTags,
    List<String> layers,
    String parent,
    Map<String, LayerSource> layerSources) {

  /**
   * Copies the collections.
   *
   * @param config the tar path of the image config
   * @param repoTags the tags exactly as stored (empty when {@code null} or absent)
   * @param layers the tar paths of the layers, bottom first (empty when {@code null} or absent)
   * @param parent the parent image ID, or null
   * @param layerSources diffID to descriptor, as stored (empty when absent)
   */
  public ManifestItem {
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    layers = layers == null ? List.of() : List.copyOf(layers);
    layerSources = layerSources == null ? Map.of() : Map.copyOf(layerSources);
  }

  /**
   * Whether the item has at least one tag (untagged items are reachable by index only, SEL-6).
   *
   * @return true if {@link #repoTags()} is not empty
   */
  public boolean isTagged() {
    return !repoTags.isEmpty();
  }
}
