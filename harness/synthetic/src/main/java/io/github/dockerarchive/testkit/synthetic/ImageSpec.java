package io.github.dockerarchive.testkit.synthetic;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One synthetic image.
 *
 * @param tags the {@code RepoTags} to store, as written (empty: untagged)
 * @param layers the layers, bottom first
 * @param config the config fields
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImageSpec(List<String> tags, List<LayerSpec> layers, ConfigSpec config) {

  /**
   * Copies the lists and fills a missing config with {@link ConfigSpec#defaults()}.
   *
   * @param tags the {@code RepoTags} to store, as written (empty: untagged)
   * @param layers the layers, bottom first
   * @param config the config fields
   */
  public ImageSpec {
    tags = tags == null ? List.of() : List.copyOf(tags);
    layers = layers == null ? List.of() : List.copyOf(layers);
    config = config == null ? ConfigSpec.defaults() : config;
  }
}
