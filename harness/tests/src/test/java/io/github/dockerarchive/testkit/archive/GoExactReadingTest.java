package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviours the differential tests against Go settled, pinned without Go: what a Go-based
 * loader rejects is an error, what it accepts reads (ARC-2, ARC-8, ARC-9).
 */
@DisplayName(
    "Go-exact reading: manifest.json, config names, the end of the archive (ARC-2, ARC-8, ARC-9)")
class GoExactReadingTest {
  @TempDir Path dir;

  static List<ManifestItem> parse(String json) throws InvalidManifestException {
    return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  @DisplayName("ARC-2: manifest.json as encoding/json decodes it")
  class Manifest {
    @Test
    @DisplayName("ARC-2: a UTF-8 byte-order mark is a syntax error, as in Go")
    void byteOrderMark() {
      byte[] json = "\ufeff[{\"Config\":\"c.json\"}]".getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> ManifestParser.parse(json))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageContaining("invalid character");
    }

    @Test
    @DisplayName("ARC-2: invalid UTF-8 and lone surrogates in strings read as U+FFFD")
    void invalidUtf8() throws IOException {
      byte[] json = {
        '[', '{', '"', 'C', 'o', 'n', 'f', 'i', 'g', '"', ':', '"', (byte) 0xff, '"', '}', ']'
      };
      assertThat(ManifestParser.parse(json).get(0).config()).isEqualTo("\ufffd");
      assertThat(parse("[{\"Config\":\"\\ud800x\"}]").get(0).config()).isEqualTo("\ufffdx");
    }

    @Test
    @DisplayName("ARC-2: null leaves a string unchanged; the last of duplicate keys wins")
    void duplicates() throws IOException {
      ManifestItem item =
          parse(
                  "[{\"Config\":\"a\",\"config\":\"b\",\"CONFIG\":null,\"Layers\":[\"x\",\"y\"],"
                      + "\"Layers\":[null]}]")
              .get(0);
      assertThat(item.config()).isEqualTo("b");
      // Go decodes the second array into the first one's backing array: null keeps "x"
      assertThat(item.layers()).containsExactly("x");
    }

    @Test
    @DisplayName("ARC-2: keys fold as Go folds them: U+017F is s, U+0131 is not i")
    void folding() throws IOException {
      assertThat(parse("[{\"Layer\u017f\":[\"l\"]}]").get(0).layers()).containsExactly("l");
      assertThat(parse("[{\"Conf\u0131g\":\"c\"}]").get(0).config()).isEmpty();
    }

    @Test
    @DisplayName("ARC-2: nesting up to Go's 10000 levels in an unknown field is accepted")
    void nesting() throws IOException {
      String deep = "[".repeat(9_997) + "]".repeat(9_997);
      assertThat(parse("[{\"x\":" + deep + ",\"Config\":\"c\"}]").get(0).config()).isEqualTo("c");
      String tooDeep = "[".repeat(9_999) + "]".repeat(9_999);
      assertThatThrownBy(() -> parse("[{\"x\":" + tooDeep + "}]"))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageContaining("nesting depth");
    }
  }

  @Test
  @DisplayName("ARC-8: a config named for another digest reads, and verify only warns")
  void configNameClaimsAnotherDigest() throws IOException {
    HandmadeImage image = new HandmadeImage().tags("example.com/a:1");
    String decoy = "e".repeat(64) + ".json";
    HandmadeImage renamed = image.itemEdit(item -> item.put("Config", decoy));
    HandmadeTar tar = new HandmadeTar();
    for (int n = 0; n < renamed.layers().size(); n++) {
      tar.file(renamed.blobPath(n), renamed.storedLayer(n));
    }
    tar.file(decoy, renamed.configBytes());
    tar.file("manifest.json", HandmadeImage.manifestJson(renamed));
    try (ArchiveReader reader = ArchiveReader.open(tar.writeTo(dir.resolve("a.tar")))) {
      VerificationReport report =
          ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
      assertThat(report.isValid()).isTrue();
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.rule()).isEqualTo("ARC-8");
                assertThat(p.message())
                    .contains(decoy, reader.imageSource(null, 0).configDigest().toString());
              });
    }
  }

  @Nested
  @DisplayName("ARC-9: reading stops at the end-of-archive marker")
  class EndOfArchive {
    byte[] tar() {
      return HandmadeImage.archive(new HandmadeImage().tags("example.com/a:1")).build();
    }

    /** Endless zeros: a reader that reads to the end never returns. */
    InputStream endless() {
      return new InputStream() {
        @Override
        public int read() {
          return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          java.util.Arrays.fill(b, off, off + len, (byte) 0);
          return len;
        }
      };
    }

    @Test
    @DisplayName("ARC-9: a stream with endless padding after the marker opens at once and warns")
    void endlessPaddingStream() {
      InputStream in = new SequenceInputStream(new ByteArrayInputStream(tar()), endless());
      Assertions.assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            try (ArchiveReader reader =
                ArchiveReader.open(in, ReaderOptions.defaults().withTemporaryDirectory(dir))) {
              assertThat(reader.manifest()).hasSize(1);
              assertThat(reader.trailingDataOffset()).isPositive();
              List<Problem> problems =
                  ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).problems();
              assertThat(problems).extracting(Problem::rule).containsExactly("ARC-9");
              assertThat(problems.get(0).severity()).isEqualTo(Severity.WARNING);
            }
          });
    }

    @Test
    @DisplayName(
        "ARC-9: a gzip archive with 256 MiB of padding is not decompressed past the marker")
    void compressedPadding() throws IOException {
      byte[] tar = tar();
      Path gz = dir.resolve("padded.tar.gz");
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
        out.write(tar);
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 256; i++) {
          out.write(zeros);
        }
      }
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      try (ArchiveReader reader =
          ArchiveReader.open(gz, ReaderOptions.defaults().withTemporaryDirectory(tmp))) {
        assertThat(reader.compression()).isEqualTo(Compression.GZIP);
        assertThat(reader.manifest()).hasSize(1);
        assertThat(reader.trailingDataOffset()).isPositive();
        try (Stream<Path> spooled = Files.list(tmp)) {
          for (Path p : spooled.toList()) {
            assertThat(Files.size(p)).as("decompressed bytes spooled").isLessThan(1 << 20);
          }
        }
      }
    }

    @Test
    @DisplayName("ARC-9: the padding of a whole 10240-byte record is no trailing data")
    void recordPadding() throws IOException {
      byte[] tar = tar();
      byte[] padded = java.util.Arrays.copyOf(tar, (tar.length + 10239) / 10240 * 10240);
      try (ArchiveReader reader =
          ArchiveReader.open(HandmadeTar.write(dir.resolve("p.tar"), padded))) {
        assertThat(reader.trailingDataOffset()).isEqualTo(-1);
        assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).problems())
            .isEmpty();
      }
    }
  }
}
