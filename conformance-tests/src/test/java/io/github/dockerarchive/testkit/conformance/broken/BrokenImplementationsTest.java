package io.github.dockerarchive.testkit.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.conformance.checks.ConformanceSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite is tested too: the whole suite runs against implementations that each break one rule.
 * Each must be caught by a check of that rule, and by no check of an unrelated rule (a failure of
 * another rule must be in the defect's short, justified list); the clean implementation must pass
 * every MUST and FIX check.
 */
@DisplayName("The suite catches deliberately broken implementations, each by its own rule")
class BrokenImplementationsTest {
  @TempDir Path work;

  static Stream<BrokenImplementation> broken() {
    return Stream.of(
        new SkipsLayerVerification(),
        new LastTagMatch(),
        new IgnoresLayerCompression(),
        new NonAtomicWriter(),
        new FollowsEscapingLinks(),
        new SkipsBlobVerification(),
        new DropsRepeatedImage(),
        new ShortTags(),
        new IndexBoundOffByOne(),
        new LeavesTemporaryFiles());
  }

  @Test
  @DisplayName("the built-in implementation fails no MUST or FIX check and errs in none")
  void builtinPassesTheSuite() throws Exception {
    List<CheckResult> results;
    try (BuiltinImplementation builtin = new BuiltinImplementation()) {
      results = ConformanceRunner.run(ConformanceSuite.checks(), builtin, options());
    }
    System.out.println(
        "slowest checks: "
            + results.stream()
                .sorted(java.util.Comparator.comparing(CheckResult::time).reversed())
                .limit(8)
                .map(r -> r.check().id() + " " + r.time().toMillis() + " ms")
                .toList());
    assertThat(describe(results.stream().filter(CheckResult::gates).toList()))
        .as("checks the built-in implementation fails")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void caughtByItsRuleAndNoUnrelatedOne(BrokenImplementation broken) throws Exception {
    List<CheckResult> results;
    try (broken) {
      results = ConformanceRunner.run(ConformanceSuite.checks(), broken, options());
    }
    List<CheckResult> failed = results.stream().filter(r -> r.status() == Status.FAIL).toList();
    System.out.println(broken + " is caught by:");
    failed.forEach(r -> System.out.println("  " + r.check().id() + ": " + r.reason()));
    assertThat(failed)
        .as("%s: no check of %s fails", broken, broken.brokenRule())
        .anyMatch(r -> r.ruleId().equals(broken.brokenRule()));
    Set<String> allowed = new HashSet<>(broken.relatedRules().keySet());
    allowed.add(broken.brokenRule());
    assertThat(
            describe(
                failed.stream()
                    .filter(r -> !allowed.contains(r.ruleId()) && !allowed.contains(r.check().id()))
                    .toList()))
        .as("%s: checks of unrelated rules fail", broken)
        .isEmpty();
    assertThat(describe(results.stream().filter(r -> r.status() == Status.ERROR).toList()))
        .as("%s: checks where the suite itself failed", broken)
        .isEmpty();
  }

  /**
   * Two minutes per check: the slowest check of the built-in implementation takes seconds, and a
   * defect that makes a check hang must not cost the default ten minutes.
   */
  private ConformanceRunner.Options options() {
    return new ConformanceRunner.Options(work, false, Duration.ofMinutes(2), r -> {});
  }

  private static List<String> describe(List<CheckResult> results) {
    return results.stream()
        .map(r -> r.check().id() + " " + r.status() + ": " + r.reason())
        .toList();
  }
}
