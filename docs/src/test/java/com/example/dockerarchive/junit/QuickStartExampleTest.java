package com.example.dockerarchive.junit;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;

import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import org.junit.jupiter.api.Test;

@DockerArchiveTest
class QuickStartExampleTest {
  @Test
  void readsWhatDocker25Writes(
      @SyntheticArchive(dialect = Dialect.DOCKER_HYBRID, tags = "app:1") ArchiveFixture archive) {
    // an archive as `docker save` of Docker 25+ writes it, written for this test and deleted after
    assertThat(archive).isValid().image("app:1").hasLayerCount(2).matches(archive.image(0));
  }
}
