package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole catalogue: every quirk is documented, cites a defined rule, materialises alone and on a
 * multi-image spec, and gets the verdict its validity promises (a valid quirk reads as its truth
 * and verifies without errors, a defect is reported under its rule).
 */
@DisplayName("Quirk catalogue: documented, materialisable, and judged as its validity says")
class QuirkCatalogueTest {
  /**
   * Rule IDs shared between the quirk catalogue and {@code verify} that docs/rules.md may not list
   * yet: OCI-1..4, ARC-11..14, LAY-1..2, WR-14.
   */
  static final Set<String> SHARED_NEW_RULES =
      Set.of(
          "OCI-1", "OCI-2", "OCI-3", "OCI-4", "ARC-11", "ARC-12", "ARC-13", "ARC-14", "LAY-1",
          "LAY-2", "WR-14");

  /** The quirk families whose shapes the family tests of this package assert. */
  static final Set<QuirkFamily> SHAPE_TESTED =
      EnumSet.of(
          QuirkFamily.OCI_LAYOUT,
          QuirkFamily.MANIFEST_JSON,
          QuirkFamily.MEDIA_TYPES,
          QuirkFamily.LAYER_COUNT);

  @TempDir Path dir;

  /**
   * Skips an {@link Quirk#expensive()} quirk, visibly: its archive holds entries of 8 GiB, and
   * {@link LargeEntryQuirkTest} tests it in the surefire execution {@code large-entries} (which
   * {@code -Dlarge-entries.skip=true} leaves out).
   */
  static void assumeCheap(Quirk quirk) {
    Assumptions.assumeFalse(
        quirk.expensive(),
        () ->
            quirk.id()
                + " is expensive (8 GiB written, hashed and read): LargeEntryQuirkTest tests it in"
                + " the large-entries execution");
  }

  /** Three images: two tagged sharing a layer (one with two tags), one untagged. */
  static ArchiveSpec multiImageSpec() {
    return ArchiveSpec.builder()
        .image(List.of("example.com/multi:1"), LayerSpec.filler(300), LayerSpec.filler(40))
        .image(List.of("example.com/multi:2", "example.com/multi:latest"), LayerSpec.filler(300))
        .image(List.of(), LayerSpec.filler(70))
        .seed(3)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Quirk.class)
  @DisplayName("documented: description, producers, breakage, a defined rule, checked-style links")
  void documented(Quirk quirk) {
    assertThat(quirk.description())
        .as("one sentence")
        .isNotBlank()
        .doesNotEndWith(".")
        .doesNotContainPattern("\\.\\s+[A-Z]");
    assertThat(quirk.writtenBy()).isNotBlank();
    assertThat(quirk.broke()).isNotBlank();
    assertThat(definedRules())
        .as("rules of docs/rules.md and the shared list")
        .contains(quirk.rule());
    for (URI report : quirk.reports()) {
      assertThat(report.toString())
          .matches("https://github\\.com/[\\w.-]+/[\\w.-]+/(issues|pull)/\\d+");
    }
    assertThat(Quirk.parse(quirk.id())).isSameAs(quirk);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Quirk.class)
  @DisplayName("materialises from spec() and from applyTo(multi-image spec), listing the quirk")
  void materialises(Quirk quirk) throws Exception {
    assumeCheap(quirk);
    for (ArchiveSpec spec : List.of(quirk.spec(), quirk.applyTo(multiImageSpec()))) {
      assertThat(SyntheticArchives.whyInapplicable(spec)).as("why %s cannot be", quirk).isEmpty();
      assertThat(spec.quirks()).contains(quirk);
      assertThat(SpecJson.fromJson(SpecJson.toJson(spec))).isEqualTo(spec);
      ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("q.tar"));
      assertThat(fixture.path()).isNotEmptyFile();
      if (SHAPE_TESTED.contains(quirk.family())) {
        assertShape(quirk, QuirkArchive.read(fixture.path()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Quirk.class)
  @DisplayName("verdict: valid reads as its truth and verifies; a defect is reported by its rule")
  void verdict(Quirk quirk) throws Exception {
    assumeCheap(quirk);
    ArchiveFixture fixture = SyntheticArchives.materialize(quirk.spec(), dir.resolve("q.tar"));
    assertVerdict(quirk, fixture);
  }

  static void assertVerdict(Quirk quirk, ArchiveFixture fixture) throws Exception {
    if (quirk.validity() == QuirkValidity.VALID) {
      try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
        Readback.assertReadsAsTruth(reader, fixture);
        VerificationReport report = verify(reader);
        assertThat(report.problems())
            .as("verify of valid quirk %s (warnings allowed under its own rule only)", quirk)
            .allMatch(p -> p.severity() == Severity.WARNING && quirk.rule().equals(p.rule()));
      }
      return;
    }
    ArchiveReader reader;
    try {
      reader = ArchiveReader.open(fixture.path());
    } catch (ArchiveException e) {
      assertThat(e.rule())
          .as("rule of %s failing at open: %s", quirk, e.getMessage())
          .isEqualTo(quirk.rule());
      return;
    }
    try (reader) {
      VerificationReport report = verify(reader);
      assertThat(report.problems())
          .as("verify of defect %s", quirk)
          .anyMatch(p -> quirk.rule().equals(p.rule()));
    }
  }

  static Stream<Arguments> pairs() {
    List<Arguments> all = new ArrayList<>();
    for (Quirk first : Quirk.values()) {
      for (Quirk second : Quirk.values()) {
        if (first != second
            && SHAPE_TESTED.contains(first.family())
            && SHAPE_TESTED.contains(second.family())) {
          all.add(Arguments.of(first, second));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} applied to {0}")
  @MethodSource("pairs")
  @DisplayName("quirks combine: both shapes are in the bytes, or whyInapplicable says why not")
  void combine(Quirk first, Quirk second) throws Exception {
    ArchiveSpec spec = second.applyTo(first.spec());
    assertThat(spec.quirks()).containsExactly(first, second);
    Optional<String> why = SyntheticArchives.whyInapplicable(spec);
    if (why.isPresent()) {
      assertThat(why.get()).containsAnyOf(first.id(), second.id());
      return;
    }
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("pair.tar"));
    QuirkArchive archive = QuirkArchive.read(fixture.path());
    assertShape(first, archive);
    assertShape(second, archive);
  }

  @Test
  @DisplayName("a contradiction is refused before anything is written, naming the quirk")
  void contradictionRefused() {
    ArchiveSpec spec =
        Quirk.CONTAINERD_COMPRESSED_DIGEST_PATHS.applyTo(Quirk.DOCKER25_BLOB_PATHS.spec());
    assertThat(SyntheticArchives.whyInapplicable(spec))
        .hasValue("docker25-blob-paths needs the dialect docker-hybrid, the spec is containerd");
    Path target = dir.resolve("never.tar");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SyntheticArchives.materialize(spec, target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("docker25-blob-paths needs the dialect docker-hybrid");
    assertThat(target).doesNotExist();
  }

  static void assertShape(Quirk quirk, QuirkArchive archive) throws IOException {
    switch (quirk.family()) {
      case OCI_LAYOUT -> OciLayoutQuirkTest.assertShape(quirk, archive);
      case MANIFEST_JSON -> ManifestJsonQuirkTest.assertShape(quirk, archive);
      case MEDIA_TYPES -> MediaTypeQuirkTest.assertShape(quirk, archive);
      case LAYER_COUNT -> LayerCountQuirkTest.assertShape(quirk, archive);
      default -> throw new IllegalArgumentException("no shape test here for " + quirk);
    }
  }

  private static VerificationReport verify(ArchiveReader reader) {
    return ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
  }

  /** The rule IDs docs/rules.md defines, and the shared new ones. */
  static Set<String> definedRules() {
    Set<String> ids = new LinkedHashSet<>(SHARED_NEW_RULES);
    Matcher m =
        Pattern.compile(
                "^- \\*\\*([A-Z]+-\\d+)(?: (?:MUST|SHOULD|REF|FIX))?\\*\\*", Pattern.MULTILINE)
            .matcher(readRules());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String readRules() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path rules = p.resolve("docs/rules.md");
      if (Files.isRegularFile(rules)) {
        try {
          return Files.readString(rules, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("no docs/rules.md above " + here);
  }
}
