package com.example.dockerarchive.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFromSpecExampleTest {
  @Test
  void buildsAnArchiveAndKnowsItsTruth(@TempDir Path dir) throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(
                List.of("example.com/app:1", "example.com/app:latest"),
                LayerSpec.of(FileSpec.directory("etc"), FileSpec.file("etc/motd", 64)),
                LayerSpec.filler(4096).withCompression(Compression.GZIP))
            .image(List.of(), LayerSpec.filler(1024)) // untagged: reachable by index only
            .dialect(Dialect.DOCKER_LEGACY) // docker save of Docker 24 and earlier
            .seed(7) // the same spec always gives the same bytes
            .build();

    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("app.tar"));

    // the truth: what a correct reader must find, per manifest.json item
    ImageTruth app = fixture.image(0);
    assertThat(app.repoTags()).containsExactly("example.com/app:1", "example.com/app:latest");
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(reader.manifest()).hasSameSizeAs(fixture.images());
      ImageSource image = reader.imageSource(null, app.index());
      assertThat(image.configDigest()).isEqualTo(app.configDigest());
      assertThat(image.diffIds()).isEqualTo(app.diffIds());
      assertThat(image.layers().get(1).size()).isEqualTo(app.sizes().get(1));
    }
  }
}
