package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.writer.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("manifest.json parsing (ARC-2, ARC-3)")
class ManifestParsingTest {
  @TempDir Path dir;

  static List<ManifestItem> parse(String json) throws InvalidManifestException {
    return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  ArchiveReader openWithManifest(String json) throws ArchiveException {
    return ArchiveReader.open(
        new HandmadeTar().file("manifest.json", json).writeTo(dir.resolve("m.tar")));
  }

  @Nested
  @DisplayName("ARC-2: keys and values")
  class Keys {
    @Test
    @DisplayName("ARC-2: Config, RepoTags, Layers, Parent and LayerSources are read")
    void allKeys() throws IOException {
      String d = "sha256:" + "a".repeat(64);
      List<ManifestItem> items =
          parse(
              """
              [{"Config":"c.json","RepoTags":["a:1","b:2"],"Layers":["l1.tar","l2.tar"],
                "Parent":"sha256:%s",
                "LayerSources":{"%s":{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                  "size":123,"digest":"%s","urls":["https://example.com/l"]}}}]
              """
                  .formatted("b".repeat(64), d, d));
      assertThat(items).hasSize(1);
      ManifestItem item = items.get(0);
      assertThat(item.config()).isEqualTo("c.json");
      assertThat(item.repoTags()).containsExactly("a:1", "b:2");
      assertThat(item.layers()).containsExactly("l1.tar", "l2.tar");
      assertThat(item.parent()).isEqualTo("sha256:" + "b".repeat(64));
      assertThat(item.layerSources())
          .containsEntry(
              d,
              new LayerSource(
                  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                  123,
                  d,
                  List.of("https://example.com/l")));
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource({"config, repoTags, layers", "CONFIG, REPOTAGS, LAYERS", "cOnFiG, repotags, Layers"})
    @DisplayName("ARC-2: keys match case-insensitively (old Jib writes config/repoTags/layers)")
    void caseInsensitive(String config, String tags, String layers) throws IOException {
      List<ManifestItem> items =
          parse(
              "[{\"%s\":\"c.json\",\"%s\":[\"t:1\"],\"%s\":[\"l.tar\"]}]"
                  .formatted(config, tags, layers));
      assertThat(items.get(0).config()).isEqualTo("c.json");
      assertThat(items.get(0).repoTags()).containsExactly("t:1");
      assertThat(items.get(0).layers()).containsExactly("l.tar");
    }

    @Test
    @DisplayName("ARC-2: a Jib-style archive with lower-case keys reads end to end")
    void jibArchive() throws IOException {
      HandmadeImage image =
          new HandmadeImage().lowerCaseKeys().tags("jib:latest").layerFiles("app/x", "x");
      assertThat(new String(HandmadeImage.manifestJson(image), StandardCharsets.UTF_8))
          .contains("\"config\"", "\"repoTags\"", "\"layers\"");
      try (ArchiveReader reader = ArchiveReader.open(image.writeTo(dir.resolve("jib.tar")))) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.configDigest()).isEqualTo(image.configDigest());
        assertThat(source.selection().item().repoTags()).containsExactly("jib:latest");
        assertThat(source.diffIds()).isEqualTo(image.diffIds());
      }
    }

    @Test
    @DisplayName("ARC-2: unknown keys are ignored, whatever their values")
    void unknownKeys() throws IOException {
      List<ManifestItem> items =
          parse(
              """
              [{"Config":"c.json","Layers":[],"Extra":{"deep":[1,2,{"x":null}]},"Id":7,
                "Annotations":null,"RepoDigests":true}]
              """);
      assertThat(items).hasSize(1);
      assertThat(items.get(0).config()).isEqualTo("c.json");
    }

    @Test
    @DisplayName("ARC-2: a null document means zero items")
    void nullDocument() throws IOException {
      assertThat(parse("null")).isEmpty();
      assertThat(parse(" null\n")).isEmpty();
      try (ArchiveReader reader = openWithManifest("null")) {
        assertThat(reader.manifest()).isEmpty();
      }
    }

    @Test
    @DisplayName("ARC-2: an empty array means zero items")
    void emptyArray() throws IOException {
      assertThat(parse("[]")).isEmpty();
    }

    @Test
    @DisplayName("ARC-2: null or absent lists are empty, a null or absent Config is empty")
    void nullLists() throws IOException {
      List<ManifestItem> items =
          parse(
              "[{\"Config\":\"c.json\",\"RepoTags\":null,\"Layers\":null,\"LayerSources\":null},"
                  + "{\"Config\":null},{}]");
      assertThat(items).hasSize(3);
      for (ManifestItem item : items) {
        assertThat(item.repoTags()).isEmpty();
        assertThat(item.layers()).isEmpty();
        assertThat(item.layerSources()).isEmpty();
        assertThat(item.parent()).isNull();
        assertThat(item.isTagged()).isFalse();
      }
      assertThat(items.get(1).config()).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "\n\t "})
    @DisplayName("ARC-2, SAFE-1: an empty manifest.json is not JSON (it is not null)")
    void emptyDocument(String json) {
      assertThatThrownBy(() -> parse(json))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageStartingWith("decoding tar manifest.json: ");
      assertThatThrownBy(() -> openWithManifest(json)).isInstanceOf(InvalidManifestException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[", "[{\"Config\":}]", "[] []", "[] x", "{} ", "'[]'", "[1,]"})
    @DisplayName("ARC-2, SAFE-1: malformed JSON or trailing data is an InvalidManifestException")
    void malformed(String json) {
      assertThatThrownBy(() -> parse(json))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageStartingWith("decoding tar manifest.json: ");
    }
  }

  @Nested
  @DisplayName("ARC-2: wrong types anywhere fail, naming item and field")
  class WrongTypes {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "[{\"Config\":42}]                                   | item @0 | \"Config\"",
          "[{\"Config\":true}]                                 | item @0 | \"Config\"",
          "[{\"Layers\":\"x.tar\"}]                            | item @0 | \"Layers\"",
          "[{\"Layers\":[\"a.tar\",7]}]                        | item @0 | \"Layers\"",
          "[{\"RepoTags\":{\"a\":\"b\"}}]                      | item @0 | \"RepoTags\"",
          "[{\"RepoTags\":[[\"a:1\"]]}]                        | item @0 | \"RepoTags\"",
          "[{\"Parent\":[]}]                                   | item @0 | \"Parent\"",
          "[{},{\"Config\":1.5}]                               | item @1 | \"Config\"",
          "[{\"LayerSources\":[]}]                             | item @0 | \"LayerSources\"",
          "[{\"LayerSources\":{\"sha256:x\":\"y\"}}]           | item @0 | \"LayerSources\"",
          "[{\"LayerSources\":{\"d\":{\"size\":\"12\"}}}]      | item @0 | size",
          "[{\"LayerSources\":{\"d\":{\"size\":1.5}}}]         | item @0 | size",
          "[{\"LayerSources\":{\"d\":{\"size\":99999999999999999999}}}] | item @0 | size",
          "[{\"LayerSources\":{\"d\":{\"mediaType\":1}}}]      | item @0 | mediaType",
          "[{\"LayerSources\":{\"d\":{\"urls\":\"http://x\"}}}] | item @0 | urls",
          "[{\"layers\":{}}]                                   | item @0 | \"Layers\"",
          "[7]                                                 | item @0 | object",
          "[\"c.json\"]                                        | item @0 | object",
        })
    @DisplayName("ARC-11: a value of the wrong type is an InvalidManifestException")
    void wrongType(String json, String item, String field) {
      assertThatThrownBy(() -> parse(json))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageStartingWith("decoding tar manifest.json: ")
          .hasMessageContaining(item)
          .hasMessageContaining(field)
          .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("ARC-11"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "\"manifest\"", "3", "true"})
    @DisplayName("ARC-2: a document that is not an array is refused")
    void notAnArray(String json) throws IOException {
      assertThatThrownBy(() -> parse(json))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageContaining("array");
      assertThatThrownBy(() -> openWithManifest(json)).isInstanceOf(InvalidManifestException.class);
    }

    @Test
    @DisplayName("ARC-2, SAFE-1: deep nesting is refused with a typed error, not a stack overflow")
    void deepNesting() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);
      String json = "[{\"Config\":\"c\",\"Extra\":" + deep + "}]";
      assertThatThrownBy(() -> parse(json))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageContaining("manifest.json");
      assertThatThrownBy(() -> parse(deep)).isInstanceOf(InvalidManifestException.class);
    }

    @Test
    @DisplayName("ARC-2: nesting within the limit is fine")
    void moderateNesting() throws IOException {
      String nested = "[".repeat(20) + "]".repeat(20);
      assertThat(parse("[{\"Config\":\"c\",\"Extra\":" + nested + "}]")).hasSize(1);
    }
  }

  @Nested
  @DisplayName("SAFE-1: mutated documents")
  class Mutations {
    static String mutate(String text, java.util.Random random) {
      StringBuilder b = new StringBuilder(text);
      int edits = 1 + random.nextInt(3);
      String alphabet = "{}[]\":,0123456789-.eEtrufalsn /\\x";
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      return b.toString();
    }

    @Test
    @DisplayName(
        "SAFE-1, ARC-2, SRC-2: randomly mutated manifest.json and configs give a result"
            + " or a typed ArchiveException, never an unchecked exception")
    void mutations() throws IOException {
      HandmadeImage image =
          new HandmadeImage()
              .tags("busybox:latest", "b:1")
              .layerSources()
              .layerFiles("a", "a")
              .layerFiles("b", "b");
      String manifest = new String(HandmadeImage.manifestJson(image), StandardCharsets.UTF_8);
      String config = new String(image.configBytes(), StandardCharsets.UTF_8);
      java.util.Random random = new java.util.Random(7);
      int typed = 0;
      for (int round = 0; round < 400; round++) {
        boolean inManifest = round % 2 == 0;
        HandmadeImage variant =
            new HandmadeImage()
                .tags("busybox:latest", "b:1")
                .layerSources()
                .layerFiles("a", "a")
                .layerFiles("b", "b");
        if (!inManifest) {
          variant.rawConfig(mutate(config, random).getBytes(StandardCharsets.UTF_8));
        }
        HandmadeTar tar = new HandmadeTar();
        for (int i = 0; i < 2; i++) {
          tar.file(image.blobPath(i), image.storedLayer(i));
        }
        tar.file(image.configPath(), variant.configBytes());
        tar.file("manifest.json", inManifest ? mutate(manifest, random) : manifest);
        try (ArchiveReader reader =
            ArchiveReader.open(tar.writeTo(dir.resolve("f" + round + ".tar")))) {
          for (int i = -1; i < reader.manifest().size(); i++) {
            ImageSource source = reader.imageSource(null, i);
            try {
              source.manifestBytes();
              for (LayerInfo layer : source.layers()) {
                try (BlobStream blob = source.getBlob(layer.diffId())) {
                  blob.drain();
                }
              }
            } catch (ArchiveException e) {
              typed++;
              assertThat(e.getMessage()).isNotBlank();
            }
          }
        } catch (ArchiveException e) {
          typed++;
          assertThat(e.getMessage()).isNotBlank();
        }
      }
      assertThat(typed).as("mutations that were refused").isPositive();
    }
  }

  @Nested
  @DisplayName("ARC-3: only manifest.json is followed")
  class Arc3 {
    @Test
    @DisplayName(
        "ARC-3: garbage index.json, repositories, oci-layout, <id>/json and VERSION"
            + " are ignored")
    void ignoredFiles() throws IOException {
      HandmadeImage image = new HandmadeImage().tags("busybox:latest").layerFiles("a", "a");
      String id = "c".repeat(64);
      HandmadeTar tar =
          HandmadeImage.archive(image)
              .file("index.json", "this is not json")
              .file("repositories", "{\"broken\":")
              .file("oci-layout", "\u0000\u0001")
              .directory(id)
              .file(id + "/json", "[[[")
              .file(id + "/VERSION", "9.9")
              .directory("blobs/sha256")
              .file("blobs/sha256/" + "d".repeat(64), "unreferenced");
      try (ArchiveReader reader = ArchiveReader.open(tar.writeTo(dir.resolve("a.tar")))) {
        assertThat(reader.manifest()).hasSize(1);
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.configDigest()).isEqualTo(image.configDigest());
        try (BlobStream blob = source.getBlob(image.diffIds().get(0))) {
          assertThat(blob.readAllBytes()).isEqualTo(image.layers().get(0).tar());
        }
      }
    }

    @Test
    @DisplayName(
        "ARC-3: a Docker 25 hybrid archive (blobs/sha256, index.json, oci-layout) reads"
            + " through manifest.json")
    void hybrid() throws IOException {
      HandmadeImage image =
          new HandmadeImage()
              .layout(Layout.DOCKER_HYBRID)
              .layerSources()
              .tags("docker.io/library/hybrid:1")
              .layerFiles("a", "a")
              .layerFiles("b", "b");
      HandmadeTar tar = HandmadeImage.archive(image);
      try (ArchiveReader reader = ArchiveReader.open(tar.writeTo(dir.resolve("h.tar")))) {
        assertThat(reader.entries())
            .extracting(TarEntry::name)
            .contains("index.json", "oci-layout", "blobs/sha256");
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.selection().item().config()).startsWith("blobs/sha256/");
        assertThat(source.diffIds()).isEqualTo(image.diffIds());
        for (HandmadeImage.Layer layer : image.layers()) {
          try (BlobStream blob = source.getBlob(layer.diffId())) {
            assertThat(blob.readAllBytes()).isEqualTo(layer.tar());
          }
        }
      }
    }

    @Test
    @DisplayName("ARC-3: an index.json that disagrees with manifest.json does not matter")
    void indexDisagrees() throws IOException {
      HandmadeImage real = new HandmadeImage().tags("real:1").layerFiles("r", "r");
      HandmadeImage other = new HandmadeImage().tags("other:1").layerFiles("o", "o");
      byte[] otherIndex = HandmadeImage.archive(other.layout(Layout.DOCKER_HYBRID)).build();
      assertThat(otherIndex).isNotEmpty();
      HandmadeTar tar =
          HandmadeImage.archive(real)
              .file(
                  "index.json",
                  "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:"
                      + "e".repeat(64)
                      + "\",\"size\":1}]}")
              .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
      try (ArchiveReader reader = ArchiveReader.open(tar.writeTo(dir.resolve("i.tar")))) {
        assertThat(reader.manifest())
            .extracting(ManifestItem::repoTags)
            .containsExactly(List.of("real:1"));
        assertThat(reader.imageSource(null, -1).configDigest()).isEqualTo(real.configDigest());
      }
    }
  }
}
