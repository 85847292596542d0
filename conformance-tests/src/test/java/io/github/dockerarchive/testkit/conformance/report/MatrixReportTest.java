package io.github.dockerarchive.testkit.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixReportTest {
  @Test
  void oneRowPerRuleInRulesOrderWithTheWorstVerdictPerImplementation() {
    List<String> lines = MatrixReport.render(SampleResults.twoImplementations()).lines().toList();
    assertThat(lines.get(0).split("\\s+")).containsExactly("rule", "level", "builtin", "skopeo");
    assertThat(lines.get(1)).matches("[- ]+");
    // docs/rules.md order: ARC, SEL, SRC, WR
    assertThat(lines.subList(2, 8).stream().map(l -> List.of(l.split("\\s+"))).toList())
        .containsExactly(
            List.of("ARC-1", "MUST", "PASS", "PASS"),
            List.of("SEL-1", "MUST", "PASS", "FAIL"),
            List.of("SEL-5", "REF", "ERR", "PASS"),
            List.of("SRC-4", "FIX", "PASS", "DEV"),
            List.of("SRC-9", "SHOULD", "WARN", "PASS"),
            List.of("WR-12", "SHOULD", "PASS", "n/a"));
  }

  @Test
  void totalsPerVerdictAndOutcomePerImplementation() {
    String text = MatrixReport.render(SampleResults.twoImplementations());
    assertThat(text).containsPattern("checks\\s+ERR\\s+1\\s+0\\n");
    assertThat(text).containsPattern("checks\\s+FAIL\\s+0\\s+1\\n");
    assertThat(text).containsPattern("checks\\s+PASS\\s+4\\s+3\\n");
    assertThat(text).containsPattern("checks\\s+n/a\\s+0\\s+1\\n");
    assertThat(text).containsPattern("outcome\\s+FAILS\\s+fails \\(report only\\)\\n");
  }
}
