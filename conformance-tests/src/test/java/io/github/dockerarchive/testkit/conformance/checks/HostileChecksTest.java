package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile-input checks, against our own implementation: every one passes. */
@DisplayName("HostileChecks: SAFE-*, RD-3, RD-4, ARC-6 against the built-in implementation")
class HostileChecksTest {
  @TempDir Path work;

  @Test
  @DisplayName("every input of the corpus read with the default options is a check of its rule")
  void everyCorpusCaseIsACheck() {
    List<Check> checks = HostileChecks.checks();
    Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());
    assertThat(ids).hasSameSizeAs(checks);
    for (HostileCase c : HostileCorpus.cases()) {
      if (c.defaultOptions()) {
        assertThat(ids).contains(HostileChecks.ruleOf(c) + "/hostile-" + c.name());
      }
    }
    Set<String> rules = new HashSet<>();
    checks.forEach(c -> rules.add(c.rule().id()));
    assertThat(rules).contains("SAFE-1", "SAFE-2", "SAFE-3", "SAFE-4", "RD-3", "RD-4", "ARC-6");
  }

  @Test
  @DisplayName("the built-in implementation passes every hostile check")
  void builtinPassesEverything() throws Exception {
    List<CheckResult> results;
    try (BuiltinImplementation builtin = new BuiltinImplementation()) {
      results =
          ConformanceRunner.run(
              HostileChecks.checks(), builtin, ConformanceRunner.Options.in(work));
    }
    List<String> notPassed =
        results.stream()
            .filter(r -> r.status() != Status.PASS)
            .map(r -> r.check().id() + " " + r.status() + ": " + r.reason())
            .toList();
    assertThat(notPassed).as("hostile checks that did not pass").isEmpty();
    assertThat(results).hasSameSizeAs(HostileChecks.checks());
  }
}
