package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-made results of two implementations over six checks that cover every verdict, independent of
 * the suite's real checks.
 */
final class SampleResults {
  /** What a tool printed: markup and a control character that must stay data. */
  static final String HOSTILE =
      "expected 1 item, got 2 <script>document.title='pwned'</script>"
          + " <img src=x onerror=\"document.title='pwned'\"> & ]]> \u001b[31m";

  static final Check TAR = check("ARC-1", "tar-formats", "ustar, PAX and GNU headers are read");
  static final Check ONE = check("SEL-1", "neither-one-image", "no selector, one image");
  static final Check FIX = check("SRC-4", "fixed-behaviour", "a FIX rule");
  static final Check SHOULD = check("SRC-9", "should-rule", "a SHOULD rule");
  static final Check HYBRID =
      new Check(
          "WR-12/hybrid",
          io.github.dockerarchive.testkit.conformance.Rules.byId("WR-12"),
          "writes the hybrid layout",
          Set.of(Capability.WRITE_HYBRID),
          false,
          c -> {});
  static final Check REF = check("SEL-5", "ref-behaviour", "a REF rule");

  private SampleResults() {}

  static Check check(String rule, String name, String title) {
    return Check.of(rule, name, title, Set.of(), c -> {});
  }

  static CheckResult result(Check check, String impl, Status status, String reason) {
    return result(check, impl, status, reason, false);
  }

  static CheckResult result(
      Check check, String impl, Status status, String reason, boolean deviation) {
    String repro =
        status == Status.PASS ? "" : impl + " copy docker-archive:/tmp/x.tar oci:/tmp/out\n  -> no";
    return new CheckResult(check, impl, status, reason, repro, deviation, Duration.ofMillis(1234));
  }

  /**
   * builtin: PASS, PASS, PASS, WARN, PASS, ERR (gated); skopeo: PASS, FAIL, DEV, PASS, n/a, PASS.
   */
  static ConformanceResults twoImplementations() {
    ImplementationResults builtin =
        new ImplementationResults(
            "builtin",
            true,
            false,
            EnumSet.allOf(Capability.class),
            List.of(
                result(TAR, "builtin", Status.PASS, ""),
                result(ONE, "builtin", Status.PASS, ""),
                result(FIX, "builtin", Status.PASS, ""),
                result(SHOULD, "builtin", Status.FAIL, "should have warned"),
                result(HYBRID, "builtin", Status.PASS, ""),
                result(REF, "builtin", Status.ERROR, "the suite failed: java.io.IOException: x")));
    ImplementationResults skopeo =
        new ImplementationResults(
            "skopeo",
            false,
            true,
            EnumSet.of(Capability.READ, Capability.WRITE),
            List.of(
                result(TAR, "skopeo", Status.PASS, ""),
                result(ONE, "skopeo", Status.FAIL, HOSTILE),
                result(FIX, "skopeo", Status.FAIL, "the reference's way", true),
                result(SHOULD, "skopeo", Status.PASS, ""),
                result(HYBRID, "skopeo", Status.UNSUPPORTED, "needs write-hybrid"),
                result(REF, "skopeo", Status.PASS, "")));
    return new ConformanceResults(
        Instant.parse("2025-01-02T03:04:05Z"), Duration.ofSeconds(42), List.of(builtin, skopeo));
  }
}
