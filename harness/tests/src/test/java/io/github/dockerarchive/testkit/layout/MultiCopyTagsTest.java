package io.github.dockerarchive.testkit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.interop.OciLayout;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.DuplicateTagException;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("REF-4, WR-13: the tags of a multi-image copy")
class MultiCopyTagsTest {
  @TempDir Path dir;

  /** An OCI layout of one image of one layer holding {@code content}, under {@code refName}. */
  private Path layout(String name, String refName, String content) throws Exception {
    Path oci = dir.resolve(name);
    byte[] config =
        OciLayout.write(oci, refName, List.of(OciLayout.layerTar("f.txt", content)), false);
    assertThat(Digest.sha256(config)).isNotNull();
    return oci;
  }

  private List<String> copyMulti(Path out, String... sources) throws Exception {
    List<TransportReference> parsed = new ArrayList<>();
    for (String s : sources) {
      parsed.add(TransportReference.parse(s));
    }
    List<String> notes = new ArrayList<>();
    TransportCopy.copyMulti(
        parsed,
        ArchiveReference.parseTransport("docker-archive:" + out),
        WriterOptions.defaults(),
        s -> ImageCopier.Progress.NONE,
        notes::add);
    return notes;
  }

  private static List<ManifestItem> items(Path archive) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      return reader.manifest();
    }
  }

  @Test
  @DisplayName("two layouts named latest give two untagged images, each with a note naming @N")
  void bareRefNamesLeaveImagesUntagged() throws Exception {
    Path a = layout("a", "latest", "alpha");
    Path b = layout("b", "latest", "beta");
    Path out = dir.resolve("multi.tar");
    List<String> notes = copyMulti(out, "oci:" + a + ":latest", "oci:" + b + ":latest");
    assertThat(items(out)).hasSize(2).allSatisfy(i -> assertThat(i.repoTags()).isEmpty());
    assertThat(notes)
        .containsExactly(
            "image 0 (oci:"
                + a
                + ":latest) is written untagged: its ref.name \"latest\" is not a Docker"
                + " reference with a tag (a bare name is no repository); read it as"
                + " docker-archive:"
                + out
                + ":@0 [REF-4]",
            "image 1 (oci:"
                + b
                + ":latest) is written untagged: its ref.name \"latest\" is not a Docker"
                + " reference with a tag (a bare name is no repository); read it as"
                + " docker-archive:"
                + out
                + ":@1 [REF-4]");
  }

  @Test
  @DisplayName(
      "a note names the item an untagged image went to, and none is given for an image that"
          + " merged into a tagged item")
  void notesNameTheItem() throws Exception {
    Path a = layout("a", "example.com/app:1", "same");
    Path b = layout("b", "latest", "same");
    Path c = layout("c", "latest", "other");
    Path out = dir.resolve("merged.tar");
    List<String> notes =
        copyMulti(
            out, "oci:" + a + ":example.com/app:1", "oci:" + b + ":latest", "oci:" + c + ":latest");
    assertThat(items(out)).hasSize(2);
    assertThat(items(out).get(0).repoTags()).containsExactly("example.com/app:1");
    assertThat(notes)
        .singleElement()
        .asString()
        .startsWith("image 1 (oci:" + c + ":latest) is written untagged")
        .endsWith("read it as docker-archive:" + out + ":@1 [REF-4]");
  }

  @Test
  @DisplayName("a ref.name with a tag becomes the tag; a name without one (app, 1.0) does not")
  void refNameWithTagIsTheTag() {
    assertThat(tags("oci:/l:example.com/app:1")).containsExactly("example.com/app:1");
    assertThat(tags("oci:/l:app:1")).containsExactly("docker.io/library/app:1");
    assertThat(tags("oci:/l:latest")).isEmpty();
    assertThat(tags("oci:/l:1.0")).isEmpty();
    assertThat(tags("oci:/l:app")).isEmpty();
    assertThat(tags("oci:/l:Not A Reference")).isEmpty();
    assertThat(tags("oci:/l")).isEmpty();
    assertThat(tags("docker-archive:/a.tar:app")).containsExactly("docker.io/library/app:latest");
  }

  private static List<String> tags(String source) {
    try {
      return TransportCopy.tagsOf(TransportReference.parse(source)).stream()
          .map(r -> r.canonical())
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("two different images under one tag are refused; nothing is left at the target")
  void sameTagTwoImagesRefused() throws Exception {
    Path a = layout("a", "example.com/app:1", "alpha");
    Path b = layout("b", "example.com/app:1", "beta");
    Path target = Files.createDirectories(dir.resolve("out")).resolve("m.tar");
    assertThatThrownBy(
            () ->
                copyMulti(
                    target, "oci:" + a + ":example.com/app:1", "oci:" + b + ":example.com/app:1"))
        .isInstanceOf(DuplicateTagException.class)
        .hasMessageStartingWith("tag example.com/app:1 already names image sha256:");
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  @DisplayName("the same image given twice under two tags is one item with both tags (WR-9)")
  void sameImageTwiceMerges() throws Exception {
    Path a = layout("a", "example.com/app:1", "same");
    Path b = layout("b", "example.com/app:2", "same");
    Path out = dir.resolve("same.tar");
    List<String> notes =
        copyMulti(out, "oci:" + a + ":example.com/app:1", "oci:" + b + ":example.com/app:2");
    assertThat(notes).isEmpty();
    assertThat(items(out))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.repoTags()).containsExactly("example.com/app:1", "example.com/app:2"));
  }
}
