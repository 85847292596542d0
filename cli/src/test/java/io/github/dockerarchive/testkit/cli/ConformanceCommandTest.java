package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.adapters.Implementations;
import io.github.dockerarchive.testkit.conformance.runner.ConformanceRun;
import io.github.dockerarchive.testkit.conformance.runner.FakeImplementation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConformanceCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int dockerarchive(String... args) {
    return DockerArchiveCli.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void theToolFindsTheCommandThroughItsServiceRegistration() {
    assertThat(dockerarchive("--help")).isZero();
    assertThat(out.toString()).containsPattern("\\n  conformance +Judge docker-archive");
    assertThat(dockerarchive("conformance", "--help")).isZero();
    assertThat(out.toString()).contains("--impl=NAME").contains("--keep-failures");
  }

  @Test
  void unknownImplementationsAndRulesAreBadUsage() {
    assertThat(dockerarchive("conformance", "--impl", "no-such-tool", "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--impl no-such-tool: unknown implementation")
        .contains("builtin");
    assertThat(dockerarchive("conformance", "--rules", "NOPE-1", "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("\"NOPE-1\" is no rule ID");
    assertThat(dockerarchive("conformance", "--check-timeout", "0")).isEqualTo(2);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void listNeedsNoImplementation() {
    assertThat(dockerarchive("conformance", "--list", "--impl", "no-such-tool")).isZero();
    assertThat(err.toString()).containsPattern("\\d+ checks of \\d+ rules");
  }

  @Test
  void optionsReachTheRun() {
    List<String> createdNames = new ArrayList<>();
    List<Check> suite =
        List.of(
            Check.of("SEL-1", "a", "passes", Set.of(), c -> {}),
            Check.of(
                "SEL-2",
                "b",
                "fails",
                Set.of(),
                c -> {
                  throw new CheckFailure("broken");
                }),
            Check.of("ARC-1", "c", "not selected", Set.of(), c -> {}));
    ConformanceRun.Factory factory =
        (name, settings) -> {
          createdNames.add(name);
          return new Implementations.Selected(new FakeImplementation(name, false), true);
        };
    CommandLine cli = new CommandLine(new ConformanceCommand(() -> suite, factory).spec);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    Path results = dir.resolve("results");

    // report-only implementations: the failure is reported, the run passes
    int code =
        cli.execute(
            "--impl", "one", "--impl", "two", "--rules", "SEL", "--out", results.toString());
    assertThat(code).isZero();
    assertThat(createdNames).containsExactly("one", "two");
    assertThat(out.toString()).containsPattern("SEL-2\\s+MUST\\s+FAIL\\s+FAIL");
    assertThat(out.toString()).doesNotContain("ARC-1");
    assertThat(results.resolve("report.html")).isRegularFile();

    // --gate makes one count; --keep-failures keeps its inputs under --out
    code =
        cli.execute(
            "--impl=one",
            "--gate=one",
            "--rules=SEL-1,SEL-2",
            "--keep-failures",
            "--out=" + results);
    assertThat(code).isEqualTo(1);
    assertThat(results.resolve("failures/one/SEL-2_b")).isDirectory();
  }
}
