package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.Shrinkable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The known trouble is among the jqwik edge cases of the spec arbitrary. */
@DisplayName(
    "Edge cases: zero layers, a layer twice, untagged, a linked layer, 0 bytes, 100-byte names")
class EdgeCasesTest {
  @Test
  @DisplayName("the default arbitrary's edge cases hold every known trouble")
  void defaultEdgeCases() {
    List<ArchiveSpec> edges = edgeCases(ArchiveArbitraries.specs());

    assertThat(edges).anyMatch(s -> s.images().stream().anyMatch(i -> i.layers().isEmpty()));
    assertThat(edges)
        .anyMatch(
            image(i -> i.layers().size() == 2 && i.layers().get(0).equals(i.layers().get(1))));
    assertThat(edges).anyMatch(image(i -> i.tags().isEmpty()));
    assertThat(edges)
        .anyMatch(
            s ->
                s.dialect() == Dialect.DOCKER_LEGACY
                    && image(i -> i.layers().stream().distinct().count() < i.layers().size())
                        .test(s));
    assertThat(edges).anyMatch(layer(l -> l.files().isEmpty()));
    assertThat(edges).anyMatch(layer(l -> l.files().size() == 1 && l.files().get(0).size() == 0));
    assertThat(edges)
        .anyMatch(
            layer(
                l ->
                    l.files().stream()
                        .map(FileSpec::path)
                        .anyMatch(p -> p.getBytes(StandardCharsets.UTF_8).length == 100)));
    assertThat(edges)
        .anyMatch(
            s ->
                s.images().size() == 2
                    && s.images().get(1).layers().contains(s.images().get(0).layers().get(0)));
  }

  @Test
  @DisplayName("edge cases keep to the settings: none has fewer images or layers than asked for")
  void edgeCasesFitTheSettings() {
    SpecArbitrary specs =
        ArchiveArbitraries.specs().images(2, 2).layers(1, 2).dialects(Dialect.CONTAINERD);

    assertThat(specs.edgeCaseSpecs())
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.images()).hasSize(2);
              assertThat(s.dialect()).isEqualTo(Dialect.CONTAINERD);
              assertThat(s.images()).allSatisfy(i -> assertThat(i.layers()).hasSizeBetween(1, 2));
            });
    assertThat(edgeCases(specs)).containsAll(specs.edgeCaseSpecs());
  }

  private static List<ArchiveSpec> edgeCases(SpecArbitrary specs) {
    List<ArchiveSpec> all = new ArrayList<>();
    EdgeCases<ArchiveSpec> edges = specs.edgeCases(10_000);
    for (Shrinkable<ArchiveSpec> s : edges) {
      all.add(s.value());
    }
    return all;
  }

  private static Predicate<ArchiveSpec> image(Predicate<ImageSpec> p) {
    return s -> s.images().stream().anyMatch(p);
  }

  private static Predicate<ArchiveSpec> layer(Predicate<LayerSpec> p) {
    return s -> s.images().stream().flatMap(i -> i.layers().stream()).anyMatch(p);
  }
}
