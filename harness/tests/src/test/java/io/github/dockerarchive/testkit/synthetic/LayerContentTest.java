package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Layer compressions, entry kinds, empty, shared and repeated layers. */
@DisplayName("ARC-5, SRC-8, WR-1: layer content, compression, sharing and repetition")
class LayerContentTest {
  @TempDir Path dir;

  static Stream<Arguments> compressionsAndDialects() {
    List<Arguments> all = new ArrayList<>();
    for (Compression c : Compression.values()) {
      for (Dialect d :
          List.of(
              Dialect.CONTAINERS_IMAGE, Dialect.DOCKER_HYBRID, Dialect.CONTAINERD, Dialect.JIB)) {
        all.add(Arguments.of(c, d));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} layer in {1}")
  @MethodSource("compressionsAndDialects")
  @DisplayName("ARC-5: a layer stored with each compression is found by magic and hashes right")
  void everyLayerCompression(Compression layerCompression, Dialect dialect) throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .dialect(dialect)
            .image(
                List.of("x:1"),
                LayerSpec.filler(20_000).withCompression(layerCompression),
                LayerSpec.filler(10))
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("l.tar"));
    ImageTruth truth = fixture.image(0);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      List<LayerInfo> layers = reader.imageSource(null, 0).layers();
      assertThat(layers.get(0).compression()).isEqualTo(layerCompression);
      assertThat(layers.get(1).compression()).isEqualTo(dialect.defaultLayerCompression());
      assertThat(truth.storedDigests().get(0).equals(truth.diffIds().get(0)))
          .isEqualTo(layerCompression == Compression.NONE);
      Readback.assertMatchesTruth(reader, fixture);
    }
  }

  @Test
  @DisplayName("ARC-6, ARC-4: every EntryKind, PAX long and unicode names are in the layer tar")
  void everyEntryKind() throws Exception {
    String longName = "deep/" + "d".repeat(120) + "/file.txt";
    LayerSpec layer =
        LayerSpec.of(
            FileSpec.directory("etc"),
            new FileSpec("etc/passwd", EntryKind.FILE, 1234, 0600, null),
            FileSpec.symlink("etc/link", "passwd"),
            FileSpec.hardlink("etc/hard", "etc/passwd"),
            FileSpec.whiteout("etc/old"),
            FileSpec.opaqueWhiteout("var/cache"),
            FileSpec.file(longName, 3),
            FileSpec.file("ünï/cødé/файл.txt", 5),
            FileSpec.file("empty", 0));
    ArchiveSpec spec = ArchiveSpec.builder().image(List.of("kinds:1"), layer).build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("k.tar"));
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      ImageSource image = reader.imageSource(null, 0);
      byte[] tar;
      try (BlobStream blob = image.getBlob(fixture.image(0).diffIds().get(0))) {
        tar = blob.readAllBytes();
      }
      try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
          entries.add(e);
        }
      }
    }
    assertThat(entries)
        .extracting(TarArchiveEntry::getName)
        .containsExactly(
            "etc/",
            "etc/passwd",
            "etc/link",
            "etc/hard",
            "etc/.wh.old",
            "var/cache/.wh..wh..opq",
            longName,
            "ünï/cødé/файл.txt",
            "empty");
    assertThat(entries.get(0).isDirectory()).isTrue();
    assertThat(entries.get(1).getSize()).isEqualTo(1234);
    assertThat(entries.get(1).getMode() & 07777).isEqualTo(0600);
    assertThat(entries.get(2).isSymbolicLink()).isTrue();
    assertThat(entries.get(2).getLinkName()).isEqualTo("passwd");
    assertThat(entries.get(3).isLink()).isTrue();
    assertThat(entries.get(3).getLinkName()).isEqualTo("etc/passwd");
    assertThat(entries).allMatch(e -> e.getModTime().getTime() == 0 && e.getLongUserId() == 0);
  }

  @Test
  @DisplayName("an empty layer is a valid tar of exactly two zero blocks")
  void emptyLayer() throws Exception {
    ArchiveSpec spec = ArchiveSpec.builder().image(List.of("e:1"), LayerSpec.of()).build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("e.tar"));
    assertThat(fixture.image(0).sizes()).containsExactly(1024L);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      try (BlobStream blob =
          reader.imageSource(null, 0).getBlob(fixture.image(0).diffIds().get(0))) {
        assertThat(blob.readAllBytes()).isEqualTo(new byte[1024]);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName(
      "SRC-8: the same LayerSpec twice in an image is one diffID, repeated the dialect's way")
  void repeatedLayer(Dialect dialect) throws Exception {
    LayerSpec same = LayerSpec.filler(2048);
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .dialect(dialect)
            .image(List.of("r:1"), same, LayerSpec.filler(5), same)
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("r.tar"));
    ImageTruth truth = fixture.image(0);
    assertThat(truth.diffIds().get(0)).isEqualTo(truth.diffIds().get(2));
    Readback.assertMatchesTruth(fixture);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      List<TarEntry> entries = reader.entries();
      switch (dialect) {
        case DOCKER_LEGACY -> {
          assertThat(truth.layerPaths().get(2)).isNotEqualTo(truth.layerPaths().get(0));
          TarEntry repeat =
              entries.stream()
                  .filter(e -> e.name().equals(truth.layerPaths().get(2)))
                  .findFirst()
                  .orElseThrow();
          assertThat(repeat.linkName()).isEqualTo("../" + truth.layerPaths().get(0));
        }
        case CONTAINERS_IMAGE -> {
          assertThat(truth.layerPaths().get(2)).isEqualTo(truth.layerPaths().get(0));
          assertThat(entries.stream().filter(e -> e.name().endsWith("/layer.tar"))).hasSize(3);
        }
        default -> assertThat(truth.layerPaths().get(2)).isEqualTo(truth.layerPaths().get(0));
      }
      long copies =
          entries.stream().filter(e -> e.name().equals(truth.layerPaths().get(0))).count();
      assertThat(copies).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Dialect.class,
      names = {"CONTAINERS_IMAGE", "DOCKER_HYBRID", "CONTAINERD", "GO_CONTAINERREGISTRY"})
  @DisplayName("WR-1: a layer shared by two images is written once")
  void sharedLayer(Dialect dialect) throws Exception {
    LayerSpec shared = LayerSpec.filler(4096);
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .dialect(dialect)
            .image(List.of("a:1"), shared, LayerSpec.filler(1))
            .image(List.of("b:1"), shared, LayerSpec.filler(2))
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("s.tar"));
    assertThat(fixture.image(0).layerPaths().get(0))
        .isEqualTo(fixture.image(1).layerPaths().get(0));
    Readback.assertMatchesTruth(fixture);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(reader.duplicateEntryNames()).isEmpty();
      assertThat(
              reader.entries().stream()
                  .filter(e -> e.name().equals(fixture.image(0).layerPaths().get(0))))
          .hasSize(1);
    }
  }

  @Test
  @DisplayName("WR-8: images with the same config become one item with their tags merged")
  void sameImageTwiceMergesTags() throws Exception {
    LayerSpec layer = LayerSpec.filler(100);
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(List.of("a:1"), layer)
            .image(List.of("a:2", "a:1"), layer)
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("m.tar"));
    assertThat(fixture.images()).hasSize(1);
    assertThat(fixture.image(0).repoTags())
        .containsExactly("docker.io/library/a:1", "docker.io/library/a:2");
    Readback.assertMatchesTruth(fixture);
  }

  @Test
  @DisplayName("a large compressed layer is spooled to a temporary file that is deleted afterwards")
  void largeCompressedLayerLeavesNoTemporaryFile() throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .dialect(Dialect.CONTAINERD)
            .image(List.of("big:1"), LayerSpec.filler(6L << 20))
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("big.tar"));
    Readback.assertMatchesTruth(fixture);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("big.tar");
    }
  }

  @Test
  @DisplayName("equal specs give equal layers in different positions; different files differ")
  void contentDependsOnTheLayerNotItsPosition() throws Exception {
    ArchiveSpec one = ArchiveSpec.builder().image(List.of("a:1"), LayerSpec.filler(64)).build();
    ArchiveSpec two =
        ArchiveSpec.builder()
            .image(List.of("b:1"), LayerSpec.filler(8), LayerSpec.filler(64))
            .build();
    ArchiveFixture a = SyntheticArchives.materialize(one, dir.resolve("1.tar"));
    ArchiveFixture b = SyntheticArchives.materialize(two, dir.resolve("2.tar"));
    assertThat(b.image(0).diffIds().get(1)).isEqualTo(a.image(0).diffIds().get(0));
    assertThat(b.image(0).diffIds().get(0)).isNotEqualTo(a.image(0).diffIds().get(0));
  }
}
