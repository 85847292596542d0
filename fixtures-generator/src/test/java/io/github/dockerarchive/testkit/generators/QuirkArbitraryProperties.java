package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Specs shaped by quirks: the quirks drawn, always materialisable, and the bounds checked. */
class QuirkArbitraryProperties {
  @Property(tries = 50)
  @Label("withQuirk() applies exactly one quirk of the catalogue to a materialisable spec")
  void oneQuirk(@ForAll("oneQuirk") ArchiveSpec spec) {
    assertThat(spec.quirks()).hasSize(1);
    assertThat(SyntheticArchives.whyInapplicable(spec)).isEmpty();
  }

  @Provide
  Arbitrary<ArchiveSpec> oneQuirk() {
    return ArchiveArbitraries.specs().withQuirk();
  }

  @Property(tries = 50)
  @Label("withQuirks(0, 2, pool) applies up to two distinct quirks of the pool, in catalogue order")
  void someQuirks(@ForAll("someQuirks") ArchiveSpec spec) {
    assertThat(spec.quirks()).hasSizeLessThanOrEqualTo(2).doesNotHaveDuplicates();
    assertThat(spec.quirks()).isSubsetOf(pool()).isSorted();
    assertThat(SyntheticArchives.whyInapplicable(spec)).isEmpty();
  }

  @Provide
  Arbitrary<ArchiveSpec> someQuirks() {
    return ArchiveArbitraries.specs().withQuirks(0, 2, pool().toArray(Quirk[]::new));
  }

  private static List<Quirk> pool() {
    Quirk[] all = Quirk.values();
    return List.of(all).subList(0, Math.min(3, all.length));
  }

  @Property(tries = 10)
  @Label("specs shaped by valid quirks materialise, with the quirk in the fixture's spec")
  void validQuirksMaterialise(@ForAll("validFixtures") ArchiveFixture fixture) throws Exception {
    assertThat(fixture.spec().quirks())
        .singleElement()
        .satisfies(q -> assertThat(q.validity()).isEqualTo(QuirkValidity.VALID));
    assertThat(Files.size(fixture.path())).isPositive();
  }

  @Provide
  Arbitrary<ArchiveFixture> validFixtures() {
    Quirk[] valid =
        Arrays.stream(Quirk.values())
            .filter(q -> q.validity() == QuirkValidity.VALID && !q.expensive())
            .toArray(Quirk[]::new);
    return ArchiveArbitraries.specs().maxFileSize(256).withQuirk(valid).fixtures();
  }

  @Property(tries = 50)
  @Label("@WithQuirks(validity = VALID, max = 2) shapes @ForAll specs with one or two valid quirks")
  void annotated(
      @ForAll @WithQuirks(validity = QuirkValidity.VALID, max = 2) @MaxFileSize(64)
          ArchiveSpec spec) {
    assertThat(spec.quirks())
        .hasSizeBetween(1, 2)
        .allSatisfy(q -> assertThat(q.validity()).isEqualTo(QuirkValidity.VALID));
  }

  @Property(tries = 200)
  @Label("quirks() and withQuirk() never draw an expensive quirk")
  void neverExpensive(
      @ForAll("anyQuirk") Quirk quirk,
      @ForAll @WithQuirks(max = 3) @MaxFileSize(64) ArchiveSpec spec) {
    assertThat(quirk.expensive()).isFalse();
    assertThat(spec.quirks()).noneMatch(Quirk::expensive);
  }

  @Provide
  Arbitrary<Quirk> anyQuirk() {
    return ArchiveArbitraries.quirks();
  }

  @Example
  @Label("an expensive quirk is drawn where it is named")
  void expensiveWhenNamed() {
    ArchiveSpec spec =
        ArchiveArbitraries.specs().maxFileSize(64).withQuirk(Quirk.OUTER_8_GIB_ENTRY).sample();
    assertThat(spec.quirks()).containsExactly(Quirk.OUTER_8_GIB_ENTRY);
  }

  @Property(tries = 200)
  @Label("a bare @ForAll Quirk never draws an expensive quirk")
  void bareQuirkParameter(@ForAll Quirk quirk) {
    assertThat(quirk.expensive()).isFalse();
  }

  @Property(tries = 50)
  @Label("quirks(validity) draws only quirks of that validity")
  void quirksOfAValidity(@ForAll("defects") Quirk quirk) {
    assertThat(quirk.validity()).isEqualTo(QuirkValidity.DEFECT);
  }

  @Provide
  Arbitrary<Quirk> defects() {
    return ArchiveArbitraries.quirks(QuirkValidity.DEFECT);
  }

  @Example
  @Label("bounds outside 0 <= min <= max <= pool size are refused, naming them")
  void bounds() {
    SpecArbitrary specs = ArchiveArbitraries.specs();
    assertThatThrownBy(() -> specs.withQuirks(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 2..1");
    assertThatThrownBy(() -> specs.withQuirks(0, 2, Quirk.values()[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<= 1 (the quirks to draw from), got 0..2");
  }
}
