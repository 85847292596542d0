package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/** What the arbitraries generate keeps to their settings, materialises, and reads as its truth. */
class SpecArbitraryProperties {
  @Property(tries = 100)
  @Label("annotations bound images, layers, dialects and file sizes")
  void annotationsBoundTheSpecs(
      @ForAll
          @Images(min = 2, max = 3)
          @Layers(min = 1, max = 2)
          @Dialects({Dialect.DOCKER_LEGACY, Dialect.CONTAINERD})
          @MaxFileSize(100)
          ArchiveSpec spec) {
    assertThat(spec.images()).hasSizeBetween(2, 3);
    assertThat(spec.images()).allSatisfy(i -> assertThat(i.layers()).hasSizeBetween(1, 2));
    assertThat(spec.dialect()).isIn(Dialect.DOCKER_LEGACY, Dialect.CONTAINERD);
    assertThat(spec.corruption()).isEqualTo(Corruption.NONE);
    spec.images().stream()
        .flatMap(i -> i.layers().stream())
        .flatMap(l -> l.files().stream())
        .map(FileSpec::size)
        .forEach(size -> assertThat(size).isLessThanOrEqualTo(100));
  }

  @Property(tries = 100)
  @Label("every generated spec can be materialised")
  void everySpecIsApplicable(@ForAll @Corrupted ArchiveSpec spec) {
    assertThat(SyntheticArchives.whyInapplicable(spec)).isEmpty();
    assertThat(spec.corruption()).isNotEqualTo(Corruption.NONE);
  }

  @Property(tries = 60)
  @Label("valid archives read as their truth and verify cleanly")
  void validArchivesReadAsTheirTruth(@ForAll @Valid @MaxFileSize(2048) ArchiveFixture fixture)
      throws Exception {
    Truths.assertValid(fixture);
  }

  @Property(tries = 60)
  @Label("corrupted archives fail where their corruption says")
  void corruptedArchivesFailWhereTheySay(
      @ForAll @Corrupted @MaxFileSize(1024) ArchiveFixture fixture) throws Exception {
    Truths.assertDetected(fixture);
  }
}
