package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader checks (archive format, selection, source, real corpus) against the built-in
 * implementation: every one of them must pass, and none may leave its scratch directory behind.
 */
class ReaderChecksTest {
  @TempDir Path work;

  @Test
  void archiveFormatChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(ArchiveFormatChecks.checks());
  }

  @Test
  void selectionChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(SelectionChecks.checks());
  }

  @Test
  void sourceChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(SourceChecks.checks());
  }

  @Test
  void corpusChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(CorpusChecks.checks());
  }

  private void assertAllPass(List<Check> checks) throws Exception {
    assertThat(checks).isNotEmpty();
    List<CheckResult> results;
    try (BuiltinImplementation builtin = new BuiltinImplementation()) {
      results = ConformanceRunner.run(checks, builtin, ConformanceRunner.Options.in(work));
    }
    String failures =
        results.stream()
            .filter(r -> r.status() != Status.PASS)
            .map(
                r ->
                    r.check().id()
                        + " "
                        + r.status()
                        + ": "
                        + r.reason()
                        + "\n  "
                        + r.reproduction().replace("\n", "\n  "))
            .collect(Collectors.joining("\n"));
    assertThat(results).hasSize(checks.size());
    assertThat(failures).as("checks that did not pass against builtin").isEmpty();
    assertThat(work.resolve("builtin")).isEmptyDirectory();
  }
}
