package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ChooseManifestItem (SEL-1..SEL-6)")
class ChooseManifestItemTest {
  @TempDir Path dir;
  int counter;

  ArchiveReader archive(HandmadeImage... images) throws ArchiveException {
    return ArchiveReader.open(
        HandmadeImage.archive(images).writeTo(dir.resolve("a" + counter++ + ".tar")));
  }

  ArchiveReader manifestOnly(String json) throws ArchiveException {
    return ArchiveReader.open(
        new HandmadeTar()
            .file("manifest.json", json)
            .writeTo(dir.resolve("m" + counter++ + ".tar")));
  }

  static DockerReference ref(String text) throws ArchiveException {
    return DockerReference.parseNormalized(text).withDefaultTag();
  }

  static HandmadeImage image(String... tags) {
    return new HandmadeImage().tags(tags).layerFiles("id", String.join(",", tags));
  }

  @Nested
  @DisplayName("SEL-1: no selector needs exactly one item")
  class Sel1 {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "null"})
    @DisplayName("SEL-1: zero items is refused with the reference's text")
    void zero(String json) throws IOException {
      try (ArchiveReader reader = manifestOnly(json)) {
        assertThatThrownBy(() -> reader.chooseManifestItem(null, -1))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Unexpected tar manifest.json: expected 1 item, got 0")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SEL-1"));
      }
    }

    @Test
    @DisplayName("SEL-1: one item is chosen, tag index -1")
    void one() throws IOException {
      HandmadeImage only = image("busybox:latest");
      try (ArchiveReader reader = archive(only)) {
        ManifestSelection s = reader.chooseManifestItem(null, -1);
        assertThat(s.item()).isEqualTo(reader.manifest().get(0));
        assertThat(s.itemIndex()).isZero();
        assertThat(s.tagIndex()).isEqualTo(-1);
        assertThat(reader.imageSource(null, -1).configDigest()).isEqualTo(only.configDigest());
      }
    }

    @Test
    @DisplayName("SEL-1: two items are refused with the reference's text")
    void two() throws IOException {
      try (ArchiveReader reader = archive(image("a:1"), image("b:1"))) {
        assertThatThrownBy(() -> reader.chooseManifestItem(null, -1))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Unexpected tar manifest.json: expected 1 item, got 2");
      }
    }
  }

  @Nested
  @DisplayName("SEL-2: by reference, after normalisation, first match wins")
  class Sel2 {
    @Test
    @DisplayName("SEL-2: a short stored tag matches a fully qualified reference and vice versa")
    void normalisation() throws IOException {
      try (ArchiveReader reader = archive(image("other:1", "busybox:latest"))) {
        ManifestSelection s =
            reader.chooseManifestItem(ref("docker.io/library/busybox:latest"), -1);
        assertThat(s.itemIndex()).isZero();
        assertThat(s.tagIndex()).isEqualTo(1);
        assertThat(reader.chooseManifestItem(ref("busybox"), -1).tagIndex()).isEqualTo(1);
        assertThat(reader.chooseManifestItem(ref("busybox:latest"), -1).tagIndex()).isEqualTo(1);
      }
      try (ArchiveReader reader = archive(image("docker.io/library/busybox:latest"))) {
        ManifestSelection s = reader.chooseManifestItem(ref("busybox:latest"), -1);
        assertThat(s.tagIndex()).isZero();
        assertThat(reader.chooseManifestItem(ref("busybox"), -1).tagIndex()).isZero();
      }
    }

    @Test
    @DisplayName("SEL-2: index.docker.io is docker.io")
    void indexDockerIo() throws IOException {
      try (ArchiveReader reader = archive(image("index.docker.io/library/busybox:latest"))) {
        assertThat(reader.chooseManifestItem(ref("busybox:latest"), -1).itemIndex()).isZero();
      }
    }

    @Test
    @DisplayName(
        "SEL-2: items in order, tags in order: the first match wins and its tag index"
            + " is returned")
    void firstMatchWins() throws IOException {
      HandmadeImage first = image("a:1", "b:1");
      HandmadeImage second = image("busybox:latest", "docker.io/library/busybox:latest");
      HandmadeImage third = image("busybox:latest");
      try (ArchiveReader reader = archive(first, second, third)) {
        ManifestSelection s = reader.chooseManifestItem(ref("busybox:latest"), -1);
        assertThat(s.itemIndex()).isEqualTo(1);
        assertThat(s.item()).isEqualTo(reader.manifest().get(1));
        assertThat(s.tagIndex()).isZero();
        ManifestSelection b = reader.chooseManifestItem(ref("b:1"), -1);
        assertThat(b.itemIndex()).isZero();
        assertThat(b.tagIndex()).isEqualTo(1);
        ImageSource source = reader.imageSource(ref("busybox:latest"), -1);
        assertThat(source.configDigest()).isEqualTo(second.configDigest());
        assertThat(source.selection().tagIndex()).isZero();
      }
    }

    @Test
    @DisplayName("SEL-2: no match is `Tag \"<canonical ref>\" not found`")
    void notFound() throws IOException {
      try (ArchiveReader reader = archive(image("empty:latest", "busybox"))) {
        assertThatThrownBy(() -> reader.chooseManifestItem(ref("example.com/empty:latest"), -1))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Tag \"example.com/empty:latest\" not found");
        // A stored name without a tag normalises to a name only and never equals a tagged ref.
        assertThatThrownBy(() -> reader.chooseManifestItem(ref("busybox:latest"), -1))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Tag \"docker.io/library/busybox:latest\" not found")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SEL-2"));
      }
    }

    @Test
    @DisplayName("SEL-2: a reference cannot match an archive with no items")
    void emptyArchive() throws IOException {
      try (ArchiveReader reader = manifestOnly("null")) {
        assertThatThrownBy(() -> reader.chooseManifestItem(ref("busybox"), -1))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Tag \"docker.io/library/busybox:latest\" not found");
      }
    }
  }

  @Nested
  @DisplayName("SEL-3: by index")
  class Sel3 {
    @Test
    @DisplayName("SEL-3: in range gives that item with tag index -1")
    void inRange() throws IOException {
      HandmadeImage a = image("a:1");
      HandmadeImage b = image("b:1");
      try (ArchiveReader reader = archive(a, b)) {
        for (int i = 0; i < 2; i++) {
          ManifestSelection s = reader.chooseManifestItem(null, i);
          assertThat(s.item()).isEqualTo(reader.manifest().get(i));
          assertThat(s.itemIndex()).isEqualTo(i);
          assertThat(s.tagIndex()).isEqualTo(-1);
        }
        assertThat(reader.imageSource(null, 1).configDigest()).isEqualTo(b.configDigest());
      }
    }

    @Test
    @DisplayName(
        "SEL-3: out of range is `Invalid source index @N, only M manifest items" + " available`")
    void outOfRange() throws IOException {
      try (ArchiveReader reader = archive(image("a:1"), image("b:1"))) {
        assertThatThrownBy(() -> reader.chooseManifestItem(null, 2))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Invalid source index @2, only 2 manifest items available")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SEL-3"));
        assertThatThrownBy(() -> reader.chooseManifestItem(null, 99))
            .hasMessage("Invalid source index @99, only 2 manifest items available");
      }
      try (ArchiveReader reader = manifestOnly("[]")) {
        assertThatThrownBy(() -> reader.chooseManifestItem(null, 0))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage("Invalid source index @0, only 0 manifest items available");
      }
    }

    @Test
    @DisplayName("SEL-3: a negative index other than -1 is refused")
    void negative() throws IOException {
      try (ArchiveReader reader = archive(image("a:1"))) {
        assertThatThrownBy(() -> reader.chooseManifestItem(null, -2))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessageStartingWith("Invalid source index @-2");
      }
    }
  }

  @Nested
  @DisplayName("SEL-4: both selectors are refused")
  class Sel4 {
    @Test
    @DisplayName("SEL-4: a reference and an index at once are refused")
    void both() throws IOException {
      try (ArchiveReader reader = archive(image("busybox:latest"))) {
        assertThatThrownBy(() -> reader.chooseManifestItem(ref("busybox:latest"), 0))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessage(
                "Internal error: Cannot have both ref docker.io/library/busybox:latest and"
                    + " source index @0")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SEL-4"));
        ImageSource source = reader.imageSource(ref("busybox:latest"), 0);
        assertThatThrownBy(source::manifestBytes).isInstanceOf(ImageNotFoundException.class);
      }
    }
  }

  @Nested
  @DisplayName("SEL-5: an unparseable tag stops a search by reference")
  class Sel5 {
    @Test
    @DisplayName(
        "SEL-5: an upper-case tag before the matching item stops the search, naming"
            + " item and tag")
    void invalidTagFirst() throws IOException {
      try (ArchiveReader reader =
          archive(image("ok:1"), image("UPPER:latest"), image("busybox:latest"))) {
        assertThatThrownBy(() -> reader.chooseManifestItem(ref("busybox:latest"), -1))
            .isInstanceOf(ImageNotFoundException.class)
            .hasMessageStartingWith("Invalid tag \"UPPER:latest\" in manifest.json item @1: ")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SEL-5"));
        // By index the bad tag does not matter.
        assertThat(reader.chooseManifestItem(null, 2).itemIndex()).isEqualTo(2);
      }
    }

    @Test
    @DisplayName("SEL-5: a match before the invalid tag is found")
    void matchBeforeInvalidTag() throws IOException {
      try (ArchiveReader reader = archive(image("busybox:latest", "UPPER:latest"))) {
        assertThat(reader.chooseManifestItem(ref("busybox:latest"), -1).tagIndex()).isZero();
      }
    }
  }

  @Nested
  @DisplayName("SEL-6: untagged items")
  class Sel6 {
    @Test
    @DisplayName("SEL-6: an untagged item (RepoTags [] or null) is reachable by index only")
    void untagged() throws IOException {
      HandmadeImage tagged = image("busybox:latest");
      HandmadeImage empty = new HandmadeImage().tags().layerFiles("e", "e");
      HandmadeImage nullTags = new HandmadeImage().nullTags().layerFiles("n", "n");
      try (ArchiveReader reader = archive(tagged, empty, nullTags)) {
        assertThat(reader.manifest().get(1).isTagged()).isFalse();
        assertThat(reader.manifest().get(2).isTagged()).isFalse();
        assertThat(reader.imageSource(null, 1).configDigest()).isEqualTo(empty.configDigest());
        assertThat(reader.imageSource(null, 2).configDigest()).isEqualTo(nullTags.configDigest());
        assertThat(reader.chooseManifestItem(ref("busybox:latest"), -1).itemIndex()).isZero();
        assertThatThrownBy(() -> reader.chooseManifestItem(ref("latest"), -1))
            .isInstanceOf(ImageNotFoundException.class);
        assertThatThrownBy(() -> reader.chooseManifestItem(null, -1))
            .hasMessage("Unexpected tar manifest.json: expected 1 item, got 3");
      }
    }
  }
}
