package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.writer.LegacyLayers;
import java.util.List;

/**
 * The writer's legacy layer IDs (docs/reference.md §6.6) for configs the materialiser made itself.
 */
final class LegacyIds {
  private LegacyIds() {}

  static List<LegacyLayers.LegacyLayer> compute(List<Digest> layerDigests, byte[] config) {
    try {
      return LegacyLayers.compute(layerDigests, config, "synthetic config");
    } catch (InvalidConfigException e) {
      throw new IllegalStateException("the materialiser wrote a config that is not an object", e);
    }
  }
}
