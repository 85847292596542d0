package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every dialect in every outer compression reads back with exactly the truth's values. */
@DisplayName("DIA-1..7 × ARC-1: every dialect and outer compression reads back as its truth")
class DialectReadbackTest {
  @TempDir Path dir;

  static final LayerSpec BASE = LayerSpec.filler(3000);
  static final LayerSpec APP =
      LayerSpec.of(FileSpec.directory("app"), FileSpec.file("app/run", 700));
  static final LayerSpec EXTRA = LayerSpec.filler(1);

  static boolean isJib(Dialect d) {
    return d == Dialect.JIB || d == Dialect.JIB_LEGACY;
  }

  /** Two images sharing a base layer (one for Jib, which writes one image). */
  static ArchiveSpec sample(Dialect dialect, Compression outer) {
    ArchiveSpec.Builder b =
        ArchiveSpec.builder()
            .dialect(dialect)
            .compression(outer)
            .seed(11)
            .image(List.of("example.com/app:1", "busybox"), BASE, APP);
    if (!isJib(dialect)) {
      b.image(List.of(), BASE, EXTRA);
    }
    return b.build();
  }

  static Stream<Arguments> dialectsAndCompressions() {
    List<Arguments> all = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      for (Compression c : Compression.values()) {
        all.add(Arguments.of(d, c));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} ({1}) in a {2} archive")
  @MethodSource("dialectsAndCompressions")
  @DisplayName("DIA-n, ARC-1: reads back with the truth's tags, digests and sizes; verifies valid")
  void readsBack(Dialect dialect, Compression outer) throws Exception {
    ArchiveSpec spec = sample(dialect, outer);
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("a.tar"));
    assertThat(fixture.images()).hasSize(isJib(dialect) ? 1 : 2);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(reader.compression()).isEqualTo(outer);
      Readback.assertMatchesTruth(reader, fixture);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName("DIA-n: entry names, order and extras are the producer's")
  void layoutIsTheProducers(Dialect dialect) throws Exception {
    ArchiveFixture fixture =
        SyntheticArchives.materialize(sample(dialect, Compression.NONE), dir.resolve("a.tar"));
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      List<String> names = reader.entries().stream().map(TarEntry::rawName).toList();
      String manifest = ContainersImageDialectTest.read(reader, "manifest.json");
      ImageTruth first = fixture.image(0);
      String cfg = first.configDigest().hex();
      switch (dialect) {
        case CONTAINERS_IMAGE -> {
          assertThat(names).contains(cfg + ".json").endsWith("manifest.json", "repositories");
          assertThat(first.repoTags())
              .containsExactly("example.com/app:1", "docker.io/library/busybox:latest");
        }
        case DOCKER_LEGACY -> {
          assertThat(names).isSorted().contains(cfg + ".json", "repositories");
          assertThat(names.get(0)).matches("[0-9a-f]{64}/");
          assertThat(first.layerPaths()).allMatch(p -> p.matches("[0-9a-f]{64}/layer.tar"));
          assertThat(first.repoTags()).containsExactly("example.com/app:1", "busybox:latest");
          assertThat(ContainersImageDialectTest.read(reader, "repositories"))
              .startsWith("{\"busybox\":{\"latest\":\"");
          assertThat(manifest).contains("\"RepoTags\":null");
          // the shared base layer has the same chain, so the same v1 ID: written once
          assertThat(names.stream().filter(n -> n.endsWith("/layer.tar"))).hasSize(3);
        }
        case DOCKER_HYBRID -> {
          assertThat(names)
              .isSorted()
              .startsWith("blobs/", "blobs/sha256/")
              .endsWith("index.json", "manifest.json", "oci-layout", "repositories");
          assertThat(ContainersImageDialectTest.read(reader, "oci-layout"))
              .isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
          assertThat(manifest).endsWith("]\n").contains("\"LayerSources\":{");
          assertThat(first.layerPaths().get(0))
              .isEqualTo("blobs/sha256/" + first.diffIds().get(0).hex());
          String index = ContainersImageDialectTest.read(reader, "index.json");
          assertThat(index.split("\"digest\"", -1)).hasSize(4); // 2 tags + 1 untagged
        }
        case CONTAINERD -> {
          assertThat(names)
              .isSorted()
              .startsWith("blobs/", "blobs/sha256/")
              .endsWith("index.json", "manifest.json", "oci-layout")
              .doesNotContain("repositories");
          assertThat(manifest).doesNotContain("LayerSources").doesNotEndWith("\n");
          assertThat(first.layerPaths().get(0))
              .isEqualTo("blobs/sha256/" + first.storedDigests().get(0).hex());
          assertThat(first.storedDigests().get(0)).isNotEqualTo(first.diffIds().get(0));
        }
        case GO_CONTAINERREGISTRY -> {
          assertThat(names.get(0)).isEqualTo("sha256:" + cfg);
          assertThat(names).endsWith("manifest.json");
          assertThat(first.layerPaths().get(0)).endsWith(".tar.gz");
          assertThat(first.repoTags()).containsExactly("example.com/app:1", "busybox");
        }
        case JIB, JIB_LEGACY -> {
          assertThat(names).endsWith("config.json", "manifest.json").hasSize(4);
          assertThat(manifest)
              .startsWith(dialect == Dialect.JIB ? "[{\"Config\":" : "[{\"config\":");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName("WR-7: the same spec gives the same bytes; another seed other bytes")
  void deterministic(Dialect dialect) throws Exception {
    ArchiveSpec spec = sample(dialect, Compression.GZIP);
    Path a = SyntheticArchives.materialize(spec, dir.resolve("a.tar")).path();
    Path b = SyntheticArchives.materialize(spec, dir.resolve("b.tar")).path();
    Path c =
        SyntheticArchives.materialize(spec.toBuilder().seed(12).build(), dir.resolve("c.tar"))
            .path();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    ArchiveFixture streamed = SyntheticArchives.materialize(spec, stream);
    assertThat(streamed.path()).isNull();
    assertThat(stream.toByteArray()).isEqualTo(Files.readAllBytes(a));
  }
}
