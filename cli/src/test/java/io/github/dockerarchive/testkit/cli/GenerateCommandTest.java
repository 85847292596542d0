package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("generate: deterministic archives with their truth, from flags, a spec or as a corpus")
class GenerateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private String[] rich(Path out, Path truth) {
    return new String[] {
      "generate",
      "--images",
      "2",
      "--layers",
      "2",
      "--layer-size",
      "3KiB",
      "--dialect",
      "docker-legacy",
      "--compression",
      "gzip",
      "--layer-compression",
      "zstd",
      "--tag",
      "example.com/app:1",
      "--tag",
      "localhost:5000/app:2",
      "--seed",
      "9",
      "-o",
      out.toString(),
      "--truth",
      truth.toString()
    };
  }

  @Test
  @DisplayName("the same arguments give byte-identical archives and truths")
  void deterministic() throws Exception {
    CliRun first = CliRun.of(rich(dir.resolve("a.tar"), dir.resolve("a.json")));
    CliRun second = CliRun.of(rich(dir.resolve("b.tar"), dir.resolve("b.json")));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("a.tar")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b.tar")));
    assertThat(Files.readString(dir.resolve("a.json")).replace("a.tar", "b.tar"))
        .isEqualTo(Files.readString(dir.resolve("b.json")));
  }

  @Test
  @DisplayName("--truth holds what our reader finds: tags, config digests, diffIDs, sizes")
  void truthMatchesTheReader() throws Exception {
    CliRun run = CliRun.of(rich(dir.resolve("a.tar"), dir.resolve("a.json")));
    assertThat(run.exitCode()).as(run.err()).isZero();

    JsonNode truth = JSON.readTree(dir.resolve("a.json").toFile());
    assertThat(truth.get("dialect").asText()).isEqualTo("docker-legacy");
    assertThat(truth.get("corruption").asText()).isEqualTo("none");
    assertThat(truth.get("expectedFailure").isNull()).isTrue();
    try (ArchiveReader reader = ArchiveReader.open(dir.resolve("a.tar"))) {
      assertThat(reader.manifest()).hasSize(2);
      for (JsonNode image : truth.get("images")) {
        ImageSource source = reader.imageSource(null, image.get("index").asInt());
        assertThat(source.configDigest().toString()).isEqualTo(image.get("configDigest").asText());
        assertThat(source.diffIds().stream().map(Object::toString).toList())
            .isEqualTo(texts(image.get("diffIds")));
        assertThat(reader.manifest().get(image.get("index").asInt()).repoTags())
            .isEqualTo(texts(image.get("repoTags")));
        assertThat(image.get("sizes")).hasSize(2);
      }
    }
    assertThat(texts(truth.get("images").get(0).get("repoTags")))
        .containsExactly("example.com/app:1", "localhost:5000/app:2");
  }

  @Test
  @DisplayName("--print-spec prints the spec; --spec FILE rebuilds the same bytes")
  void specRoundTrip() throws Exception {
    String[] flags = rich(dir.resolve("a.tar"), dir.resolve("a.json"));
    String[] printing = new String[flags.length + 1];
    System.arraycopy(flags, 0, printing, 0, flags.length);
    printing[flags.length] = "--print-spec";
    CliRun printed = CliRun.of(printing);
    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(SpecJson.fromJson(printed.out()).dialect()).isEqualTo(Dialect.DOCKER_LEGACY);
    Path specFile = Files.writeString(dir.resolve("spec.json"), printed.out());

    CliRun rebuilt =
        CliRun.of("generate", "--spec", specFile.toString(), "-o", dir.resolve("c.tar").toString());

    assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("c.tar")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a.tar")));
  }

  @Test
  @DisplayName("--layer-content zeros: a file of zeros that gzip shrinks; the spec names it")
  void layerContentZeros() throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--layer-size",
            "64MiB",
            "--layer-content",
            "zeros",
            "--layer-compression",
            "gzip",
            "-o",
            dir.resolve("z.tar").toString(),
            "--truth",
            dir.resolve("z.json").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.size(dir.resolve("z.tar"))).isLessThan(1L << 20);
    JsonNode image = JSON.readTree(dir.resolve("z.json").toFile()).get("images").get(0);
    try (ArchiveReader reader = ArchiveReader.open(dir.resolve("z.tar"))) {
      ArchiveReader.Measurement m =
          reader.measureContent(image.get("layerPaths").get(0).asText(), "sha256");
      assertThat(m.size()).isEqualTo(image.get("sizes").get(0).asLong()).isGreaterThan(64L << 20);
      assertThat(m.digest().toString()).isEqualTo(image.get("diffIds").get(0).asText());
    }
    CliRun printed = CliRun.of("generate", "--layer-content", "zeros", "--print-spec");
    assertThat(printed.out()).contains("\"content\" : \"zeros\"");
    CliRun bad = CliRun.of("generate", "--layer-content", "ones", "--print-spec");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("unknown file content \"ones\"; expected one of seeded, zeros");
  }

  @Test
  @DisplayName("--layer-size takes units: 10MiB is 10485760 bytes in the truth")
  void layerSizeUnits() throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--layer-size",
            "10MiB",
            "-o",
            dir.resolve("m.tar").toString(),
            "--truth",
            dir.resolve("m.json").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode image = JSON.readTree(dir.resolve("m.json").toFile()).get("images").get(0);
    // the layer tar: a 512-byte header, the 10 MiB file, two zero blocks
    assertThat(image.get("sizes").get(0).asLong()).isEqualTo((10L << 20) + 512 + 1024);
    assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(Sizes.parse("512")).isEqualTo(512);
    assertThat(Sizes.parse("5MB")).isEqualTo(5_000_000);
  }

  @Test
  @DisplayName("--corruption: the truth names the rule and the failure a reader must report")
  void corruption() throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--corruption",
            "missing-layer",
            "-o",
            dir.resolve("x.tar").toString(),
            "--truth",
            dir.resolve("x.json").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    JsonNode truth = JSON.readTree(dir.resolve("x.json").toFile());
    assertThat(truth.get("rule").asText()).isEqualTo(Corruption.MISSING_LAYER.rule());
    assertThat(truth.get("expectedFailure").get("exception").asText())
        .isEqualTo(EntryNotFoundException.class.getSimpleName());
    assertThat(truth.get("expectedFailure").get("stage").asText()).isEqualTo("load");
  }

  @Test
  @DisplayName("bad usage exits 2 and says why")
  void badUsage() {
    assertThat(
            CliRun.of(
                "generate",
                "--images",
                "2",
                "--dialect",
                "jib",
                "-o",
                dir.resolve("j.tar").toString()))
        .satisfies(
            r -> {
              assertThat(r.exitCode()).isEqualTo(2);
              assertThat(r.err()).contains("exactly one image");
            });
    assertThat(CliRun.of("generate", "--spec", "x.json", "--images", "2", "-o", "y.tar"))
        .satisfies(r -> assertThat(r.err()).contains("--spec excludes"));
    assertThat(CliRun.of("generate", "--layer-size", "ten", "-o", "y.tar"))
        .satisfies(r -> assertThat(r.err()).contains("invalid size \"ten\""));
    assertThat(CliRun.of("generate")).satisfies(r -> assertThat(r.err()).contains("missing -o"));
    assertThat(dir.resolve("j.tar")).doesNotExist();
  }

  @Test
  @DisplayName("--corpus: N varied archives and index.json, the same for the same seed")
  void corpus() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    // as many archives as corruptions: each of them, every dialect and every compression occurs
    String count = Integer.toString(Corruption.values().length);
    CliRun first =
        CliRun.of("generate", "--corpus", a.toString(), "--count", count, "--seed", "5", "--quiet");
    CliRun second =
        CliRun.of("generate", "--corpus", b.toString(), "--count", count, "--seed", "5", "--quiet");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();

    JsonNode index = JSON.readTree(a.resolve("index.json").toFile());
    assertThat(index.get("archives")).hasSize(Corruption.values().length);
    assertThat(Files.readString(a.resolve("index.json")))
        .isEqualTo(Files.readString(b.resolve("index.json")));
    Set<String> dialects = new HashSet<>();
    Set<String> corruptions = new HashSet<>();
    Set<String> compressions = new HashSet<>();
    for (JsonNode entry : index.get("archives")) {
      String file = entry.get("file").asText();
      assertThat(Files.readAllBytes(a.resolve(file)))
          .isEqualTo(Files.readAllBytes(b.resolve(file)));
      dialects.add(entry.get("spec").get("dialect").asText());
      corruptions.add(entry.get("spec").get("corruption").asText());
      compressions.add(entry.get("spec").get("compression").asText());
      assertThat(entry.get("truth").get("file").asText()).isEqualTo(file);
      assertThat(entry.get("expectedFailure").isNull())
          .isEqualTo(entry.get("spec").get("corruption").asText().equals("none"));
    }
    assertThat(dialects).hasSize(Dialect.values().length);
    assertThat(corruptions).hasSize(Corruption.values().length);
    assertThat(compressions).hasSize(5);
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
