package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.testing.RealCorpus;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The containers-image dialect (DIA-1) is the reference writer's layout of WR-6 and §2.8. */
@DisplayName("DIA-1 containers-image: the reference layout (WR-6, WR-8)")
class ContainersImageDialectTest {
  @TempDir Path dir;

  private static ArchiveSpec twoLayers() {
    return ArchiveSpec.builder()
        .image(List.of("busybox"), LayerSpec.filler(3000), LayerSpec.filler(5000))
        .seed(42)
        .build();
  }

  @Test
  @DisplayName("DIA-1: our reader finds exactly the truth's tags, config digest and diffIDs")
  void readsBackWithTheTruthsDigests() throws Exception {
    ArchiveFixture fixture = SyntheticArchives.materialize(twoLayers(), dir.resolve("a.tar"));
    ImageTruth truth = fixture.image(0);
    assertThat(fixture.images()).hasSize(1);
    assertThat(truth.repoTags()).containsExactly("docker.io/library/busybox:latest");
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(reader.manifest()).hasSize(1);
      assertThat(reader.manifest().get(0).repoTags()).isEqualTo(truth.repoTags());
      ImageSource image = reader.imageSource(null, -1);
      assertThat(image.configDigest()).isEqualTo(truth.configDigest());
      assertThat(image.diffIds()).isEqualTo(truth.diffIds());
      List<LayerInfo> layers = image.layers();
      for (int i = 0; i < layers.size(); i++) {
        assertThat(layers.get(i).path()).isEqualTo(truth.layerPaths().get(i));
        assertThat(layers.get(i).size()).isEqualTo(truth.sizes().get(i));
        assertThat(layers.get(i).storedSize()).isEqualTo(truth.storedSizes().get(i));
        try (BlobStream blob = image.getBlob(truth.diffIds().get(i))) {
          assertThat(blob.drain()).isEqualTo(truth.sizes().get(i));
        }
      }
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).problems())
          .isEmpty();
    }
  }

  @Test
  @DisplayName(
      "WR-6: entries are layers, config, legacy <id>/{layer.tar,VERSION,json}, manifest, repositories")
  void entryOrderIsTheReferenceOrder() throws Exception {
    ArchiveFixture fixture = SyntheticArchives.materialize(twoLayers(), dir.resolve("a.tar"));
    ImageTruth truth = fixture.image(0);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      List<String> names = reader.entries().stream().map(TarEntry::name).toList();
      assertThat(names).hasSize(11);
      assertThat(names.subList(0, 3))
          .containsExactly(
              truth.diffIds().get(0).hex() + ".tar",
              truth.diffIds().get(1).hex() + ".tar",
              truth.configDigest().hex() + ".json");
      assertThat(names.get(3)).matches("[0-9a-f]{64}/layer.tar");
      assertThat(names.get(4)).endsWith("/VERSION");
      assertThat(names.get(5)).endsWith("/json");
      assertThat(names.subList(9, 11)).containsExactly("manifest.json", "repositories");
      String topId = names.get(6).substring(0, 64);
      assertThat(read(reader, "repositories"))
          .isEqualTo("{\"docker.io/library/busybox\":{\"latest\":\"" + topId + "\"}}");
      assertThat(read(reader, "manifest.json"))
          .isEqualTo(
              "[{\"Config\":\""
                  + truth.configDigest().hex()
                  + ".json\",\"RepoTags\":[\"docker.io/library/busybox:latest\"],\"Layers\":[\""
                  + truth.layerPaths().get(0)
                  + "\",\""
                  + truth.layerPaths().get(1)
                  + "\"]}]");
      assertThat(read(reader, names.get(4))).isEqualTo("1.0");
      assertThat(read(reader, names.get(8))).contains("\"parent\":\"");
    }
  }

  @Test
  @DisplayName("WR-8: untagged images get RepoTags [] and repositories {}")
  void untagged() throws Exception {
    ArchiveSpec spec = ArchiveSpec.builder().image(List.of(), LayerSpec.filler(10)).build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("u.tar"));
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(read(reader, "repositories")).isEqualTo("{}");
      assertThat(read(reader, "manifest.json")).contains("\"RepoTags\":[]");
      assertThat(reader.imageSource(null, 0).configDigest())
          .isEqualTo(fixture.image(0).configDigest());
    }
  }

  @Test
  @DisplayName("WR-6 §6.6: legacy IDs match the reference's test vectors for almostempty.tar")
  void legacyIdsMatchTheReferenceVectors() throws Exception {
    byte[] config;
    try (ArchiveReader reader =
        ArchiveReader.open(corpus("containers_image__docker_archive_fixtures_almostempty.tar"))) {
      config = reader.imageSource(null, -1).configBytes();
    }
    assertThat(Digest.sha256(config).hex())
        .isEqualTo("9d7f147c0d0c4d4538a04c7ef385809e56eb1aac7bf800fbe976612188025b68");
    Digest layer =
        Digest.parse("sha256:0b916d257bd406111a3fced53f81b47de9a30f7c7d514a89769b3483aaddca7e");
    assertThat(LegacyIds.compute(List.of(layer), config).get(0).id())
        .isEqualTo("c7b98db321d22702b8dd264fa7d58936951867854969a873d3dd20520eadca8f");
    List<io.github.dockerarchive.testkit.writer.LegacyLayers.LegacyLayer> twice =
        LegacyIds.compute(List.of(layer, layer), config);
    assertThat(twice.get(0).id())
        .isEqualTo("e30d5c12b9af1e6a351491a6f89f97518e684b8e98b0caddc9b8b700824b3b09");
    assertThat(twice.get(1).chainId().toString())
        .isEqualTo("sha256:af790b36b813b5e0601709d3de002e792dc5a2106faa62d319bae4546b50d4a4");
    assertThat(twice.get(1).id())
        .isEqualTo("b036acf8f9a75877f8d227cb865d843a0407476d2d6e7ae16e2976e5a0c85563");
  }

  static String read(ArchiveReader reader, String name) throws Exception {
    try (InputStream in = reader.openEntry(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Path corpus(String name) throws URISyntaxException {
    return RealCorpus.file(name);
  }
}
