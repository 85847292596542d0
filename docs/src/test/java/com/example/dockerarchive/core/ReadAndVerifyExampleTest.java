package com.example.dockerarchive.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadAndVerifyExampleTest {
  // a real archive of this repository (tests run in its docs/ directory)
  static final Path SAMPLE = Path.of("../samples/almostempty.tar");

  @Test
  void readsAndVerifiesAnArchive() throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(SAMPLE)) {
      assertThat(reader.manifest()).hasSize(1); // manifest.json, unchanged
      assertThat(reader.manifest().get(0).repoTags()).containsExactly("emptyimage:latest");

      // select by tag (normalised as Docker does), or by index: imageSource(null, 0)
      ImageSource image =
          reader.imageSource(DockerReference.parseNormalized("emptyimage:latest"), -1);
      assertThat(image.configDigest().hex()).startsWith("9d7f147c");
      for (LayerInfo layer : image.layers()) {
        try (BlobStream blob = image.getBlob(layer.diffId())) { // decompressed
          assertThat(blob.drain()).isEqualTo(layer.size()); // verified at the end of the stream
        }
      }

      VerificationReport report =
          ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
      assertThat(report.isValid()).isTrue();
      assertThat(report.problems()).isEmpty();
    }
  }
}
