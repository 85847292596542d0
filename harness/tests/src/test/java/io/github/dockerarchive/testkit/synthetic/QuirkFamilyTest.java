package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the quirk tests of each family share: for every quirk of the family, its shape is in the
 * bytes ({@link #assertShape}, a {@code switch} over the family's quirks that fails for a quirk
 * without a case) and the reader judges it right ({@link #assertVerdict}). An expensive quirk is
 * skipped here with the reason: {@link LargeEntryQuirkTest} tests it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuirkFamilyTest {
  @TempDir Path dir;

  /** The family the subclass covers. */
  abstract QuirkFamily family();

  /** Asserts the quirk's exact shape in the fixture's bytes. */
  abstract void assertShape(Quirk quirk, ArchiveFixture fixture) throws Exception;

  Stream<Quirk> quirks() {
    return Arrays.stream(Quirk.values()).filter(q -> q.family() == family());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quirks")
  @DisplayName("the shape is in the bytes")
  void shape(Quirk quirk) throws Exception {
    QuirkCatalogueTest.assumeCheap(quirk);
    assertShape(quirk, materialize(quirk, dir));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quirks")
  @DisplayName("valid ones read as their truth, defects are reported under their rule")
  void verdict(Quirk quirk) throws Exception {
    QuirkCatalogueTest.assumeCheap(quirk);
    assertVerdict(quirk, materialize(quirk, dir));
  }

  /** Materialises the quirk's own spec. */
  static ArchiveFixture materialize(Quirk quirk, Path dir) throws Exception {
    ArchiveFixture fixture =
        SyntheticArchives.materialize(quirk.spec(), dir.resolve(quirk.id() + ".tar"));
    assertThat(fixture.spec().quirks()).contains(quirk);
    return fixture;
  }

  /** The archive's tar, decompressed when the whole archive is compressed. */
  static byte[] outerTar(ArchiveFixture fixture) throws Exception {
    byte[] stored = Files.readAllBytes(fixture.path());
    if (fixture.spec().compression() == io.github.dockerarchive.testkit.image.Compression.NONE) {
      return stored;
    }
    try (InputStream in =
        new CompressorStreamFactory()
            .createCompressorInputStream(new java.io.ByteArrayInputStream(stored))) {
      return in.readAllBytes();
    }
  }

  /** The uncompressed tar of a layer of the first image, counted from the top (0: the top). */
  static TarBlocks layerFromTop(ArchiveFixture fixture, int fromTop) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      ImageSource image = reader.imageSource(null, 0);
      List<Digest> diffIds = image.diffIds();
      try (BlobStream blob = image.getBlob(diffIds.get(diffIds.size() - 1 - fromTop))) {
        return TarBlocks.of(blob.readAllBytes());
      }
    }
  }

  /**
   * The reader's verdict: a valid quirk reads as its truth and {@code verify} reports no error (a
   * warning only under the quirk's own rule); a defect is reported under the quirk's rule.
   */
  static void assertVerdict(Quirk quirk, ArchiveFixture fixture) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      VerificationReport report =
          ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
      if (quirk.validity() == QuirkValidity.VALID) {
        Readback.assertReadsAsTruth(reader, fixture);
        assertThat(report.problems())
            .as("problems verify reports for the valid quirk %s", quirk.id())
            .allSatisfy(
                p -> {
                  assertThat(p.severity()).isEqualTo(Severity.WARNING);
                  assertThat(p.rule()).isEqualTo(quirk.rule());
                });
      } else {
        assertThat(report.problems())
            .as("problems verify reports for the defect %s", quirk.id())
            .extracting(Problem::rule)
            .contains(quirk.rule());
      }
    }
  }
}
