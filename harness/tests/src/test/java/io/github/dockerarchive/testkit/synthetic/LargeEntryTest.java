package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries of 8 GiB and more (WR-14), made in one streaming pass and small on disk: a file of zeros
 * in a compressed layer, and an uncompressed layer of zeros, whose outer tar entry the archive file
 * holds as a hole. Each is read back by the reader, which recomputes the diffID from the stream.
 */
@DisplayName("WR-14: entries of 8 GiB and more, in the layer tar and in the outer tar")
class LargeEntryTest {
  private static final long SIZE = (8L << 30) + 3;

  @TempDir Path dir;

  @Test
  @DisplayName("An 8 GiB file in a zstd layer: PAX size in the layer tar, the diffID reads back")
  void eightGibFileInACompressedLayer() throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(
                List.of("large:1"),
                LayerSpec.filler(SIZE)
                    .withContent(FileContent.ZEROS)
                    .withCompression(Compression.ZSTD))
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("large.tar"));
    assertThat(Files.size(fixture.path())).isLessThan(64L << 20);
    ImageTruth truth = fixture.image(0);
    String layer = truth.layerPaths().get(0);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      ArchiveReader.Measurement m = reader.measureContent(layer, "sha256");
      assertThat(m.compression()).isEqualTo(Compression.ZSTD);
      assertThat(m.size()).isEqualTo(truth.sizes().get(0)).isGreaterThan(SIZE);
      assertThat(m.digest()).isEqualTo(truth.diffIds().get(0));
      assertFirstMemberHasPaxSize(
          reader, layer, CompressorStreamFactory.ZSTANDARD, "filler.bin", SIZE);
    }
  }

  /**
   * The compressed layer's tar starts with a PAX extended header holding the {@code size} record of
   * its first member, which reads back with that name and size (WR-14).
   */
  static void assertFirstMemberHasPaxSize(
      ArchiveReader reader, String layer, String compressor, String name, long size)
      throws Exception {
    CompressorStreamFactory factory = new CompressorStreamFactory();
    try (InputStream stored = reader.openEntry(layer);
        InputStream tar = factory.createCompressorInputStream(compressor, stored)) {
      byte[] headers = tar.readNBytes(3 * 512);
      assertThat((char) headers[156]).as("a PAX extended header comes first").isEqualTo('x');
      assertThat(new String(headers, 512, 512, StandardCharsets.US_ASCII))
          .contains(" size=" + size + "\n");
    }
    try (InputStream stored = reader.openEntry(layer);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(factory.createCompressorInputStream(compressor, stored))) {
      TarArchiveEntry file = tar.getNextEntry();
      assertThat(file.getName()).isEqualTo(name);
      assertThat(file.getSize()).isEqualTo(size);
    }
  }

  @Test
  @DisplayName("An uncompressed 8 GiB layer: PAX size in the outer tar, the archive is sparse")
  void eightGibOuterEntry() throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(List.of("large:1"), LayerSpec.filler(SIZE).withContent(FileContent.ZEROS))
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("outer.tar"));
    ImageTruth truth = fixture.image(0);
    String layer = truth.layerPaths().get(0);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      TarEntry entry =
          reader.entries().stream().filter(e -> e.name().equals(layer)).findFirst().orElseThrow();
      assertThat(entry.size()).isEqualTo(truth.storedSizes().get(0)).isGreaterThan(SIZE);
      assertThat(entry.dataOffset() - entry.headerOffset()).isEqualTo(512);
      assertThat(entry.headerOffset()).as("a PAX header and its record come first").isEqualTo(1024);
      ArchiveReader.Measurement m = reader.measureContent(layer, "sha256");
      assertThat(m.size()).isEqualTo(truth.sizes().get(0));
      assertThat(m.digest()).isEqualTo(truth.diffIds().get(0));
    }
  }
}
