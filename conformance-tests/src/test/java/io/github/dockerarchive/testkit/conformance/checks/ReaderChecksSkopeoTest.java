package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader checks against skopeo (the reference): the suite itself must not fail on any of them
 * (no ERROR), and the reference must pass the checks whose behaviour it is known to have. Prints
 * the outcome of every check, which shows where the reference deviates.
 */
class ReaderChecksSkopeoTest {
  @TempDir Path work;

  @Test
  void readerChecksAgainstSkopeo() throws Exception {
    assumeTrue(SkopeoProbe.available(), "skopeo is not installed; the reference run is skipped");
    List<Check> checks = new ArrayList<>();
    checks.addAll(ArchiveFormatChecks.checks());
    checks.addAll(SelectionChecks.checks());
    checks.addAll(SourceChecks.checks());
    checks.addAll(CorpusChecks.checks());
    List<CheckResult> results =
        ConformanceRunner.run(checks, new SkopeoProbe(), ConformanceRunner.Options.in(work));
    String table =
        results.stream()
            .map(
                r ->
                    String.format(
                        "%-60s %-6s %-11s%s %s",
                        r.check().id(),
                        r.level(),
                        r.status(),
                        r.knownDeviation() ? " (known deviation)" : "",
                        r.reason()))
            .collect(Collectors.joining("\n"));
    System.out.println("Reader checks against skopeo:\n" + table);
    assertThat(results)
        .as("checks the suite itself failed on:\n" + table)
        .noneMatch(r -> r.status() == Status.ERROR);
    assertThat(results)
        .filteredOn(r -> r.check().id().startsWith("SEL-"))
        .as("the reference's own selection behaviour:\n" + table)
        .allMatch(r -> r.status() == Status.PASS);
  }
}
