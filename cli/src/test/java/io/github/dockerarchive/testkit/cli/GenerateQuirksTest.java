package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("generate --quirk and --corpus --quirks: archives shaped by the quirk catalogue")
class GenerateQuirksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static ArchiveSpec printed(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("generate", "--print-spec"));
    all.addAll(List.of(args));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return SpecJson.fromJson(run.out());
  }

  @Test
  @DisplayName("--quirk ID applies the quirk to the spec the other flags describe, for every quirk")
  void everyQuirkShapesTheFlagSpec() throws Exception {
    ArchiveSpec flags = printed("--images", "2", "--layers", "2", "--seed", "3");
    for (Quirk q : Quirk.values()) {
      assertThat(printed("--images", "2", "--layers", "2", "--seed", "3", "--quirk", q.id()))
          .as(q.id())
          .isEqualTo(q.applyTo(flags));
    }
  }

  @Test
  @DisplayName("--quirk is repeatable (applied in order) and combines with --spec FILE")
  void repeatedAndWithSpec() throws Exception {
    Quirk first = Quirk.values()[0];
    Quirk last = Quirk.values()[Quirk.values().length - 1];
    ArchiveSpec base = printed("--layers", "3", "--tag", "example.com/a:1");
    Path specFile = Files.writeString(dir.resolve("spec.json"), SpecJson.toJson(base));

    ArchiveSpec both =
        printed("--spec", specFile.toString(), "--quirk", first.id(), "--quirk", last.name());

    assertThat(both).isEqualTo(last.applyTo(first.applyTo(base)));
    assertThat(both.quirks()).containsExactly(first, last);
  }

  @Test
  @DisplayName("every cheap quirk's archive is written with its truth, which names the quirk")
  void writesEveryQuirk() throws Exception {
    for (Quirk q : Quirk.values()) {
      if (q.expensive()) {
        continue; // 8 GiB read back byte for byte below; --print-spec covers its shape above
      }
      Path out = dir.resolve(q.id() + ".tar");
      Path truth = dir.resolve(q.id() + ".json");
      CliRun run =
          CliRun.of(
              "generate", "--quirk", q.id(), "-o", out.toString(), "--truth", truth.toString());
      assertThat(run.exitCode()).as(q.id() + ": " + run.err()).isZero();

      ArchiveFixture expected =
          SyntheticArchives.materialize(
              q.applyTo(printed()), dir.resolve(q.id() + "-expected.tar"));
      assertThat(Files.readAllBytes(out)).as(q.id()).isEqualTo(Files.readAllBytes(expected.path()));
      JsonNode quirks = JSON.readTree(truth.toFile()).get("quirks");
      assertThat(quirks).hasSize(1);
      assertThat(quirks.get(0).get("id").asText()).isEqualTo(q.id());
      assertThat(quirks.get(0).get("validity").asText())
          .isEqualTo(q.validity().name().toLowerCase(java.util.Locale.ROOT));
      assertThat(quirks.get(0).get("rule").asText()).isEqualTo(q.rule());
    }
  }

  @Test
  @DisplayName("an unknown quirk is a usage error listing every accepted id; nothing is written")
  void unknownQuirk() {
    CliRun run =
        CliRun.of("generate", "--quirk", "no-such-quirk", "-o", dir.resolve("x.tar").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--quirk: unknown quirk \"no-such-quirk\"; expected one of");
    for (Quirk q : Quirk.values()) {
      assertThat(run.err()).contains(q.id());
    }
    assertThat(dir.resolve("x.tar")).doesNotExist();
  }

  @Test
  @DisplayName(
      "--corpus DIR --quirks writes one archive per quirk, named by id, and index.json with each"
          + " quirk, spec and truth; the same bytes every time")
  void quirkCorpus() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliRun first = CliRun.of("generate", "--corpus", a.toString(), "--quirks", "--quiet");
    CliRun second = CliRun.of("generate", "--corpus", b.toString(), "--quirks=all", "--quiet");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();

    JsonNode index = JSON.readTree(a.resolve("index.json").toFile());
    assertThat(index.get("quirks").asText()).isEqualTo("all");
    assertThat(Files.readString(a.resolve("index.json")))
        .isEqualTo(Files.readString(b.resolve("index.json")));
    List<String> listed = new ArrayList<>();
    for (JsonNode entry : index.get("archives")) {
      String id = entry.get("quirk").get("id").asText();
      String file = entry.get("file").asText();
      Quirk q = Quirk.parse(id);
      listed.add(id);
      assertThat(file).isEqualTo(id + ".tar");
      assertThat(Files.readAllBytes(a.resolve(file)))
          .isEqualTo(Files.readAllBytes(b.resolve(file)));
      assertThat(SpecJson.fromJson(entry.get("spec").toString())).isEqualTo(q.spec());
      assertThat(entry.get("truth").get("file").asText()).isEqualTo(file);
      assertThat(entry.get("truth").get("quirks").get(0).get("id").asText()).isEqualTo(id);
      assertThat(entry.get("quirk").get("family").asText()).isEqualTo(q.family().id());
    }
    List<String> skippedExpensive = new ArrayList<>();
    for (JsonNode skipped : index.get("skipped")) {
      String id = skipped.get("quirk").get("id").asText();
      listed.add(id);
      assertThat(skipped.get("reason").asText()).isNotBlank();
      if (Quirk.parse(id).expensive()) {
        skippedExpensive.add(id);
        assertThat(skipped.get("reason").asText())
            .startsWith("expensive")
            .contains("--include-expensive");
      }
    }
    String[] expensive =
        Arrays.stream(Quirk.values())
            .filter(Quirk::expensive)
            .map(Quirk::id)
            .toArray(String[]::new);
    assertThat(skippedExpensive)
        .as("expensive quirks, skipped by default")
        .containsExactly(expensive);
    assertThat(first.err())
        .as("the line naming what was skipped, printed even with --quiet")
        .contains(
            "skipping "
                + expensive.length
                + " expensive quirks (entries of 8 GiB, about a minute each;"
                + " --include-expensive writes them): "
                + String.join(", ", expensive));
    assertThat(listed)
        .as("written or skipped, every quirk once")
        .containsExactlyInAnyOrder(
            Arrays.stream(Quirk.values()).map(Quirk::id).toArray(String[]::new));
    assertThat(index.get("count").asInt()).isEqualTo(index.get("archives").size());
  }

  @Test
  @DisplayName("--quirks=valid and --quirks=defect write only the quirks of that validity")
  void validityFilter() throws Exception {
    for (QuirkValidity v : QuirkValidity.values()) {
      String filter = v.name().toLowerCase(java.util.Locale.ROOT);
      Path out = dir.resolve(filter);
      CliRun run = CliRun.of("generate", "--corpus", out.toString(), "--quirks=" + filter);
      assertThat(run.exitCode()).as(run.err()).isZero();

      JsonNode index = JSON.readTree(out.resolve("index.json").toFile());
      List<String> ids = new ArrayList<>();
      index.get("archives").forEach(e -> ids.add(e.get("quirk").get("id").asText()));
      index.get("skipped").forEach(e -> ids.add(e.get("quirk").get("id").asText()));
      assertThat(ids)
          .containsExactlyInAnyOrder(
              Arrays.stream(Quirk.values())
                  .filter(q -> q.validity() == v)
                  .map(Quirk::id)
                  .toArray(String[]::new));
      assertThat(run.err()).contains("quirk archives and index.json written to " + out);
    }
  }

  @Test
  @DisplayName("--quirks misuse is a usage error naming what is accepted")
  void quirkCorpusMisuse() {
    assertThat(CliRun.of("generate", "--corpus", dir.toString(), "--quirks=some"))
        .satisfies(
            r -> {
              assertThat(r.exitCode()).isEqualTo(2);
              assertThat(r.err()).contains("unknown --quirks \"some\"; expected one of valid");
            });
    assertThat(CliRun.of("generate", "--quirks", "-o", dir.resolve("x.tar").toString()))
        .satisfies(r -> assertThat(r.err()).contains("--quirks writes a corpus"));
    assertThat(CliRun.of("generate", "--corpus", dir.toString(), "--quirks", "--count", "3"))
        .satisfies(r -> assertThat(r.err()).contains("--corpus DIR --quirks takes only --seed"));
    assertThat(CliRun.of("generate", "--corpus", dir.toString(), "--quirk", "outer-gzip"))
        .satisfies(r -> assertThat(r.err()).contains("--corpus takes only"));
    assertThat(CliRun.of("generate", "--include-expensive", "-o", dir.resolve("x.tar").toString()))
        .satisfies(
            r -> {
              assertThat(r.exitCode()).isEqualTo(2);
              assertThat(r.err()).contains("--include-expensive goes with --corpus DIR --quirks");
            });
    assertThat(dir.resolve("index.json")).doesNotExist();
  }
}
