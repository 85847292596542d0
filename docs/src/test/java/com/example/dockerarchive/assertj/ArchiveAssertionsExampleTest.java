package com.example.dockerarchive.assertj;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;
import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThatArchive;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import org.junit.jupiter.api.Test;

@DockerArchiveTest
class ArchiveAssertionsExampleTest {
  @Test
  void checksAnArchive(@SyntheticArchive(tags = "busybox") ArchiveFixture archive) {
    assertThat(archive)
        .isValid() // every digest recomputed
        .hasImageCount(1)
        .hasImage("docker.io/library/busybox:latest"); // tags compare after normalisation
    assertThatArchive(archive.path()).hasSameContentAs(archive);
  }

  @Test
  void checksAnImage(@SyntheticArchive(tags = "app:1", layers = 3) ArchiveFixture archive)
      throws Exception {
    assertThat(archive)
        .image("app:1")
        .hasTag("docker.io/library/app:1")
        .hasLayerCount(3)
        .hasConfigDigest(archive.image(0).configDigest())
        .hasDiffIds(archive.image(0).diffIds())
        .hasLayerFile("data/0-2.bin")
        .matches(archive.image(0)); // everything the truth says
    try (ArchiveReader reader = ArchiveReader.open(archive.path())) {
      assertThat(reader.imageSource(null, 0)).hasLayerCount(3);
    }
  }
}
