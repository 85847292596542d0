package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Blobs of unknown size or digest are spooled in memory or to a file, which never outlives put. */
@DisplayName("WR-3: spooling blobs of unknown size or digest")
class SpoolTest {
  @TempDir Path dir;
  @TempDir Path spoolDir;

  /** A stream that, when it reaches its end, notes how many spool files exist at that moment. */
  final class Watched extends InputStream {
    private final InputStream in;
    long filesAtEnd = -1;

    Watched(byte[] data) {
      in = new ByteArrayInputStream(data);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      note(b);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      note(n);
      return n;
    }

    private void note(int n) throws IOException {
      if (n < 0 && filesAtEnd < 0) {
        try (Stream<Path> files = Files.list(spoolDir)) {
          filesAtEnd = files.count();
        }
      }
    }
  }

  @ParameterizedTest(name = "threshold {0}, digest known {1}, size known {2}")
  @CsvSource({
    "0, false, false",
    "0, true, false",
    "0, false, true",
    "1048576, false, false",
    "1048576, true, false",
    "1048576, false, true"
  })
  @DisplayName("WR-3: below the threshold in memory, above it in a file; the file is deleted")
  void spools(long threshold, boolean digestKnown, boolean sizeKnown) throws Exception {
    TestImages.Image image = TestImages.image("spool", 1);
    byte[] layer = image.layers().get(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriterOptions options =
        WriterOptions.defaults().withSpoolThreshold(threshold).withSpoolDirectory(spoolDir);
    try (ArchiveWriter writer = ArchiveWriter.create(out, options)) {
      ImageDestination d = writer.newImage(null);
      Watched in = new Watched(layer);
      BlobInfo stored =
          d.putBlob(
              in,
              new BlobInfo(
                  digestKnown ? Digest.sha256(layer) : null,
                  sizeKnown ? layer.length : BlobInfo.UNKNOWN_SIZE,
                  null),
              false);
      assertThat(stored).isEqualTo(BlobInfo.of(Digest.sha256(layer), layer.length));
      assertThat(in.filesAtEnd).as("spool files while reading").isEqualTo(threshold == 0 ? 1 : 0);
      assertThat(spoolDir).isEmptyDirectory();
      d.putBlob(new ByteArrayInputStream(image.config()), new BlobInfo(null, -1, null), true);
      d.putManifest(image.manifest());
      d.commit();
    }
    assertThat(TestImages.entry(out.toByteArray(), Digest.sha256(layer).hex() + ".tar").data())
        .isEqualTo(layer);
  }

  @ParameterizedTest(name = "threshold {0}")
  @CsvSource({"0", "1048576"})
  @DisplayName("WR-3: a failed spooled blob leaves no file and nothing in the archive")
  void failureDeletesSpool(long threshold) throws Exception {
    byte[] layer = TestImages.layer("x", "y");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriterOptions options =
        WriterOptions.defaults().withSpoolThreshold(threshold).withSpoolDirectory(spoolDir);
    try (ArchiveWriter writer = ArchiveWriter.create(out, options)) {
      ImageDestination d = writer.newImage(null);
      byte[] wrong = layer.clone();
      wrong[0] ^= 1;
      assertThatThrownBy(
              () ->
                  d.putBlob(
                      new ByteArrayInputStream(wrong),
                      new BlobInfo(Digest.sha256(layer), BlobInfo.UNKNOWN_SIZE, null),
                      false))
          .isInstanceOf(DigestMismatchException.class);
      assertThatThrownBy(
              () ->
                  d.putBlob(
                      new SequenceFailing(layer),
                      new BlobInfo(null, BlobInfo.UNKNOWN_SIZE, null),
                      false))
          .hasMessageContaining("after " + layer.length + " bytes");
      assertThat(spoolDir).isEmptyDirectory();
    }
    assertThat(TestImages.names(out.toByteArray()))
        .containsExactly("manifest.json", "repositories");
  }

  /** All of {@code data}, then an error instead of end of stream. */
  static final class SequenceFailing extends InputStream {
    private final InputStream in;

    SequenceFailing(byte[] data) {
      in = new ByteArrayInputStream(data);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection reset");
      }
      return b;
    }
  }

  @Test
  @DisplayName("WR-3: a sha512 digest is verified with sha512, stored under sha256, kept as alias")
  void otherAlgorithm() throws Exception {
    TestImages.Image image = TestImages.image("sha512", 1);
    byte[] layer = image.layers().get(0);
    Digest sha512 = Digest.of("sha512", sha512(layer));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageDestination d = writer.newImage(null);
      byte[] wrong = Arrays.copyOf(layer, layer.length);
      wrong[3] ^= 1;
      assertThatThrownBy(
              () ->
                  d.putBlob(
                      new ByteArrayInputStream(wrong), BlobInfo.of(sha512, layer.length), false))
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining("expected " + sha512)
          .hasMessageContaining("got sha512:");
      BlobInfo stored =
          d.putBlob(new ByteArrayInputStream(layer), BlobInfo.of(sha512, layer.length), false);
      assertThat(stored.digest()).isEqualTo(Digest.sha256(layer));
      assertThat(d.tryReusingBlob(BlobInfo.of(sha512, -1)))
          .isEqualTo(Optional.of(BlobInfo.of(Digest.sha256(layer), layer.length)));
      d.putBlob(new ByteArrayInputStream(image.config()), new BlobInfo(null, -1, null), true);
      d.putManifest(image.manifest());
      d.commit();
    }
    assertThat(TestImages.names(out.toByteArray())).contains(Digest.sha256(layer).hex() + ".tar");
  }

  @Test
  @DisplayName("WR-3: a config over the limit is refused with the limit in the message")
  void configLimit() throws Exception {
    try (ArchiveWriter writer =
        ArchiveWriter.create(
            new ByteArrayOutputStream(), WriterOptions.defaults().withConfigLimit(10))) {
      ImageDestination d = writer.newImage(null);
      byte[] config = "{\"rootfs\":{\"diff_ids\":[]}}".getBytes();
      assertThatThrownBy(
              () -> d.putBlob(new ByteArrayInputStream(config), new BlobInfo(null, -1, null), true))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("exceeded maximum allowed size of 10 bytes");
      assertThat(List.of(d.supportedManifestMediaTypes())).hasSize(1);
    }
  }

  private static byte[] sha512(byte[] data) {
    return Digest.newMessageDigest("sha512").digest(data);
  }
}
