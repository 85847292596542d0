package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.SkopeoProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    List<Check> checks = new ArrayList<>();
    for (List<Check> family :
        List.of(
            ArcChecks.checks(),
            ReadChecks.checks(),
            SelectionChecks.checks(),
            SourceChecks.checks(),
            ReferenceChecks.checks(),
            DialectChecks.checks())) {
      // the reads of hand-made, synthetic and real archives; hostile input and generated specs
      // have their own runs
      family.stream()
          .filter(c -> !c.requires().contains(Capability.WRITE))
          .filter(c -> !c.id().contains("/hostile-") && !c.id().contains("/generated-"))
          .forEach(checks::add);
    }
    ArchiveImplementation created;
    try {
      created =
          new SkopeoProvider()
              .create(
                  new ImplementationSettings(
                      Files.createDirectories(work.resolve("skopeo")), Duration.ofSeconds(30)));
    } catch (Exception e) {
      abort("skopeo is not available, the reference run is skipped: " + e.getMessage());
      return;
    }
    List<CheckResult> results;
    try (ArchiveImplementation skopeo = created) {
      results =
          ConformanceRunner.run(
              checks, skopeo, ConformanceRunner.Options.in(work.resolve("checks")));
    }
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
