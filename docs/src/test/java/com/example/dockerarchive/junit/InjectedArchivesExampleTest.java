package com.example.dockerarchive.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@DockerArchiveTest
class InjectedArchivesExampleTest {
  // a static field: one archive for the whole class
  @SyntheticArchive(
      images = 2,
      tags = {"app:1,app:latest", "db:1"})
  static ArchiveFixture shared;

  // an instance field: a fresh archive for every test
  @SyntheticArchive(layers = 3, layerSize = 4096)
  Path archive;

  @Test
  void readsTheInjectedFields() throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      assertThat(reader.imageSource(null, 0).diffIds()).hasSize(3);
    }
    assertThat(shared.images()).hasSize(2);
    assertThat(shared.image(0).repoTags()) // stored fully qualified, as skopeo does
        .containsExactly("docker.io/library/app:1", "docker.io/library/app:latest");
  }

  @Test
  void refusesATamperedLayer(
      @SyntheticArchive(corruption = Corruption.LAYER_DIGEST_MISMATCH) ArchiveReader reader)
      throws Exception {
    ImageSource image = reader.imageSource(null, 0);
    Digest firstLayer = image.diffIds().get(0);

    assertThatThrownBy(() -> image.getBlob(firstLayer).drain())
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(firstLayer.toString());
  }
}
