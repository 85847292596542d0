package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("WR-13: one tag names one image of an archive")
class DuplicateTagTest {
  @TempDir Path dir;

  private static DockerReference ref(String text) throws Exception {
    return DockerReference.parseNormalized(text);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Layout.class)
  @DisplayName("a second image under a held tag is refused at commit, naming both config digests")
  void refusedAtCommit(Layout layout) throws Exception {
    TestImages.Image a = TestImages.image("a", 1);
    TestImages.Image b = TestImages.image("b", 1);
    Path out = dir.resolve("two.tar");
    try (ArchiveWriter writer =
        ArchiveWriter.create(out, WriterOptions.defaults().withLayout(layout))) {
      TestImages.write(writer.newImage(ref("app:1")), a);
      ImageDestination second = writer.newImage(ref("docker.io/library/app:1"));
      assertThatThrownBy(() -> TestImages.write(second, b))
          .isInstanceOfSatisfying(
              DuplicateTagException.class,
              e -> {
                assertThat(e.rule()).isEqualTo("WR-13");
                assertThat(e.tag()).isEqualTo("docker.io/library/app:1");
                assertThat(e.heldBy()).isEqualTo(a.configDigest());
                assertThat(e.refused()).isEqualTo(b.configDigest());
              })
          .hasMessage(
              "tag docker.io/library/app:1 already names image "
                  + a.configDigest()
                  + " in this archive; refusing to give it to image "
                  + b.configDigest()
                  + " as well (one tag, one image)");
      // The refused image was not committed; the archive keeps the first image only.
      TestImages.write(writer.newImage(ref("app:2")), b);
    }
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest()).hasSize(2);
      assertThat(reader.manifest().get(0).repoTags()).containsExactly("docker.io/library/app:1");
      assertThat(reader.manifest().get(1).repoTags()).containsExactly("docker.io/library/app:2");
    }
  }

  @Test
  @DisplayName("addRepoTags after putManifest refuses a held tag at once and adds none of the tags")
  void refusedByAddRepoTags() throws Exception {
    TestImages.Image a = TestImages.image("a", 1);
    TestImages.Image b = TestImages.image("b", 2);
    try (ArchiveWriter writer =
        ArchiveWriter.create(new ByteArrayOutputStream(), WriterOptions.defaults())) {
      TestImages.write(writer.newImage(ref("example.com/app:1")), a);
      ImageDestination second = writer.newImage(ref("example.com/b:1"));
      for (byte[] layer : b.layers()) {
        second.putBlob(
            new ByteArrayInputStream(layer),
            BlobInfo.of(Digest.sha256(layer), layer.length),
            false);
      }
      second.putBlob(
          new ByteArrayInputStream(b.config()),
          BlobInfo.of(b.configDigest(), b.config().length),
          true);
      second.putManifest(b.manifest());
      assertThatThrownBy(
              () -> second.addRepoTags(List.of(ref("example.com/b:2"), ref("example.com/app:1"))))
          .isInstanceOf(DuplicateTagException.class)
          .hasMessageContaining("tag example.com/app:1 already names image " + a.configDigest());
      assertThat(second.repoTags()).containsExactly(ref("example.com/b:1"));
      second.commit();
    }
  }

  @Test
  @DisplayName(
      "the same image given a tag it already holds merges (WR-9), whatever the spelling; itemIndex"
          + " names the shared item")
  void sameImageMerges() throws Exception {
    TestImages.Image a = TestImages.image("same", 2);
    Path out = dir.resolve("same.tar");
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageDestination first = writer.newImage(ref("app:1"));
      assertThat(first.itemIndex()).isEqualTo(-1);
      TestImages.write(first, a);
      ImageDestination again = writer.newImage(ref("docker.io/library/app:1"));
      again.addRepoTags(List.of(ref("index.docker.io/library/app:2")));
      TestImages.write(again, a);
      ImageDestination other = writer.newImage(null);
      TestImages.write(other, TestImages.image("other", 1));
      assertThat(List.of(first.itemIndex(), again.itemIndex(), other.itemIndex()))
          .containsExactly(0, 0, 1);
    }
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest()).hasSize(2);
      assertThat(reader.manifest().get(0).repoTags())
          .containsExactly("docker.io/library/app:1", "docker.io/library/app:2");
    }
  }

  @Test
  @DisplayName("discard after a refused commit leaves nothing at the target and no temporary file")
  void discardLeavesNothing() throws Exception {
    Path out = dir.resolve("sub").resolve("m.tar");
    Files.createDirectories(out.getParent());
    ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults());
    try {
      TestImages.write(writer.newImage(ref("app:1")), TestImages.image("a", 1));
      assertThat(writer.hasCommitted()).isTrue();
      assertThatThrownBy(
              () -> TestImages.write(writer.newImage(ref("app:1")), TestImages.image("b", 1)))
          .isInstanceOf(DuplicateTagException.class);
      writer.discard();
      writer.discard();
    } finally {
      writer.close();
    }
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(() -> writer.newImage(null))
        .isInstanceOf(io.github.dockerarchive.testkit.ArchiveClosedException.class);
  }
}
