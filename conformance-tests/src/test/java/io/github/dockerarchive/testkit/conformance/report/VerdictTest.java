package io.github.dockerarchive.testkit.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void statusLevelAndDeviationGiveTheVerdict() {
    assertThat(Verdict.of(SampleResults.result(SampleResults.ONE, "x", Status.PASS, "")))
        .isEqualTo(Verdict.PASS);
    assertThat(Verdict.of(SampleResults.result(SampleResults.ONE, "x", Status.FAIL, "r")))
        .isEqualTo(Verdict.FAIL);
    assertThat(Verdict.of(SampleResults.result(SampleResults.FIX, "x", Status.FAIL, "r")))
        .isEqualTo(Verdict.FAIL);
    assertThat(Verdict.of(SampleResults.result(SampleResults.FIX, "x", Status.FAIL, "r", true)))
        .isEqualTo(Verdict.DEV);
    assertThat(Verdict.of(SampleResults.result(SampleResults.SHOULD, "x", Status.FAIL, "r")))
        .isEqualTo(Verdict.WARN);
    assertThat(Verdict.of(SampleResults.result(SampleResults.REF, "x", Status.FAIL, "r")))
        .isEqualTo(Verdict.WARN);
    assertThat(Verdict.of(SampleResults.result(SampleResults.ONE, "x", Status.UNSUPPORTED, "r")))
        .isEqualTo(Verdict.NA);
    assertThat(Verdict.of(SampleResults.result(SampleResults.ONE, "x", Status.ERROR, "r")))
        .isEqualTo(Verdict.ERR);
  }

  @Test
  void aCellShowsTheWorstVerdict() {
    assertThat(Verdict.worst(List.of(Verdict.PASS, Verdict.NA))).isEqualTo(Verdict.PASS);
    assertThat(Verdict.worst(List.of(Verdict.PASS, Verdict.WARN, Verdict.DEV)))
        .isEqualTo(Verdict.DEV);
    assertThat(Verdict.worst(List.of(Verdict.DEV, Verdict.FAIL))).isEqualTo(Verdict.FAIL);
    assertThat(Verdict.worst(List.of(Verdict.FAIL, Verdict.ERR))).isEqualTo(Verdict.ERR);
    assertThat(Verdict.worst(List.of())).isEqualTo(Verdict.NA);
  }

  @Test
  void theRunPassesOnlyWithoutErrorsAndWithoutGatedFailures() {
    ConformanceResults sample = SampleResults.twoImplementations();
    // builtin has an ERROR
    assertThat(sample.passes()).isFalse();
    assertThat(sample.implementations().get(0).gatingFailures())
        .extracting(r -> r.check().id())
        .containsExactly("SEL-5/ref-behaviour");
    // skopeo fails SEL-1 but is report-only; its FIX failure is a known deviation
    ImplementationResults skopeo = sample.implementations().get(1);
    assertThat(skopeo.gatingFailures())
        .extracting(r -> r.check().id())
        .containsExactly("SEL-1/neither-one-image");
    ConformanceResults peersOnly =
        new ConformanceResults(sample.started(), sample.duration(), List.of(skopeo));
    assertThat(peersOnly.passes()).isTrue();
  }
}
