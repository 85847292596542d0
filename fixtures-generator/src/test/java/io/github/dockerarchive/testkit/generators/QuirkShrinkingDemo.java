package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Properties that FAIL on purpose: a reader that breaks on one quirk, {@link #target}. Not a test
 * class of the build (its name matches no Surefire pattern); {@link QuirkShrinkingTest} sets the
 * target, runs them through the jqwik engine and checks what their failures shrink to.
 */
class QuirkShrinkingDemo {
  /** The quirk the simulated reader breaks on; set before each run. */
  static volatile Quirk target;

  @Property(
      tries = 100,
      seed = "20240501",
      afterFailure = AfterFailureMode.RANDOM_SEED,
      shrinking = ShrinkingMode.FULL)
  void readerThatBreaksOnOneQuirk(@ForAll("oneQuirk") ArchiveSpec spec) {
    assertThat(spec.quirks()).doesNotContain(target);
  }

  @Property(
      tries = 500,
      seed = "20240501",
      afterFailure = AfterFailureMode.RANDOM_SEED,
      shrinking = ShrinkingMode.FULL)
  void readerThatBreaksOnOneQuirkAmongOthers(@ForAll("combinations") ArchiveSpec spec) {
    assertThat(spec.quirks()).doesNotContain(target);
  }

  @Provide
  Arbitrary<ArchiveSpec> oneQuirk() {
    // the simplest quirk and the target: shrinking moves towards the first, which passes
    return rich().withQuirk(Quirk.values()[0], target);
  }

  @Provide
  Arbitrary<ArchiveSpec> combinations() {
    return rich().withQuirks(1, 3);
  }

  /** Several images, layers, files, tags, dialects and compressions: plenty to shrink away. */
  private static SpecArbitrary rich() {
    return ArchiveArbitraries.specs().images(1, 2).layers(0, 3).files(0, 2).maxFileSize(256);
  }
}
