package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.ConfigSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The generated values behind one image: its tag styles, its own layers, how many of the first
 * image's bottom layers it shares, whether its top layer repeats its bottom one, and a config
 * variant. All of them shrink to the plain case: no tags, no sharing, no repeat, default config.
 */
record ImageDraft(
    List<TagStyle> tags, List<LayerSpec> layers, int shared, boolean repeat, int config) {

  /**
   * The images of a spec: image {@code i > 0} takes the first image's bottom {@code shared} layers
   * in place of its own (the layer count stays the same).
   *
   * @param drafts the drafts, in order
   * @return the image specs
   */
  static List<ImageSpec> resolve(List<ImageDraft> drafts) {
    List<ImageSpec> images = new ArrayList<>(drafts.size());
    List<LayerSpec> base = List.of();
    for (int i = 0; i < drafts.size(); i++) {
      ImageDraft d = drafts.get(i);
      List<LayerSpec> layers = new ArrayList<>(d.layers);
      if (i == 0) {
        base = d.layers;
      } else {
        int n = Math.min(d.shared, Math.min(base.size(), layers.size()));
        for (int j = 0; j < n; j++) {
          layers.set(j, base.get(j));
        }
      }
      if (d.repeat && layers.size() >= 2) {
        layers.set(layers.size() - 1, layers.get(0));
      }
      List<String> tags = new ArrayList<>();
      for (int t = 0; t < d.tags.size(); t++) {
        tags.add(d.tags.get(t).render(i, t));
      }
      images.add(new ImageSpec(tags, layers, config(d.config)));
    }
    return images;
  }

  /** 0: the defaults; 1: arm64; 2: a command, an extra variable and a label. */
  static ConfigSpec config(int variant) {
    ConfigSpec d = ConfigSpec.defaults();
    return switch (variant) {
      case 0 -> d;
      case 1 -> new ConfigSpec("arm64", "linux", d.created(), d.env(), d.cmd(), d.labels());
      default ->
          new ConfigSpec(
              d.architecture(),
              d.os(),
              "2024-05-01T12:00:00Z",
              List.of(d.env().get(0), "GENERATED=yes"),
              List.of("/bin/sh", "-c", "echo generated"),
              Map.of("org.opencontainers.image.title", "generated"));
    };
  }
}
