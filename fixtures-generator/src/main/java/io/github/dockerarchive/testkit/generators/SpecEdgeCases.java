package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The known trouble, as specs: readers have failed on each of these. {@link SpecArbitrary} adds
 * those that fit its settings as jqwik edge cases.
 */
final class SpecEdgeCases {
  private SpecEdgeCases() {}

  /**
   * Candidate edge cases in the settings' simplest dialect, outer compression and corruption.
   *
   * @param s the settings
   * @return the candidates; the caller keeps those that fit
   */
  static List<ArchiveSpec> candidates(SpecSettings s) {
    Dialect dialect = s.dialects().get(0);
    Compression outer = s.compressions().get(0);
    Compression stored = s.dialectDefaultLayers() ? null : s.layerCompressions().get(0);
    LayerSpec small = new LayerSpec(List.of(FileSpec.file("edge.bin", 16)), stored);
    LayerSpec empty = new LayerSpec(List.of(), stored);
    LayerSpec zeroByteFile = new LayerSpec(List.of(FileSpec.file("empty.bin", 0)), stored);
    String hundred = "hundred/" + "x".repeat(100 - "hundred/".length());
    LayerSpec name100 = new LayerSpec(List.of(FileSpec.file(hundred, 16)), stored);
    LayerSpec other = new LayerSpec(List.of(FileSpec.file("other.bin", 8)), stored);

    List<ArchiveSpec> all = new ArrayList<>();
    all.add(one(dialect, outer, s, image("edge:zero-layers")));
    all.add(one(dialect, outer, s, image("edge:same-layer-twice", small, small)));
    all.add(one(dialect, outer, s, new ImageSpec(List.of(), List.of(small), null)));
    all.add(one(Dialect.DOCKER_LEGACY, outer, s, image("edge:linked-layer", small, small)));
    all.add(one(dialect, outer, s, image("edge:empty-layer", empty)));
    all.add(one(dialect, outer, s, image("edge:zero-byte-file", zeroByteFile)));
    all.add(one(dialect, outer, s, image("edge:name-100-bytes", name100)));
    all.add(
        spec(
            dialect,
            outer,
            s,
            image("edge:shared-a", small),
            image("edge:shared-b", small, other)));
    all.add(
        spec(
            Dialect.DOCKER_LEGACY,
            outer,
            s,
            image("edge:legacy-shared-a", small),
            image("edge:legacy-shared-b", small, other)));
    return all;
  }

  private static ImageSpec image(String tag, LayerSpec... layers) {
    return new ImageSpec(List.of(tag), List.of(layers), null);
  }

  private static ArchiveSpec one(Dialect d, Compression outer, SpecSettings s, ImageSpec image) {
    return spec(d, outer, s, image);
  }

  private static ArchiveSpec spec(
      Dialect d, Compression outer, SpecSettings s, ImageSpec... images) {
    return ArchiveSpec.builder()
        .images(List.of(images))
        .dialect(d)
        .compression(outer)
        .corruption(s.corruptions().get(0))
        .build();
  }
}
