package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failure that needs a quirk shrinks to the simplest spec that still has it: the quirk applied to
 * one untagged image of the fewest empty layers the quirk can shape, in the simplest dialect,
 * uncompressed, seed 0; among several quirks only the needed one is kept.
 */
@DisplayName("Quirk arbitraries: a failure shrinks to the quirk on the simplest spec")
class QuirkShrinkingTest {
  private static final int MAX_IMAGES = 2;
  private static final int MAX_LAYERS = 3;

  @ParameterizedTest(name = "{0}")
  @MethodSource("spread")
  @DisplayName("one quirk of two: the target on the simplest spec")
  void oneQuirk(Quirk quirk) throws Exception {
    assertShrinksToSimplest(quirk, "readerThatBreaksOnOneQuirk");
  }

  /**
   * The first, a middle and the last cheap quirk of the catalogue, and the first of each validity
   * (each run shrinks for seconds, so not every quirk).
   */
  static Stream<Quirk> spread() {
    // the expensive quirks are never drawn unless named (ArchiveArbitraries.quirks())
    Quirk[] all = Arrays.stream(Quirk.values()).filter(q -> !q.expensive()).toArray(Quirk[]::new);
    Stream<Quirk> firstOfEach =
        Arrays.stream(QuirkValidity.values())
            .flatMap(v -> Arrays.stream(all).filter(q -> q.validity() == v).limit(1));
    return Stream.concat(Stream.of(all[0], all[all.length / 2], all[all.length - 1]), firstOfEach)
        .distinct();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spread")
  @DisplayName("one to three quirks of all: only the target is kept, on the simplest spec")
  void amongOthers(Quirk quirk) throws Exception {
    assertShrinksToSimplest(quirk, "readerThatBreaksOnOneQuirkAmongOthers");
  }

  private static void assertShrinksToSimplest(Quirk quirk, String property) throws Exception {
    QuirkShrinkingDemo.target = quirk;
    DemoRun run = DemoRun.of(QuirkShrinkingDemo.class, property, ArchiveSpec.class.getName());

    assertThat(run.failures()).as("the property fails").isEqualTo(1);
    ArchiveSpec shrunk = run.reportedSpec();
    assertThat(shrunk.quirks()).containsExactly(quirk);
    int[] shape = shapeOf(quirk, shrunk);
    assertThat(shape)
        .as("the shrunk spec is %s applied to a minimal base: %s", quirk.id(), shrunk)
        .isNotNull();
    // no simpler base of the same kind could carry the quirk
    for (int images = 1; images <= shape[0]; images++) {
      for (int layers = 0; layers <= shape[1]; layers++) {
        if (images < shape[0] || layers < shape[1]) {
          assertThat(applicable(quirk, base(images, layers)))
              .as("%d image(s) of %d layers would also carry %s", images, layers, quirk.id())
              .isFalse();
        }
      }
    }
  }

  /** The image and layer counts of the minimal base the shrunk spec was shaped from, or null. */
  private static int[] shapeOf(Quirk quirk, ArchiveSpec shrunk) {
    for (int images = 1; images <= MAX_IMAGES; images++) {
      for (int layers = 0; layers <= MAX_LAYERS; layers++) {
        if (quirk.applyTo(base(images, layers)).equals(shrunk)) {
          return new int[] {images, layers};
        }
      }
    }
    return null;
  }

  private static boolean applicable(Quirk quirk, ArchiveSpec base) {
    return SyntheticArchives.whyInapplicable(quirk.applyTo(base)).isEmpty();
  }

  /** Untagged images of empty, uncompressed layers, in the simplest dialect, seed 0. */
  private static ArchiveSpec base(int images, int layers) {
    LayerSpec empty = new LayerSpec(List.of(), Compression.NONE);
    ArchiveSpec.Builder b =
        ArchiveSpec.builder().dialect(Dialect.CONTAINERS_IMAGE).compression(Compression.NONE);
    for (int i = 0; i < images; i++) {
      b.image(new ImageSpec(List.of(), new ArrayList<>(Collections.nCopies(layers, empty)), null));
    }
    return b.seed(0).build();
  }
}
