package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive appears atomically, only after a commit, and never overwrites by accident. */
@DisplayName("WR-10, WR-11: temporary file, atomic rename, existing targets")
class TargetFileTest {
  @TempDir Path dir;

  List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  @DisplayName("WR-10: the target appears only on close; until then only the temporary file exists")
  void appearsOnClose() throws Exception {
    Path target = dir.resolve("a.tar");
    ArchiveWriter writer = ArchiveWriter.create(target, WriterOptions.defaults());
    TestImages.write(writer.newImage(null), TestImages.image("a", 2));
    assertThat(target).doesNotExist();
    assertThat(files())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.getFileName().toString())
                    .startsWith(".a.tar" + ArchiveWriter.TEMPORARY_MARKER));
    writer.close();
    assertThat(files()).containsExactly(target);
    writer.close(); // a second close does nothing
    assertThat(files()).containsExactly(target);
  }

  @Test
  @DisplayName("WR-10: nothing committed: no file, no temporary file")
  void nothingCommitted() throws Exception {
    Path target = dir.resolve("none.tar");
    try (ArchiveWriter writer = ArchiveWriter.create(target, WriterOptions.defaults())) {
      ImageDestination d = writer.newImage(DockerReference.parseNormalized("x"));
      TestImages.Image image = TestImages.image("x", 1);
      d.putBlob(
          new java.io.ByteArrayInputStream(image.layers().get(0)),
          io.github.dockerarchive.testkit.image.BlobInfo.of(
              image.diffIds().get(0), image.layers().get(0).length),
          false);
      d.close(); // abandoned, never committed
      assertThat(writer.hasCommitted()).isFalse();
    }
    assertThat(files()).isEmpty();
  }

  @Test
  @DisplayName("WR-10: leftovers of a dead writer can be found and deleted")
  void leftovers() throws Exception {
    Path target = dir.resolve("l.tar");
    Files.write(dir.resolve(".l.tar" + ArchiveWriter.TEMPORARY_MARKER + "dead"), new byte[10]);
    Files.write(dir.resolve("other"), new byte[1]);
    assertThat(ArchiveWriter.deleteLeftovers(target)).isEqualTo(1);
    assertThat(files()).containsExactly(dir.resolve("other"));
  }

  @Test
  @DisplayName("WR-11: a non-empty file is refused, with the reference's text and how to allow it")
  void refusesExisting() throws Exception {
    Path target = dir.resolve("old.tar");
    Files.write(target, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ArchiveWriter.create(target, WriterOptions.defaults()))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("docker-archive doesn't support modifying existing images")
        .hasMessageContaining("3 bytes")
        .hasMessageContaining("withReplaceExisting(true)")
        .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("WR-11"));
    assertThat(files()).containsExactly(target);
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
  }

  @Test
  @DisplayName("WR-11: replaceExisting replaces the file on close; an empty file is accepted")
  void replaces() throws Exception {
    Path target = dir.resolve("old.tar");
    Files.write(target, new byte[] {1, 2, 3});
    try (ArchiveWriter writer =
        ArchiveWriter.create(target, WriterOptions.defaults().withReplaceExisting(true))) {
      TestImages.write(writer.newImage(null), TestImages.image("r", 1));
      assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }
    assertThat(Files.size(target)).isGreaterThan(3);
    Path empty = Files.createFile(dir.resolve("empty.tar"));
    try (ArchiveWriter writer = ArchiveWriter.create(empty, WriterOptions.defaults())) {
      TestImages.write(writer.newImage(null), TestImages.image("e", 1));
    }
    assertThat(Files.size(empty)).isGreaterThan(0);
  }

  @Test
  @DisplayName("WR-11: a directory is refused")
  void directory() {
    assertThatThrownBy(() -> ArchiveWriter.create(dir, WriterOptions.defaults()))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  @DisplayName("WR-1: a closed writer refuses new images and their blobs")
  void closed() throws Exception {
    ArchiveWriter writer = ArchiveWriter.create(dir.resolve("c.tar"), WriterOptions.defaults());
    ImageDestination d = writer.newImage(null);
    writer.close();
    assertThatThrownBy(() -> writer.newImage(null)).isInstanceOf(ArchiveClosedException.class);
    assertThatThrownBy(
            () ->
                d.putBlob(
                    new java.io.ByteArrayInputStream(new byte[1]),
                    new io.github.dockerarchive.testkit.image.BlobInfo(null, -1, null),
                    false))
        .isInstanceOf(ArchiveClosedException.class);
  }
}
