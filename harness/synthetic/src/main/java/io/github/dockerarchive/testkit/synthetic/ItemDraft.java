package io.github.dockerarchive.testkit.synthetic;

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

  ItemDraft withLayers(List<String> changed) {
    return new ItemDraft(image, config, repoTags, changed, layerSources);
  }
}
