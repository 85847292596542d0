package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileContent;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec {@code generate} builds from its flags: {@code images} images of {@code layers} layers,
 * each layer one file of {@code layerSize} bytes ({@code layer-<image>-<layer>.bin}, so every layer
 * is distinct) of {@code content}, seeded or zeros. The first image gets the given tags (default
 * {@value #DEFAULT_TAG}), image {@code i > 0} the tag {@code localhost/generated-<i>:latest};
 * {@code untagged} drops them all.
 */
record FlagSpec(
    int images,
    int layers,
    long layerSize,
    Dialect dialect,
    Compression compression,
    Compression layerCompression,
    FileContent content,
    Corruption corruption,
    List<String> tags,
    boolean untagged,
    long seed) {

  static final String DEFAULT_TAG = "localhost/generated:latest";

  ArchiveSpec toSpec() {
    if (images < 1 || layers < 0 || layerSize < 0) {
      throw new IllegalArgumentException(
          "need --images >= 1, --layers >= 0 and --layer-size >= 0, got "
              + images
              + ", "
              + layers
              + ", "
              + layerSize);
    }
    ArchiveSpec.Builder b =
        ArchiveSpec.builder()
            .dialect(dialect)
            .compression(compression)
            .corruption(corruption)
            .seed(seed);
    for (int i = 0; i < images; i++) {
      List<LayerSpec> layerSpecs = new ArrayList<>();
      for (int j = 0; j < layers; j++) {
        FileSpec file = FileSpec.file("layer-" + i + "-" + j + ".bin", layerSize);
        layerSpecs.add(new LayerSpec(List.of(file), layerCompression, content));
      }
      b.image(new ImageSpec(tagsOf(i), layerSpecs, null));
    }
    return b.build();
  }

  private List<String> tagsOf(int image) {
    if (untagged) {
      return List.of();
    }
    if (image == 0) {
      return tags.isEmpty() ? List.of(DEFAULT_TAG) : tags;
    }
    return List.of("localhost/generated-" + image + ":latest");
  }
}
