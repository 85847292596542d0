package com.example.dockerarchive.jqwik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.generators.ArchiveArbitraries;
import io.github.dockerarchive.testkit.generators.Images;
import io.github.dockerarchive.testkit.generators.Layers;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GeneratedArchivesExampleTest {
  /** Any archive, any dialect: the reader finds every image's config digest and diffIDs. */
  @Property(tries = 20)
  void readsEveryImage(@ForAll @Images(max = 2) @Layers(max = 3) ArchiveFixture archive)
      throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive.path())) {
      for (ImageTruth truth : archive.images()) {
        ImageSource image = reader.imageSource(null, truth.index());
        assertThat(image.configDigest()).isEqualTo(truth.configDigest());
        assertThat(image.diffIds()).isEqualTo(truth.diffIds());
      }
    }
  }

  /** Broken archives are refused with the exception each corruption names. */
  @Property(tries = 20)
  void refusesBrokenArchives(@ForAll("broken") ArchiveFixture archive) {
    assertThatThrownBy(
            () -> {
              try (ArchiveReader reader = ArchiveReader.open(archive.path())) {
                for (ImageSource image : reader.images()) {
                  image.layers();
                }
              }
            })
        .isInstanceOf(archive.corruption().failure());
  }

  @Provide
  Arbitrary<ArchiveFixture> broken() {
    return ArchiveArbitraries.specs()
        .dialects(Dialect.DOCKER_LEGACY, Dialect.CONTAINERD)
        .layers(1, 4)
        .corruptions(Corruption.MISSING_LAYER, Corruption.TRUNCATED, Corruption.MISSING_MANIFEST)
        .fixtures();
  }
}
