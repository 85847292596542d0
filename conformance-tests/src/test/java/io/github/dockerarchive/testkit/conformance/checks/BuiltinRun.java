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

/**
 * Runs a group of checks against the built-in implementation and asserts that all pass and leave no
 * scratch directory behind.
 */
final class BuiltinRun {
  private BuiltinRun() {}

  /**
   * Runs the checks in a work directory and asserts every result is PASS, listing the others.
   *
   * @param checks the checks
   * @param work an empty directory
   * @return the results
   */
  static List<CheckResult> requireAllPass(List<Check> checks, Path work) throws Exception {
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
            .collect(Collectors.joining("\n\n"));
    assertThat(failures).as("checks that did not pass against builtin").isEmpty();
    assertThat(results).hasSize(checks.size());
    assertThat(work.resolve("builtin")).as("scratch directories left behind").isEmptyDirectory();
    return results;
  }
}
