package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Write, then read back with our reader: layers, configs, tags, dedup, determinism. */
@DisplayName("WR-1, WR-7, WR-8, WR-12: write then read back")
class RoundTripTest {
  @TempDir Path dir;

  static DockerReference ref(String s) throws Exception {
    return DockerReference.parseNormalized(s);
  }

  static void assertReadsBack(Path archive, List<TestImages.Image> images) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
      assertThat(reader.manifest()).hasSize(images.size());
      for (int i = 0; i < images.size(); i++) {
        TestImages.Image expected = images.get(i);
        ImageSource source = reader.imageSource(null, i);
        assertThat(source.configBytes()).isEqualTo(expected.config());
        assertThat(source.diffIds()).isEqualTo(expected.diffIds());
        for (int l = 0; l < expected.layers().size(); l++) {
          try (BlobStream blob = source.getBlob(expected.diffIds().get(l))) {
            assertThat(blob.readAllBytes()).isEqualTo(expected.layers().get(l));
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} layers")
  @ValueSource(ints = {0, 1, 5})
  @DisplayName("WR-1: an image of 0, 1 and N layers reads back with the same bytes")
  void layers(int count) throws Exception {
    TestImages.Image image = TestImages.image("img" + count, count);
    Path out = dir.resolve("a.tar");
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      TestImages.write(writer.newImage(ref("example.com/img:v" + count)), image);
    }
    assertReadsBack(out, List.of(image));
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest().get(0).repoTags()).containsExactly("example.com/img:v" + count);
    }
    String repositories = TestImages.entry(Files.readAllBytes(out), "repositories").text();
    assertThat(repositories).isEqualTo(count == 0 ? "{}" : repositories);
    if (count > 0) {
      assertThat(repositories).startsWith("{\"example.com/img\":{\"v" + count + "\":\"");
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  @DisplayName("WR-1: several images sharing layers: each shared blob written once")
  void sharedLayers(Layout layout) throws Exception {
    byte[] base = TestImages.layer("base.txt", "shared base");
    TestImages.Image a = TestImages.image("a", List.of(base, TestImages.layer("a", "a")));
    TestImages.Image b = TestImages.image("b", List.of(base, TestImages.layer("b", "b")));
    TestImages.Image c = TestImages.image("c", List.of(base));
    Path out = dir.resolve("multi.tar");
    try (ArchiveWriter writer =
        ArchiveWriter.create(out, WriterOptions.defaults().withLayout(layout))) {
      TestImages.write(writer.newImage(ref("a")), a);
      TestImages.write(writer.newImage(ref("b")), b);
      TestImages.write(writer.newImage(null), c);
    }
    assertReadsBack(out, List.of(a, b, c));
    List<String> names = TestImages.names(Files.readAllBytes(out));
    String baseHex = Digest.sha256(base).hex();
    assertThat(names.stream().filter(n -> n.contains(baseHex) && !n.contains("/layer.tar")))
        .hasSize(1);
    assertThat(names).doesNotHaveDuplicates();
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      List<ManifestItem> items = reader.manifest();
      assertThat(items.get(0).repoTags()).containsExactly("docker.io/library/a:latest");
      assertThat(items.get(2).repoTags()).isEmpty();
    }
  }

  @Test
  @DisplayName("WR-8: an untagged image gets RepoTags [] and no repositories entry")
  void untagged() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      TestImages.write(writer.newImage(null), TestImages.image("u", 1));
    }
    byte[] tar = out.toByteArray();
    assertThat(TestImages.entry(tar, "manifest.json").text()).contains("\"RepoTags\":[]");
    assertThat(TestImages.entry(tar, "repositories").text()).isEqualTo("{}");
  }

  @Test
  @DisplayName("WR-8: tags merged in order of first appearance, fully qualified, keys sorted")
  void tags() throws Exception {
    TestImages.Image image = TestImages.image("t", 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageDestination d = writer.newImage(ref("zeta:2"));
      d.addRepoTags(List.of(ref("alpha"), ref("zeta:2"), ref("localhost:5000/x/y:z")));
      TestImages.write(d, image);
    }
    byte[] tar = out.toByteArray();
    assertThat(TestImages.entry(tar, "manifest.json").text())
        .contains(
            "\"RepoTags\":[\"docker.io/library/zeta:2\",\"docker.io/library/alpha:latest\","
                + "\"localhost:5000/x/y:z\"]");
    JsonNode repositories = TestImages.JSON.readTree(TestImages.entry(tar, "repositories").data());
    List<String> keys = new ArrayList<>();
    repositories.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("docker.io/library/alpha", "docker.io/library/zeta", "localhost:5000/x/y");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  @DisplayName("WR-7: the same images in the same order give byte-identical archives")
  void deterministic(Layout layout) throws Exception {
    byte[][] results = new byte[2][];
    for (int run = 0; run < 2; run++) {
      Path out = dir.resolve("det" + run + ".tar");
      try (ArchiveWriter writer =
          ArchiveWriter.create(out, WriterOptions.defaults().withLayout(layout))) {
        TestImages.write(writer.newImage(ref("a:1")), TestImages.image("a", 3));
        TestImages.write(writer.newImage(ref("b:1")), TestImages.image("b", 0));
      }
      results[run] = Files.readAllBytes(out);
    }
    assertThat(results[0]).isEqualTo(results[1]);
  }

  @Test
  @DisplayName("WR-1: destinations used from several threads at once give a valid archive")
  void threads() throws Exception {
    byte[] base = TestImages.layer("base", "shared by every thread");
    List<TestImages.Image> images = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      images.add(TestImages.image("t" + i, List.of(base, TestImages.layer("own", "t" + i))));
    }
    Path out = dir.resolve("threads.tar");
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < images.size(); i++) {
        TestImages.Image image = images.get(i);
        String tag = "t" + i;
        threads.add(
            startThread(
                () -> {
                  try {
                    TestImages.write(writer.newImage(ref(tag)), image);
                  } catch (Throwable t) {
                    failures.add(t);
                  }
                }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failures).isEmpty();
    }
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
      assertThat(reader.manifest()).hasSize(images.size());
    }
    assertThat(TestImages.names(Files.readAllBytes(out))).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("WR-12: hybrid layout: blobs/sha256, OCI manifest, index.json, oci-layout")
  void hybrid() throws Exception {
    TestImages.Image a = TestImages.image("ha", 2);
    TestImages.Image u = TestImages.image("hu", 1);
    Path out = dir.resolve("hybrid.tar");
    try (ArchiveWriter writer =
        ArchiveWriter.create(out, WriterOptions.defaults().withLayout(Layout.DOCKER_HYBRID))) {
      ImageDestination d = writer.newImage(ref("ha:1"));
      d.addRepoTags(List.of(ref("example.com/ha:2")));
      TestImages.write(d, a);
      TestImages.write(writer.newImage(null), u);
    }
    assertReadsBack(out, List.of(a, u));
    byte[] tar = Files.readAllBytes(out);
    List<String> names = TestImages.names(tar);
    assertThat(names).startsWith("blobs/", "blobs/sha256/");
    assertThat(names)
        .endsWith("index.json", "manifest.json", "oci-layout", "repositories")
        .allMatch(n -> n.startsWith("blobs/") || !n.contains("/"));
    assertThat(TestImages.entry(tar, "oci-layout").text())
        .isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
    JsonNode index = TestImages.JSON.readTree(TestImages.entry(tar, "index.json").data());
    assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
    JsonNode manifests = index.get("manifests");
    assertThat(manifests).hasSize(3);
    assertThat(manifests.get(0).at("/annotations/io.containerd.image.name").asText())
        .isEqualTo("docker.io/library/ha:1");
    assertThat(manifests.get(0).at("/annotations/org.opencontainers.image.ref.name").asText())
        .isEqualTo("1");
    assertThat(manifests.get(1).at("/annotations/io.containerd.image.name").asText())
        .isEqualTo("example.com/ha:2");
    assertThat(manifests.get(2).has("annotations")).isFalse();
    String digest = manifests.get(0).get("digest").asText();
    byte[] oci = TestImages.entry(tar, "blobs/sha256/" + digest.substring(7)).data();
    assertThat(Digest.sha256(oci).toString()).isEqualTo(digest);
    assertThat(manifests.get(0).get("size").asLong()).isEqualTo(oci.length);
    JsonNode manifest = TestImages.JSON.readTree(oci);
    assertThat(manifest.get("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(manifest.at("/config/digest").asText()).isEqualTo(a.configDigest().toString());
    assertThat(manifest.get("layers")).hasSize(2);
    assertThat(TestImages.entry(tar, "manifest.json").text())
        .contains("\"Config\":\"blobs/sha256/" + a.configDigest().hex() + "\"");
  }

  private static Thread startThread(Runnable body) {
    Thread t = new Thread(body);
    t.start();
    return t;
  }
}
