package com.example.dockerarchive.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.junit.ArchiveDialects;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import org.junit.jupiter.params.ParameterizedTest;

class EveryDialectExampleTest {
  // once per producer's layout (containers/image, Docker legacy and 25+, containerd, ...)
  // and per outer compression
  @ParameterizedTest
  @ArchiveDialects(
      compressions = {Compression.NONE, Compression.GZIP},
      archive = @SyntheticArchive(images = 2))
  void readsEveryProducersLayout(ArchiveFixture archive, Dialect dialect, Compression compression)
      throws Exception {
    assertThat(archive.spec().dialect()).isEqualTo(dialect);
    try (ArchiveReader reader = ArchiveReader.open(archive.path())) {
      assertThat(reader.compression()).isEqualTo(compression);
      for (ImageTruth truth : archive.images()) {
        assertThat(reader.imageSource(null, truth.index()).configDigest())
            .isEqualTo(truth.configDigest());
      }
    }
  }
}
