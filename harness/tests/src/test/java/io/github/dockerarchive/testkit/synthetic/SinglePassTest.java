package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file target is written in one pass over its uncompressed layers (placeholder digests, the layer
 * bytes hashed on their way to the file, then the small entries written again with the real
 * digests); a stream target in two. Both must give the same bytes and the same truth.
 */
@DisplayName("WR-14, WR-1: the one-pass file output equals the two-pass stream output")
class SinglePassTest {
  @TempDir Path dir;

  private static final FileSpec FILE = FileSpec.file("a/b.bin", 70_000);

  /** Enough uncompressed content for the one-pass writing. */
  private static final LayerSpec BIG =
      LayerSpec.filler(SyntheticArchives.ONE_PASS_MIN_BYTES).withCompression(Compression.NONE);

  static Stream<Arguments> specs() {
    List<Arguments> all = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      // the dialects that sort entries by name place a layer by its digest: two passes
      boolean inOrder =
          !List.of(
                  Dialect.DOCKER_LEGACY,
                  Dialect.DOCKER_HYBRID,
                  Dialect.CONTAINERD,
                  Dialect.DOCKER_CONTAINERD_STORE)
              .contains(d);
      all.add(
          Arguments.of(
              d + ": one layer", inOrder, spec(d).image(List.of("x:1"), LayerSpec.filler(5), BIG)));
      all.add(
          Arguments.of(
              d + ": shared, repeated, empty, zeros and compressed layers",
              inOrder,
              spec(d)
                  .image(
                      List.of("x:1"),
                      LayerSpec.of(FILE, FileSpec.directory("d"), FileSpec.symlink("l", "a")),
                      LayerSpec.of(),
                      LayerSpec.filler(5 << 20).withContent(FileContent.ZEROS),
                      LayerSpec.filler(3000).withCompression(Compression.GZIP),
                      LayerSpec.of(FILE, FileSpec.directory("d"), FileSpec.symlink("l", "a")))
                  .image(List.of("y:2"), LayerSpec.of(FILE), BIG)));
    }
    all.add(
        Arguments.of(
            "two layer specs that are the same tar: the second layout differs, two passes",
            false,
            spec(Dialect.CONTAINERS_IMAGE)
                .image(
                    List.of("x:1"),
                    BIG,
                    LayerSpec.of(FileSpec.directory("d")),
                    LayerSpec.of(FileSpec.directory("d")).withContent(FileContent.ZEROS))));
    all.add(
        Arguments.of(
            "little uncompressed content (two passes)",
            false,
            spec(Dialect.CONTAINERS_IMAGE).image(List.of("x:1"), LayerSpec.filler(100))));
    all.add(
        Arguments.of(
            "a compressed archive (two passes)",
            false,
            spec(Dialect.DOCKER_HYBRID).compression(Compression.GZIP).image(List.of("x:1"), BIG)));
    all.add(
        Arguments.of(
            "a corruption (two passes)",
            false,
            spec(Dialect.CONTAINERS_IMAGE)
                .corruption(Corruption.TRUNCATED)
                .image(List.of("x:1"), BIG)));
    return all.stream();
  }

  private static ArchiveSpec.Builder spec(Dialect dialect) {
    return ArchiveSpec.builder().dialect(dialect).seed(11);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void fileEqualsStream(String name, boolean onePass, ArchiveSpec.Builder builder)
      throws Exception {
    ArchiveSpec spec = builder.build();
    if (SyntheticArchives.whyInapplicable(spec).isPresent()) {
      return; // Jib writes one image; its one-image specs are covered
    }
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    ArchiveFixture streamed = SyntheticArchives.materialize(spec, stream);
    Path file = dir.resolve("a.tar");
    Files.write(file, new byte[3 << 20]); // replaced: no byte of an older file may survive
    SyntheticArchives.Written written;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ArchiveFile archive = new ArchiveFile(channel);
      written = SyntheticArchives.writeFile(spec, archive, dir);
      archive.finish();
    }
    assertThat(written.onePass()).as("written in one pass").isEqualTo(onePass);
    assertThat(Files.readAllBytes(file)).isEqualTo(stream.toByteArray());
    assertThat(written.truth()).isEqualTo(streamed.images());
    SyntheticArchives.materialize(spec, file);
    assertThat(Files.readAllBytes(file)).isEqualTo(stream.toByteArray());
  }

  @Test
  @DisplayName("A target that is a pipe gets the archive in order, as a stream")
  void pipeTarget() throws Exception {
    ArchiveSpec spec = spec(Dialect.CONTAINERS_IMAGE).image(List.of("x:1"), BIG).build();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    SyntheticArchives.materialize(spec, expected);
    Path fifo = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, fifo);
    assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
    assertThat(fixture.image(0).sizes().get(0)).isGreaterThan(SyntheticArchives.ONE_PASS_MIN_BYTES);
  }

  @Test
  @DisplayName("A layer of zeros written in one pass reads back with its diffID")
  void zerosLayerReadsBack() throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(List.of("x:1"), LayerSpec.filler(5 << 20).withContent(FileContent.ZEROS))
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("z.tar"));
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      String path = fixture.image(0).layerPaths().get(0);
      ArchiveReader.Measurement m = reader.measureContent(path, "sha256");
      assertThat(m.digest()).isEqualTo(fixture.image(0).diffIds().get(0));
      assertThat(m.size()).isEqualTo(fixture.image(0).sizes().get(0)).isGreaterThan(5 << 20);
    }
  }
}
