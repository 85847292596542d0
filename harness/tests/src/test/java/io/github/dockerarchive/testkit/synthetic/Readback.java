package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;

/** Reads a fixture back through our reader and checks every value against its truth. */
final class Readback {
  private Readback() {}

  static void assertMatchesTruth(ArchiveFixture fixture) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertMatchesTruth(reader, fixture);
    }
  }

  static void assertMatchesTruth(ArchiveReader reader, ArchiveFixture fixture) throws Exception {
    assertReadsAsTruth(reader, fixture);
    VerificationReport report =
        ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
    assertThat(report.problems()).as("verification problems").isEmpty();
  }

  /** Checks what the reader returns, without verification. */
  static void assertReadsAsTruth(ArchiveReader reader, ArchiveFixture fixture) throws Exception {
    assertThat(reader.manifest()).hasSameSizeAs(fixture.images());
    for (ImageTruth truth : fixture.images()) {
      int i = truth.index();
      List<String> stored = reader.manifest().get(i).repoTags();
      assertThat(stored == null ? List.of() : stored)
          .as("RepoTags of item @%d", i)
          .isEqualTo(truth.repoTags());
      ImageSource image = reader.imageSource(null, i);
      assertThat(image.configDigest())
          .as("config digest of item @%d", i)
          .isEqualTo(truth.configDigest());
      assertThat(image.diffIds()).as("diffIDs of item @%d", i).isEqualTo(truth.diffIds());
      List<LayerInfo> layers = image.layers();
      for (int l = 0; l < layers.size(); l++) {
        LayerInfo layer = layers.get(l);
        Digest diffId = truth.diffIds().get(l);
        if (truth.diffIds().indexOf(diffId) != l) {
          continue; // a repeated layer: served from its first path (SRC-8)
        }
        assertThat(layer.path()).isEqualTo(truth.layerPaths().get(l));
        assertThat(layer.size()).as("size of layer %d", l).isEqualTo(truth.sizes().get(l));
        assertThat(layer.storedSize())
            .as("stored size of layer %d", l)
            .isEqualTo(truth.storedSizes().get(l));
        assertThat(storedDigest(reader, layer.path()))
            .as("stored digest of layer %d", l)
            .isEqualTo(truth.storedDigests().get(l));
        try (BlobStream blob = image.getBlob(diffId)) {
          assertThat(blob.drain()).isEqualTo(truth.sizes().get(l));
        }
      }
    }
  }

  static Digest storedDigest(ArchiveReader reader, String name) throws Exception {
    MessageDigest sha = Digest.newSha256();
    try (InputStream in = reader.openEntry(name)) {
      byte[] buffer = new byte[65536];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    return Digest.ofSha256(sha.digest());
  }
}
