package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** The reference arbitraries: selections pick the item they promise, missing ones pick none. */
class SelectionProperties {
  @Property(tries = 60)
  @Label("a selection picks its item (SEL-*)")
  void selectionsPickTheirItem(@ForAll("selected") Tuple2<ArchiveFixture, ImageSelection> pair)
      throws Exception {
    ImageSelection selection = pair.get2();
    try (ImageSource image = ImageSource.open(selection.reference(), ReaderOptions.defaults())) {
      assertThat(image.selection().itemIndex()).isEqualTo(selection.index());
      assertThat(image.configDigest())
          .isEqualTo(pair.get1().image(selection.index()).configDigest());
    }
  }

  @Property(tries = 40)
  @Label("a missing selection picks nothing: ImageNotFoundException")
  void missingSelectionsPickNothing(
      @ForAll("missing") Tuple2<ArchiveFixture, ArchiveReference> pair) throws Exception {
    try (ImageSource image = ImageSource.open(pair.get2(), ReaderOptions.defaults())) {
      assertThatThrownBy(image::selection).isInstanceOf(ImageNotFoundException.class);
    }
  }

  @Property(tries = 100)
  @Label("generated references are tagged and normalised")
  void referencesAreTagged(@ForAll("references") DockerReference reference) {
    assertThat(reference.hasTag()).isTrue();
    assertThat(reference.hasDigest()).isFalse();
    assertThat(reference.domain()).isNotEmpty();
  }

  @Property(tries = 30)
  @Label("corruptions() never yields NONE")
  void corruptionsAreCorruptions(@ForAll("corruptions") Corruption corruption) {
    assertThat(corruption).isNotEqualTo(Corruption.NONE);
  }

  @Provide
  Arbitrary<Tuple2<ArchiveFixture, ImageSelection>> selected() {
    return ArchiveArbitraries.specs()
        .maxFileSize(64)
        .fixtures()
        .flatMap(f -> ArchiveArbitraries.selections(f).map(s -> Tuple.of(f, s)));
  }

  @Provide
  Arbitrary<Tuple2<ArchiveFixture, ArchiveReference>> missing() {
    return ArchiveArbitraries.specs()
        .maxFileSize(64)
        .fixtures()
        .flatMap(f -> ArchiveArbitraries.missingSelections(f).map(r -> Tuple.of(f, r)));
  }

  @Provide
  Arbitrary<DockerReference> references() {
    return ArchiveArbitraries.references();
  }

  @Provide
  Arbitrary<Corruption> corruptions() {
    return ArchiveArbitraries.corruptions();
  }
}
