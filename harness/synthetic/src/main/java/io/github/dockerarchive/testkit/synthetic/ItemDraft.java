package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import java.util.List;

/**
 * One {@code manifest.json} item as a dialect writes it.
 *
 * @param image the image it describes
 * @param config the {@code Config} path
 * @param repoTags the {@code RepoTags}, or null to write JSON {@code null}
 * @param layers the {@code Layers} paths
 * @param layerSources the encoded {@code LayerSources} object, or null to leave the key out
 */
record ItemDraft(
    PlannedImage image,
    String config,
    List<String> repoTags,
    List<String> layers,
    String layerSources) {

  /** The item as {@code manifest.json} lists it. */
  ManifestJson.Item toItem() {
    return new ManifestJson.Item(config, repoTags, layers, layerSources);
  }

  /** The items as {@code manifest.json} lists them, in order. */
  static List<ManifestJson.Item> toItems(List<ItemDraft> drafts) {
    return drafts.stream().map(ItemDraft::toItem).toList();
  }

  ItemDraft withLayers(List<String> changed) {
    return new ItemDraft(image, config, repoTags, changed, layerSources);
  }
}
