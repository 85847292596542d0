package com.example.dockerarchive.assertj;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.assertj.DockerArchiveSoftAssertions;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import org.junit.jupiter.api.Test;

@DockerArchiveTest
class SoftAssertionsExampleTest {
  @Test
  void collectsEveryFailure(@SyntheticArchive(tags = "app:1") ArchiveFixture archive) {
    DockerArchiveSoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(archive).hasImageCount(1);
          softly.assertThat(archive).image(0).hasLayerCount(2).hasLayerFile("data/0-1.bin");
        });

    // two wrong expectations: both are reported together, after the lambda ends
    assertThatThrownBy(
            () ->
                DockerArchiveSoftAssertions.assertSoftly(
                    softly -> {
                      softly.assertThat(archive).hasImageCount(2);
                      softly.assertThat(archive).image("app:1").hasLayerCount(5);
                    }))
        .hasMessageContaining("Multiple Failures (2 failures)");
  }
}
