package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hostile corpus's inputs as checks, each in the class of its rule's family. */
@DisplayName("HostileInputs: every corpus input is a check of its rule, in its family's class")
class HostileInputsTest {
  @Test
  @DisplayName("every input of the corpus read with the default options is a check of its rule")
  void everyCorpusCaseIsACheck() {
    List<Check> checks = ConformanceSuite.checks();
    Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());
    int cases = 0;
    for (HostileCase c : HostileCorpus.cases()) {
      if (c.defaultOptions()) {
        cases++;
        assertThat(ids).contains(HostileInputs.ruleOf(c) + "/hostile-" + c.name());
      }
    }
    assertThat(checks.stream().filter(c -> c.id().contains("/hostile-")))
        .as("one check per input, none other")
        .hasSize(cases);
    Set<String> rules = new HashSet<>();
    checks.stream()
        .filter(c -> c.id().contains("/hostile-"))
        .forEach(c -> rules.add(c.rule().id()));
    assertThat(rules).contains("SAFE-1", "SAFE-2", "SAFE-3", "SAFE-4", "RD-3", "RD-4", "ARC-6");
  }

  @Test
  @DisplayName("a family takes the inputs of its rules only")
  void aFamilyTakesItsInputsOnly() {
    for (String family : List.of("ARC", "RD", "SEL", "SRC", "WR", "REF", "DIA", "SAFE")) {
      assertThat(HostileInputs.checksUnder(family))
          .allSatisfy(c -> assertThat(c.rule().id()).startsWith(family + "-"));
    }
    assertThat(HostileInputs.checksUnder("SAFE")).isNotEmpty();
    assertThat(SafetyChecks.checks())
        .extracting(Check::id)
        .containsAll(HostileInputs.checksUnder("SAFE").stream().map(Check::id).toList());
  }
}
