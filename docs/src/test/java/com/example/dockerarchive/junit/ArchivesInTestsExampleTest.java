package com.example.dockerarchive.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.junit.Archives;
import io.github.dockerarchive.testkit.junit.DockerArchiveExtension;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArchivesInTestsExampleTest {
  @RegisterExtension
  static DockerArchiveExtension extension =
      DockerArchiveExtension.builder().defaultDialect(Dialect.DOCKER_LEGACY).seed(42).build();

  static ArchiveFixture base;

  @BeforeAll
  static void writeBase(Archives archives) {
    // lives until the class ends
    base = archives.create(b -> b.image(List.of("base:1"), LayerSpec.filler(64)));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void buildsArchivesInsideTheTest(Archives archives) {
    // deleted when this test ends; works on the separate thread the timeout runs the test on
    ArchiveFixture two =
        archives.create(
            b ->
                b.image(List.of("app:1"), LayerSpec.filler(100))
                    .image(List.of("app:2"), LayerSpec.filler(200)));
    assertThat(two.path()).isRegularFile();
    assertThat(two.images()).hasSize(2);
    assertThat(two.spec().seed()).isEqualTo(42);
    assertThat(base.path()).isRegularFile();
  }
}
