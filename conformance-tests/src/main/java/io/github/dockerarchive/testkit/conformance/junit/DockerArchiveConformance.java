package io.github.dockerarchive.testkit.conformance.junit;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.Rule;
import io.github.dockerarchive.testkit.conformance.checks.ConformanceSuite;
import io.github.dockerarchive.testkit.conformance.report.ConformanceResults;
import io.github.dockerarchive.testkit.conformance.report.ImplementationResults;
import io.github.dockerarchive.testkit.conformance.report.Reports;
import io.github.dockerarchive.testkit.conformance.report.Verdict;
import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite as JUnit 5 tests, for an implementation in the user's own build (the
 * Reactive Streams TCK model): subclass it in your test sources and create your implementation.
 *
 * <pre>{@code
 * class MyArchiverConformanceTest extends DockerArchiveConformance {
 *   @Override
 *   protected ArchiveImplementation createImplementation() {
 *     return new MyArchiverAdapter();
 *   }
 * }
 * }</pre>
 *
 * <p>Every check becomes one dynamic test, grouped by rule. A check that passes passes; a broken
 * MUST or FIX rule fails with the reason and the reproduction ({@code AssertionFailedError}); a
 * check the implementation does not support (a capability it does not claim), a known deviation of
 * the reference and, by default, an unmet SHOULD or REF rule are aborted (skipped) with the reason,
 * so they show without failing the build ({@link #strictness()} makes the last ones fail); a check
 * whose harness failed ends in an error ({@code IllegalStateException}).
 *
 * <p>The implementation is created once, before the first check, and closed after the last. Only
 * {@code junit-jupiter-api} is needed on the test class path besides this module.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class DockerArchiveConformance {
  /** How a failed SHOULD or REF rule (a warning) is reported. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Strictness {
    /** Aborted with the warning: shown as skipped, does not fail the build (the default). */
    WARN,
    /** Failed, like a MUST rule. */
    STRICT
  }

  /** For subclasses. */
  protected DockerArchiveConformance() {}

  /**
   * Creates the implementation under test; it is closed after the last check.
   *
   * @return a new implementation
   * @throws Exception when it cannot be set up (the test factory then fails)
   */
  protected abstract ArchiveImplementation createImplementation() throws Exception;

  /**
   * The rules to check: rule IDs ({@code SEL-1}), groups ({@code SEL}) or check IDs; empty (the
   * default) for all.
   *
   * @return the rules
   */
  protected List<String> rules() {
    return List.of();
  }

  /**
   * The checks to run; by default those of {@link #rules()} from {@link ConformanceSuite}.
   *
   * @return the checks, in order
   */
  protected List<Check> checks() {
    return ConformanceSuite.checks(rules());
  }

  /**
   * How failed SHOULD and REF rules are reported.
   *
   * @return {@link Strictness#WARN} by default
   */
  protected Strictness strictness() {
    return Strictness.WARN;
  }

  /**
   * The time one check may take before it fails.
   *
   * @return ten minutes by default
   */
  protected Duration checkTimeout() {
    return Duration.ofMinutes(10);
  }

  /**
   * A directory for the reports of the run ({@code results.json}, {@code junit.xml}, {@code
   * report.html}, written after the last check) and the inputs of failed checks ({@code
   * failures/}); none by default, or the system property {@code dockerarchive.conformance.out}.
   *
   * @return the directory, if reports are wanted
   */
  protected Optional<Path> reportDirectory() {
    return Optional.ofNullable(System.getProperty("dockerarchive.conformance.out")).map(Path::of);
  }

  /**
   * The suite: one container per rule, one test per check.
   *
   * @return the dynamic tests; closing the stream (JUnit does, after the last test) closes the
   *     implementation and removes the scratch directory
   * @throws Exception when the implementation cannot be created
   */
  @TestFactory
  public final Stream<DynamicNode> conformance() throws Exception {
    List<Check> checks = checks();
    Optional<Path> reports = reportDirectory();
    Path temp = Files.createTempDirectory("dockerarchive-conformance-");
    ArchiveImplementation implementation;
    try {
      implementation = createImplementation();
    } catch (Exception | Error e) {
      FileTrees.delete(temp);
      throw e;
    }
    Path workRoot = reports.map(r -> r.resolve("failures")).orElse(temp);
    ConformanceRunner.Options options =
        new ConformanceRunner.Options(workRoot, reports.isPresent(), checkTimeout(), result -> {});
    List<CheckResult> results = Collections.synchronizedList(new ArrayList<>());
    Instant started = Instant.now();

    Map<Rule, List<DynamicNode>> byRule = new LinkedHashMap<>();
    for (Check check : checks) {
      byRule
          .computeIfAbsent(check.rule(), r -> new ArrayList<>())
          .add(
              DynamicTest.dynamicTest(
                  check.id() + ": " + check.title(),
                  () -> {
                    CheckResult result = ConformanceRunner.runOne(check, implementation, options);
                    results.add(result);
                    report(result);
                  }));
    }
    List<DynamicNode> containers = new ArrayList<>();
    byRule.forEach(
        (rule, tests) ->
            containers.add(
                DynamicContainer.dynamicContainer(
                    rule.id() + " [" + rule.level() + "] " + rule.summary(), tests)));
    return containers.stream()
        .onClose(
            () -> {
              try {
                implementation.close();
              } catch (Exception e) {
                throw new IllegalStateException("closing " + implementation.name() + " failed", e);
              } finally {
                try {
                  FileTrees.delete(temp);
                  if (reports.isPresent()) {
                    Reports.writeAll(
                        new ConformanceResults(
                            started,
                            Duration.between(started, Instant.now()),
                            List.of(
                                new ImplementationResults(
                                    implementation.name(),
                                    true,
                                    implementation.basedOnReference(),
                                    implementation.capabilities(),
                                    List.copyOf(results)))),
                        reports.get());
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            });
  }

  /** Turns a result into the test's outcome. */
  private void report(CheckResult result) {
    String details = details(result);
    switch (Verdict.of(result)) {
      case PASS -> {}
      case FAIL -> Assertions.fail(details);
      case ERR ->
          throw new IllegalStateException("the suite failed, not the implementation: " + details);
      case DEV -> Assumptions.abort("known deviation of the reference: " + details);
      case NA -> Assumptions.abort("unsupported: " + result.reason());
      case WARN -> {
        String message = result.level() + " rule not met: " + details;
        if (strictness() == Strictness.STRICT) {
          Assertions.fail(message);
        }
        Assumptions.abort("warning, " + message);
      }
    }
  }

  private static String details(CheckResult result) {
    String text = result.ruleId() + " (" + result.level() + "): " + result.reason();
    if (result.reproduction().isEmpty()) {
      return text;
    }
    return text + "\nreproduction:\n  " + result.reproduction().replace("\n", "\n  ");
  }
}
