package io.github.dockerarchive.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckSelectionTest {
  private static final Check CHECK = Check.of("SEL-1", "some-check", "a check", Set.of(), c -> {});

  @Test
  void aCheckIsSelectedByItsRuleItsGroupOrItsOwnId() {
    assertThat(CHECK.selectedBy("SEL-1")).isTrue();
    assertThat(CHECK.selectedBy("SEL")).isTrue();
    assertThat(CHECK.selectedBy("SEL-1/some-check")).isTrue();
  }

  @Test
  void prefixesThatAreNoGroupOtherRulesAndOtherChecksSelectNothing() {
    assertThat(CHECK.selectedBy("SE")).isFalse();
    assertThat(CHECK.selectedBy("SEL-10")).isFalse();
    assertThat(CHECK.selectedBy("SEL-1/other")).isFalse();
    assertThat(CHECK.selectedBy("SEL-1/some")).isFalse();
    assertThat(CHECK.selectedBy("ARC")).isFalse();
  }

  @Test
  void aRuleIsSelectedByItsIdOrGroupOnly() {
    Rule rule = Rules.byId("SEL-1");
    assertThat(rule.selectedBy("SEL-1")).isTrue();
    assertThat(rule.selectedBy("SEL")).isTrue();
    assertThat(rule.selectedBy("SEL-1/some-check")).isFalse();
    assertThat(rule.selectedBy("SEL-")).isFalse();
  }
}
