package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.digest.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("dockerarchive copy (REF-1, REF-3, WR-*)")
class CopyCommandTest {
  private static final Digest CONFIG =
      digest("sha256:9d7f147c0d0c4d4538a04c7ef385809e56eb1aac7bf800fbe976612188025b68");

  @TempDir Path dir;

  private static Digest digest(String text) {
    try {
      return Digest.parse(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Path sample() {
    String name = "containers_image__docker_archive_fixtures_almostempty.tar";
    return Files.exists(dir.resolve(name)) ? dir.resolve(name) : CorpusFiles.copy(name, dir);
  }

  @Test
  @DisplayName("docker-archive -> oci -> dir -> docker-archive keeps config digest and diffIDs")
  void roundTripThroughEveryTransport() throws Exception {
    Path sample = sample();
    assertThat(
            CliRun.of("copy", "docker-archive:" + sample, "oci:" + dir.resolve("oci") + ":v1")
                .exitCode())
        .isZero();
    assertThat(
            CliRun.of("copy", "oci:" + dir.resolve("oci") + ":v1", "dir:" + dir.resolve("d"))
                .exitCode())
        .isZero();
    CliRun last =
        CliRun.of(
            "copy",
            "dir:" + dir.resolve("d"),
            "docker-archive:" + dir.resolve("back.tar") + ":x:1");
    assertThat(last.exitCode()).as(last.err()).isZero();
    try (ArchiveReader reader = ArchiveReader.open(dir.resolve("back.tar"))) {
      ImageSource image = reader.imageSource(null, -1);
      assertThat(image.configDigest()).isEqualTo(CONFIG);
      assertThat(image.selection().item().repoTags()).containsExactly("docker.io/library/x:1");
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
    }
  }

  @Test
  @DisplayName("--additional-tag adds fully qualified tags after the destination's own (WR-8)")
  void additionalTags() throws Exception {
    Path out = dir.resolve("out.tar");
    CliRun run =
        CliRun.of(
            "copy",
            "--additional-tag",
            "busybox",
            "--additional-tag",
            "example.com/a/b:7",
            "docker-archive:" + sample(),
            "docker-archive:" + out + ":first:1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest().get(0).repoTags())
          .containsExactly(
              "docker.io/library/first:1", "docker.io/library/busybox:latest", "example.com/a/b:7");
    }
  }

  @Test
  @DisplayName("--multi writes several images into one archive, each with its source's tag (WR-1)")
  void multi() throws Exception {
    Path two =
        CorpusFiles.copy("containers_podman__test_e2e_testdata_docker-two-images.tar.xz", dir);
    Path out = dir.resolve("multi.tar");
    CliRun run =
        CliRun.of(
            "copy",
            "--multi",
            "docker-archive:" + two + ":example.com/empty:latest",
            "docker-archive:" + two + ":example.com/empty/but:different",
            "docker-archive:" + out);
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest()).hasSize(2);
      assertThat(reader.manifest().get(1).repoTags())
          .containsExactly("example.com/empty/but:different");
      long layerEntries =
          reader.entries().stream().filter(e -> e.name().endsWith(".tar") && !e.isLink()).count();
      assertThat(layerEntries).as("the shared layer is written once").isEqualTo(1);
    }
  }

  /** Copies image {@code index} of the podman two-images archive to {@code destination}. */
  private void copyOneOfTwo(int index, String destination) {
    Path two =
        dir.resolve("containers_podman__test_e2e_testdata_docker-two-images.tar.xz")
                .toFile()
                .exists()
            ? dir.resolve("containers_podman__test_e2e_testdata_docker-two-images.tar.xz")
            : CorpusFiles.copy(
                "containers_podman__test_e2e_testdata_docker-two-images.tar.xz", dir);
    CliRun run = CliRun.of("copy", "docker-archive:" + two + ":@" + index, destination);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  /**
   * Copies image {@code firstImage} of the podman two-images archive to {@code first} and {@code
   * secondImage} to {@code second}, then both with {@code copy --multi} into {@code out}.
   */
  private CliRun multiFrom(Path out, int firstImage, String first, int secondImage, String second) {
    copyOneOfTwo(firstImage, first);
    copyOneOfTwo(secondImage, second);
    return CliRun.of("copy", "--multi", first, second, "docker-archive:" + out);
  }

  @Test
  @DisplayName(
      "WR-13: --multi of two different images under one tag is refused in one line, exit 2,"
          + " nothing written")
  void multiSameTagTwoImagesRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out")).resolve("m.tar");
    CliRun run =
        multiFrom(
            out,
            0,
            "docker-archive:" + dir.resolve("a.tar") + ":app:1",
            1,
            "docker-archive:" + dir.resolve("b.tar") + ":app:1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .matches(
            "dockerarchive: error: tag docker.io/library/app:1 already names image"
                + " sha256:[0-9a-f]{64} in this archive; refusing to give it to image"
                + " sha256:[0-9a-f]{64} as well \\(one tag, one image\\) \\[WR-13\\]\\R");
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  @DisplayName("WR-9: --multi of the same image twice under one tag writes one item, one tag")
  void multiSameImageTwiceMerges() throws Exception {
    Path out = dir.resolve("m.tar");
    CliRun run =
        multiFrom(
            out,
            0,
            "docker-archive:" + dir.resolve("a.tar") + ":app:1",
            0,
            "docker-archive:" + dir.resolve("c.tar") + ":app:1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest())
          .singleElement()
          .satisfies(i -> assertThat(i.repoTags()).containsExactly("docker.io/library/app:1"));
    }
  }

  @Test
  @DisplayName(
      "REF-4: --multi from two OCI layouts named latest writes two untagged images, with a note"
          + " each")
  void multiBareRefNames() throws Exception {
    Path out = dir.resolve("multi.tar");
    CliRun run =
        multiFrom(
            out,
            0,
            "oci:" + dir.resolve("A") + ":latest",
            1,
            "oci:" + dir.resolve("B") + ":latest");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err().lines())
        .containsExactly(
            "dockerarchive: note: image 0 (oci:"
                + dir.resolve("A")
                + ":latest) is written untagged: its ref.name \"latest\" is not a Docker"
                + " reference with a tag (a bare name is no repository); read it as docker-archive:"
                + out
                + ":@0 [REF-4]",
            "dockerarchive: note: image 1 (oci:"
                + dir.resolve("B")
                + ":latest) is written untagged: its ref.name \"latest\" is not a Docker"
                + " reference with a tag (a bare name is no repository); read it as docker-archive:"
                + out
                + ":@1 [REF-4]");
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest()).hasSize(2).allSatisfy(i -> assertThat(i.repoTags()).isEmpty());
      assertThat(reader.manifest().get(0).config()).isNotEqualTo(reader.manifest().get(1).config());
    }
  }

  @Test
  @DisplayName("WR-11: an existing archive is refused unless --replace; --layout docker-hybrid")
  void replaceAndLayout() throws Exception {
    Path out = dir.resolve("out.tar");
    Files.writeString(out, "precious");
    CliRun refused = CliRun.of("copy", "docker-archive:" + sample(), "docker-archive:" + out);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("[WR-11]").contains("--replace");
    assertThat(Files.readString(out)).isEqualTo("precious");
    CliRun replaced =
        CliRun.of(
            "copy",
            "--replace",
            "--layout",
            "docker-hybrid",
            "docker-archive:" + sample(),
            "docker-archive:" + out + ":h:1");
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest().get(0).config()).startsWith("blobs/sha256/");
      assertThat(reader.entries().stream().map(e -> e.name())).contains("index.json", "oci-layout");
    }
  }

  @Test
  @DisplayName("a failed copy leaves no archive and no temporary file (WR-10)")
  void failedCopyLeavesNothing() throws Exception {
    Path out = dir.resolve("never.tar");
    CliRun run =
        CliRun.of("copy", "docker-archive:" + sample() + ":@3", "docker-archive:" + out + ":x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid source index @3");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("never") || n.contains("dockerarchive-tmp"));
    }
  }

  @Test
  @DisplayName("usage errors: one source without --multi, --multi to oci:, unknown transport")
  void usageErrors() {
    String s = "docker-archive:" + sample();
    assertThat(CliRun.of("copy", s, s, "docker-archive:" + dir.resolve("x.tar")).err())
        .contains("need --multi");
    assertThat(CliRun.of("copy", "--multi", s, "oci:" + dir.resolve("o")).err())
        .contains("needs a docker-archive: destination");
    CliRun unknown = CliRun.of("copy", "docker://busybox", "dir:" + dir.resolve("d"));
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown transport \"docker\"");
  }
}
