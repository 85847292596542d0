package io.github.dockerarchive.testkit.conformance.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import io.github.dockerarchive.testkit.conformance.adapters.Implementations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceRunTest {
  @TempDir Path dir;

  /** Scratch directories the checks saw, to show they are cleaned. */
  final List<Path> scratches = new ArrayList<>();

  final Map<String, FakeImplementation> created = new LinkedHashMap<>();
  final List<Path> implementationScratches = new ArrayList<>();

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /**
   * ARC-1 passes; SEL-1 fails only for implementations named "bad*"; SRC-4 (FIX) fails for those
   * based on the reference; SRC-9 (SHOULD) always fails; WR-12 needs a capability no fake claims.
   */
  List<Check> suite() {
    return List.of(
        Check.of(
            "ARC-1",
            "writes-a-file",
            "leaves a file in its scratch directory",
            Set.of(),
            c -> {
              scratches.add(c.scratch());
              Files.writeString(c.path("input.tar"), "x");
              c.note("input " + c.path("input.tar"));
            }),
        Check.of(
            "SEL-1",
            "only-good",
            "fails for bad implementations",
            Set.of(),
            c -> {
              scratches.add(c.scratch());
              Files.writeString(c.path("input.tar"), "x");
              c.note("input " + c.path("input.tar"));
              CheckContext.require(
                  !c.implementation().name().contains("bad"), "picked the last image");
            }),
        Check.of(
            "SRC-4",
            "fix",
            "a FIX rule the reference breaks",
            Set.of(),
            c -> {
              if (c.implementation().basedOnReference()) {
                throw new CheckFailure("the reference's way");
              }
            }),
        Check.of(
            "SRC-9",
            "should",
            "a SHOULD rule nobody meets",
            Set.of(),
            c -> {
              throw new CheckFailure("no warning");
            }),
        Check.of(
            "WR-12", "hybrid", "needs write-hybrid", Set.of(Capability.WRITE_HYBRID), c -> {}));
  }

  /** Fake implementations: "peer*" are report-only and based on the reference. */
  ConformanceRun.Factory factory() {
    return new ConformanceRun.Factory() {
      @Override
      public Implementations.Selected create(String name, ImplementationSettings settings)
          throws Exception {
        implementationScratches.add(settings.scratch());
        assertThat(settings.scratch()).isDirectory();
        if (name.equals("broken")) {
          throw new IOException("the tool is not installed");
        }
        if (name.equals("absent")) {
          throw new ImplementationUnavailableException("absentd needs root");
        }
        if (name.equals("unknown")) {
          throw new IllegalArgumentException("unknown implementation \"unknown\"");
        }
        FakeImplementation impl = new FakeImplementation(name, name.startsWith("peer"));
        created.put(name, impl);
        return new Implementations.Selected(impl, name.startsWith("peer"));
      }

      @Override
      public boolean reportOnly(String name) {
        return name.startsWith("peer");
      }
    };
  }

  ConformanceRun run() {
    return new ConformanceRun(
        suite(), factory(), temp(), new PrintWriter(out), new PrintWriter(err));
  }

  ConformanceRun.Settings settings(List<String> impls, List<String> gates, boolean keep) {
    return new ConformanceRun.Settings(
        impls,
        List.of(),
        dir.resolve("out"),
        gates,
        keep,
        Duration.ofSeconds(30),
        Duration.ofSeconds(30));
  }

  @Test
  void aPassingImplementationExitsZeroAndGetsAllReports() throws Exception {
    int code = run().run(settings(List.of("good"), List.of(), false));

    assertThat(code).as(err.toString()).isEqualTo(ConformanceRun.OK);
    assertThat(dir.resolve("out/results.json")).isRegularFile();
    assertThat(dir.resolve("out/junit.xml")).isRegularFile();
    assertThat(dir.resolve("out/report.html")).isRegularFile();
    assertThat(dir.resolve("out/failures")).doesNotExist();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    assertThat(json).hasSize(5);
    assertThat(json.findValuesAsText("status"))
        .containsExactly("PASS", "PASS", "PASS", "FAIL", "UNSUPPORTED");
    assertThat(out.toString())
        .containsPattern("SRC-9\\s+SHOULD\\s+WARN")
        .containsPattern("WR-12\\s+SHOULD\\s+n/a")
        .containsPattern("outcome\\s+OK");
    assertThat(err.toString())
        .contains("good: running 5 checks")
        .contains("WARN SRC-9/should: no warning")
        .contains("0 ERR, 0 FAIL, 0 DEV, 1 WARN, 3 PASS, 1 n/a");
    assertThat(created.get("good").closed).hasValue(1);
    assertThat(scratches).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(implementationScratches).allSatisfy(p -> assertThat(p).doesNotExist());
  }

  @Test
  void aGatedFailureExitsOneAReportOnlyPeerDoesNot() throws Exception {
    assertThat(run().run(settings(List.of("good", "bad"), List.of(), false)))
        .isEqualTo(ConformanceRun.FAILED);
    assertThat(err.toString()).contains("FAIL SEL-1/only-good: picked the last image");
    assertThat(err.toString()).contains("bad fails 1 MUST/FIX checks");
    assertThat(out.toString()).containsPattern("SEL-1\\s+MUST\\s+PASS\\s+FAIL");

    // a peer that fails a MUST rule and deviates on a FIX rule is only reported
    StringWriter out2 = new StringWriter();
    ConformanceRun peers =
        new ConformanceRun(suite(), factory(), temp(), new PrintWriter(out2), new PrintWriter(err));
    assertThat(peers.run(settings(List.of("good", "peer-bad"), List.of(), false)))
        .isEqualTo(ConformanceRun.OK);
    assertThat(out2.toString())
        .containsPattern("SRC-4\\s+FIX\\s+PASS\\s+DEV")
        .containsPattern("SEL-1\\s+MUST\\s+PASS\\s+FAIL")
        .contains("fails (report only)");
  }

  @Test
  void gateMakesAReportOnlyPeerCountButNotItsKnownDeviations() throws Exception {
    assertThat(run().run(settings(List.of("peer-bad"), List.of("peer-bad"), false)))
        .isEqualTo(ConformanceRun.FAILED);
    assertThat(run().run(settings(List.of("peer-good"), List.of("peer-good"), false)))
        .as("the FIX failure of a reference-based peer is a known deviation")
        .isEqualTo(ConformanceRun.OK);
  }

  @Test
  void anImplementationThatCannotBeSetUpIsAnErrorForEveryCheck() throws Exception {
    assertThat(run().run(settings(List.of("peer-good", "broken"), List.of(), false)))
        .isEqualTo(ConformanceRun.FAILED);
    assertThat(resultsOf("broken"))
        .hasSize(5)
        .allSatisfy(
            n -> {
              assertThat(n.get("status").asText()).isEqualTo("ERROR");
              assertThat(n.get("reason").asText())
                  .contains("cannot set up broken")
                  .contains("the tool is not installed");
            });
    assertThat(err.toString()).contains("broken: 5 checks ended in ERROR");
    assertThat(created.get("peer-good").closed).hasValue(1);
  }

  @Test
  void anImplementationUnavailableHereIsSkippedWithTheReasonAndFailsNothing() throws Exception {
    assertThat(run().run(settings(List.of("good", "absent"), List.of(), false)))
        .as(err.toString())
        .isEqualTo(ConformanceRun.OK);
    assertThat(resultsOf("absent"))
        .hasSize(5)
        .allSatisfy(
            n -> {
              assertThat(n.get("status").asText()).isEqualTo("UNSUPPORTED");
              assertThat(n.get("reason").asText()).isEqualTo("skipped: absentd needs root");
            });
    assertThat(err.toString()).contains("absent: skipped: absentd needs root");
    assertThat(out.toString()).containsPattern("SEL-1\\s+MUST\\s+PASS\\s+n/a");
  }

  /** The results of one implementation in {@code out/results.json}. */
  private List<JsonNode> resultsOf(String implementation) throws Exception {
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    List<JsonNode> results = new ArrayList<>();
    json.forEach(
        n -> {
          if (n.get("implementation").asText().equals(implementation)) {
            results.add(n);
          }
        });
    return results;
  }

  @Test
  void keptFailuresGoUnderOutFailuresAndPassesAreCleaned() throws Exception {
    Files.createDirectories(dir.resolve("out/failures/stale"));
    assertThat(run().run(settings(List.of("good", "bad"), List.of(), true)))
        .isEqualTo(ConformanceRun.FAILED);
    Path failures = dir.resolve("out/failures");
    assertThat(failures.resolve("stale")).doesNotExist();
    assertThat(failures.resolve("bad/SEL-1_only-good/input.tar")).isRegularFile();
    assertThat(failures.resolve("bad/ARC-1_writes-a-file")).doesNotExist();
    // SHOULD failures (SRC-9) are failures too: their inputs are kept
    assertThat(failures.resolve("good/SRC-9_should")).isDirectory();
    assertThat(failures.resolve("good/ARC-1_writes-a-file")).doesNotExist();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    assertThat(json.get(6).get("reproduction").asText())
        .contains("inputs kept in " + failures.resolve("bad/SEL-1_only-good"));
  }

  @Test
  void rulesSelectByIdGroupOrCheckAndRejectUnknownOnes() throws Exception {
    ConformanceRun run = run();
    assertThat(run.select(List.of())).hasSize(5);
    assertThat(run.select(List.of("SEL-1")))
        .extracting(Check::id)
        .containsExactly("SEL-1/only-good");
    assertThat(run.select(List.of("SRC", "WR-12/hybrid")))
        .extracting(Check::id)
        .containsExactly("SRC-4/fix", "SRC-9/should", "WR-12/hybrid");
    // a known rule without checks selects nothing, which is no usage error
    assertThat(run.select(List.of("DIA-1"))).isEmpty();
    assertThatThrownBy(() -> run.select(List.of("SEL-99")))
        .isInstanceOf(ConformanceRun.UsageException.class)
        .hasMessageContaining("SEL-99");
    assertThatThrownBy(() -> run.select(List.of("SE")))
        .isInstanceOf(ConformanceRun.UsageException.class);
  }

  @Test
  void badUsageRunsNothing() {
    assertThatThrownBy(() -> run().run(settings(List.of("good"), List.of("peer"), false)))
        .isInstanceOf(ConformanceRun.UsageException.class)
        .hasMessageContaining("--gate peer");
    assertThatThrownBy(() -> run().run(settings(List.of("good", "unknown"), List.of(), false)))
        .isInstanceOf(ConformanceRun.UsageException.class)
        .hasMessageContaining("--impl unknown");
    assertThat(created.get("good").closed).as("closed although the run was refused").hasValue(1);
    assertThat(scratches).isEmpty();
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(implementationScratches).allSatisfy(p -> assertThat(p).doesNotExist());
  }

  @Test
  void duplicateImplementationsRunOnce() throws Exception {
    run().run(settings(List.of("good", "good"), List.of(), false));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    assertThat(json).hasSize(5);
  }

  @Test
  void listPrintsEveryCheckWithLevelAndNeeds() throws Exception {
    assertThat(run().list(List.of("WR", "SRC-9"))).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("SRC-9/should\\s+SHOULD\\s+a SHOULD rule nobody meets");
    assertThat(lines.get(1)).endsWith("needs write-hybrid  [needs write-hybrid]");
    assertThat(err.toString()).contains("2 checks of 2 rules");
  }

  @Test
  void noTemporaryFileIsLeft() throws Exception {
    run().run(settings(List.of("good", "bad", "broken"), List.of(), false));
    try (Stream<Path> s = Files.list(temp())) {
      assertThat(s).isEmpty();
    }
  }

  Path temp() {
    try {
      return Files.createDirectories(dir.resolve("tmp"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
