package com.example.dockerarchive.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.ImageDestination;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteArchiveExampleTest {
  @Test
  void writesAnArchiveAtomically(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.tar");
    try (ArchiveReader sample = ArchiveReader.open(Path.of("../samples/almostempty.tar"));
        ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      for (String tag : new String[] {"example.com/app:1", "app:latest"}) {
        ImageDestination image = writer.newImage(DockerReference.parseNormalized(tag));
        ImageCopier.copy(sample.imageSource(null, 0), image, ImageCopier.Progress.NONE);
      } // each copy verified every blob and committed; the same image twice merges its tags
      assertThat(out).doesNotExist(); // written beside the target, renamed on close
    }

    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest()).hasSize(1);
      assertThat(reader.manifest().get(0).repoTags())
          .containsExactly("example.com/app:1", "docker.io/library/app:latest");
    }
  }
}
