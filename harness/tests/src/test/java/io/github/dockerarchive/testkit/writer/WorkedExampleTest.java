package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.testing.RealCorpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/reference.md §2.8 and the legacy-ID vectors of §6.6: the upstream
 * fixture {@code almostempty.tar} copied into a new archive tagged {@code emptyimage:latest}.
 */
@DisplayName("WR-6, WR-8: the reference's worked example and legacy-ID vectors (§2.8, §6.6)")
class WorkedExampleTest {
  static final Path FIXTURE = corpus("containers_image__docker_archive_fixtures_almostempty.tar");
  static final String LAYER = "0b916d257bd406111a3fced53f81b47de9a30f7c7d514a89769b3483aaddca7e";
  static final String CONFIG = "9d7f147c0d0c4d4538a04c7ef385809e56eb1aac7bf800fbe976612188025b68";
  static final String ID = "c7b98db321d22702b8dd264fa7d58936951867854969a873d3dd20520eadca8f";

  @TempDir Path dir;

  static Path corpus(String name) {
    try {
      return RealCorpus.file(name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("WR-6: entries, order, legacy ID, manifest.json and repositories bytes of §2.8")
  void workedExample() throws Exception {
    Path out = dir.resolve("out.tar");
    try (ArchiveReader reader = ArchiveReader.open(FIXTURE);
        ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageSource source = reader.imageSource(null, -1);
      TestImages.copy(
          source, writer.newImage(DockerReference.parseNormalized("emptyimage:latest")));
    }
    byte[] tar = Files.readAllBytes(out);
    assertThat(TestImages.names(tar))
        .containsExactly(
            LAYER + ".tar",
            CONFIG + ".json",
            ID + "/layer.tar",
            ID + "/VERSION",
            ID + "/json",
            "manifest.json",
            "repositories");
    TestImages.Entry link = TestImages.entry(tar, ID + "/layer.tar");
    assertThat(link.type()).isEqualTo('2');
    assertThat(link.linkName()).isEqualTo("../" + LAYER + ".tar");
    assertThat(TestImages.entry(tar, ID + "/VERSION").text()).isEqualTo("1.0");
    assertThat(TestImages.entry(tar, "manifest.json").text())
        .isEqualTo(
            "[{\"Config\":\""
                + CONFIG
                + ".json\",\"RepoTags\":[\"docker.io/library/emptyimage:latest\"],\"Layers\":[\""
                + LAYER
                + ".tar\"]}]");
    assertThat(TestImages.entry(tar, "repositories").text())
        .isEqualTo("{\"docker.io/library/emptyimage\":{\"latest\":\"" + ID + "\"}}");
    String json = TestImages.entry(tar, ID + "/json").text();
    assertThat(
            Digest.sha256(
                    json.replace("\"id\":\"" + ID + "\"", "\"layer_id\":\"sha256:" + LAYER + "\"")
                        .getBytes(StandardCharsets.UTF_8))
                .hex())
        .as("the ID is the sha256 of the json with layer_id in place of id")
        .isEqualTo(ID);
    assertThat(tar.length % 512).isZero();
    try (ArchiveReader back = ArchiveReader.open(out)) {
      assertThat(ArchiveVerifier.verify(back, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
      assertThat(back.imageSource(null, -1).configDigest().hex()).isEqualTo(CONFIG);
    }
  }

  @Test
  @DisplayName("WR-6, WR-7: byte-identical to the archive skopeo 1.9.3 wrote from the same copy")
  void identicalToSkopeo() throws Exception {
    Path out = dir.resolve("out.tar");
    try (ArchiveReader reader = ArchiveReader.open(FIXTURE);
        ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      TestImages.copy(
          reader.imageSource(null, -1),
          writer.newImage(DockerReference.parseNormalized("emptyimage:latest")));
    }
    Path golden =
        Path.of(WorkedExampleTest.class.getResource("/writer/skopeo-1.9.3-emptyimage.tar").toURI());
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(golden));
  }

  @Test
  @DisplayName("WR-6: the same layer twice gives the two distinct IDs of §6.6")
  void duplicatedLayerIds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArchiveReader reader = ArchiveReader.open(FIXTURE);
        ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageSource source = reader.imageSource(null, -1);
      byte[] layer;
      try (var blob = source.getBlob(source.diffIds().get(0))) {
        layer = blob.readAllBytes();
      }
      byte[] config = source.configBytes();
      ImageDestination d = writer.newImage(null);
      d.putBlob(new ByteArrayInputStream(layer), BlobInfo.of(Digest.sha256(layer), 1536), false);
      d.putBlob(new ByteArrayInputStream(layer), BlobInfo.of(Digest.sha256(layer), 1536), false);
      d.putBlob(
          new ByteArrayInputStream(config),
          BlobInfo.of(source.configDigest(), config.length),
          true);
      String m = new String(source.manifestBytes(), StandardCharsets.UTF_8);
      int start = m.indexOf("\"layers\":[") + "\"layers\":[".length();
      String descriptor = m.substring(start, m.lastIndexOf(']'));
      d.putManifest(
          (m.substring(0, start) + descriptor + "," + descriptor + "]}")
              .getBytes(StandardCharsets.UTF_8));
      d.commit();
    }
    String bottom = "e30d5c12b9af1e6a351491a6f89f97518e684b8e98b0caddc9b8b700824b3b09";
    String top = "b036acf8f9a75877f8d227cb865d843a0407476d2d6e7ae16e2976e5a0c85563";
    byte[] tar = out.toByteArray();
    assertThat(TestImages.names(tar))
        .containsExactly(
            LAYER + ".tar",
            CONFIG + ".json",
            bottom + "/layer.tar",
            bottom + "/VERSION",
            bottom + "/json",
            top + "/layer.tar",
            top + "/VERSION",
            top + "/json",
            "manifest.json",
            "repositories");
    assertThat(TestImages.entry(tar, top + "/json").text())
        .contains("\"parent\":\"" + bottom + "\"")
        .contains("\"id\":\"" + top + "\"");
    assertThat(TestImages.entry(tar, bottom + "/json").text())
        .isEqualTo("{\"id\":\"" + bottom + "\"}");
    assertThat(TestImages.entry(tar, "manifest.json").text())
        .isEqualTo(
            "[{\"Config\":\""
                + CONFIG
                + ".json\",\"RepoTags\":[],\"Layers\":[\""
                + LAYER
                + ".tar\",\""
                + LAYER
                + ".tar\"]}]");
    assertThat(TestImages.entry(tar, "repositories").text()).isEqualTo("{}");
    assertThat(
            LegacyLayers.compute(
                    List.of(Digest.parse("sha256:" + LAYER), Digest.parse("sha256:" + LAYER)),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    "c")
                .get(1)
                .chainId()
                .toString())
        .isEqualTo("sha256:af790b36b813b5e0601709d3de002e792dc5a2106faa62d319bae4546b50d4a4");
  }
}
