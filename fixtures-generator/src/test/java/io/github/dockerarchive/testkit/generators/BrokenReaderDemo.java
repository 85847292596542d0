package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * Properties that FAIL on purpose: they check deliberately broken readers. Not a test class of the
 * build (its name matches no Surefire pattern); {@link ShrinkingDemoTest} runs it through the jqwik
 * engine and checks what its failures shrink to.
 */
class BrokenReaderDemo {
  @Property(
      tries = 100,
      seed = "20240501",
      afterFailure = AfterFailureMode.RANDOM_SEED,
      shrinking = ShrinkingMode.FULL)
  void readerThatIgnoresTheSecondLayer(@ForAll ArchiveFixture fixture) throws Exception {
    assertThat(BrokenReaders.diffIdsIgnoringSecondLayer(fixture))
        .isEqualTo(BrokenReaders.truth(fixture));
  }

  @Property(
      tries = 100,
      seed = "20240501",
      afterFailure = AfterFailureMode.RANDOM_SEED,
      shrinking = ShrinkingMode.FULL)
  void readerThatFailsOnGzipLayers(@ForAll ArchiveFixture fixture) throws Exception {
    assertThat(BrokenReaders.diffIdsFailingOnGzipLayers(fixture))
        .isEqualTo(BrokenReaders.truth(fixture));
  }
}
