package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("REF-1 with SEL-*: a transport reference selects the image of an archive")
class TransportSelectionTest {
  @TempDir Path dir;

  private Path twoImages() throws Exception {
    Path archive = dir.resolve("two.tar.xz");
    try (var in =
        getClass()
            .getResourceAsStream(
                "/corpus/real/containers_podman__test_e2e_testdata_docker-two-images.tar.xz")) {
      Files.copy(in, archive);
    }
    return archive;
  }

  @Test
  @DisplayName("PATH:REF selects by normalised tag, PATH:@N by index, PATH alone needs one image")
  void selects() throws Exception {
    Path archive = twoImages();
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      ImageSource byTag =
          reader.imageSource(ArchiveReference.parse(archive + ":example.com/empty/but:different"));
      assertThat(byTag.selection().itemIndex()).isEqualTo(1);
      assertThat(byTag.selection().tagIndex()).isZero();
      ImageSource byIndex = reader.imageSource(ArchiveReference.parse(archive + ":@0"));
      assertThat(byIndex.selection().tagIndex()).isEqualTo(-1);
      assertThat(byIndex.describe()).endsWith("image @0");
      ImageSource neither = reader.imageSource(ArchiveReference.parse(archive.toString()));
      assertThatThrownBy(neither::selection)
          .isInstanceOf(ImageNotFoundException.class)
          .hasMessage("Unexpected tar manifest.json: expected 1 item, got 2");
    }
  }

  @Test
  @DisplayName("ImageSource.open owns its reader: closing the source closes the archive (RD-5)")
  void openOwnsReader() throws Exception {
    Path archive = twoImages();
    ImageSource source =
        ImageSource.open(ArchiveReference.parse(archive + ":@1"), ReaderOptions.defaults());
    assertThat(source.diffIds()).hasSize(1);
    BlobStream blob = source.getBlob(source.diffIds().get(0));
    source.close();
    assertThat(source.reader().isClosed()).isTrue();
    assertThatThrownBy(blob::drain).isInstanceOf(ArchiveClosedException.class);
  }
}
