package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import java.util.List;

/** Our reader checked against a fixture's truth, and against its corruption's promise. */
final class Truths {
  private Truths() {}

  /** The reader finds every item, tag, config digest and diffID of the truth. */
  static void assertReadsAsTruth(ArchiveReader reader, ArchiveFixture fixture) throws Exception {
    assertThat(reader.manifest()).hasSameSizeAs(fixture.images());
    for (ImageTruth truth : fixture.images()) {
      List<String> stored = reader.manifest().get(truth.index()).repoTags();
      assertThat(stored == null ? List.of() : stored).isEqualTo(truth.repoTags());
      ImageSource image = reader.imageSource(null, truth.index());
      assertThat(image.configDigest()).isEqualTo(truth.configDigest());
      assertThat(image.diffIds()).isEqualTo(truth.diffIds());
      assertThat(image.layers()).hasSameSizeAs(truth.diffIds());
    }
  }

  /** Valid: reads as its truth and verifies without a problem. */
  static void assertValid(ArchiveFixture fixture) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertReadsAsTruth(reader, fixture);
      assertThat(verify(reader).problems()).isEmpty();
    }
  }

  /** Corrupted: our reader notices at the corruption's stage, with its type and rule. */
  static void assertDetected(ArchiveFixture fixture) throws Exception {
    Corruption c = fixture.corruption();
    switch (c.stage()) {
      case OPEN ->
          assertThatThrownBy(() -> ArchiveReader.open(fixture.path()).close())
              .isInstanceOf(c.failure())
              .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo(c.rule()));
      case LOAD -> {
        try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
          int index = c == Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR ? -1 : 0;
          assertThatThrownBy(() -> reader.imageSource(null, index).layers())
              .isInstanceOf(c.failure())
              .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo(c.rule()));
        }
      }
      case READ -> {
        try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
          ImageSource image = reader.imageSource(null, 0);
          assertThatThrownBy(
                  () -> {
                    try (BlobStream blob = image.getBlob(fixture.image(0).diffIds().get(0))) {
                      blob.drain();
                    }
                  })
              .isInstanceOf(c.failure());
        }
      }
      case VERIFY -> {
        try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
          assertReadsAsTruth(reader, fixture);
          assertThat(verify(reader).problems())
              .anyMatch(p -> p.severity() == Severity.ERROR && c.rule().equals(p.rule()));
        }
      }
      case WARNING -> {
        try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
          assertReadsAsTruth(reader, fixture);
          VerificationReport report = verify(reader);
          // Dialects that write an OCI layout beside manifest.json name blobs by digest there: a
          // config stored under another digest's name is absent on that side (OCI-3), while
          // loaders that read manifest.json load the archive.
          List<VerificationReport.Problem> ociSide =
              report.problems().stream().filter(p -> "OCI-3".equals(p.rule())).toList();
          assertThat(report.problems())
              .filteredOn(p -> !ociSide.contains(p))
              .isNotEmpty()
              .allMatch(p -> c.rule().equals(p.rule()));
          assertThat(report.isValid()).isEqualTo(ociSide.isEmpty());
        }
      }
    }
  }

  private static VerificationReport verify(ArchiveReader reader) {
    return ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
  }
}
