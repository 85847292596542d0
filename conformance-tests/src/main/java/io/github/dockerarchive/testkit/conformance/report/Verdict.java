package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.CheckResult;
import java.util.Collection;
import org.apiguardian.api.API;

/**
 * How a result is shown in the reports: its status, refined by the rule's level and by known
 * deviations. The constants are ordered from the worst to the best, so that a cell of several
 * checks shows the worst of them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Verdict {
  /** The suite itself failed (status ERROR). */
  ERR("ERR", "the suite itself failed"),
  /** A MUST or FIX rule is broken. */
  FAIL("FAIL", "a MUST or FIX rule is broken"),
  /** A FIX rule is broken by an implementation built on the reference: the reference's way. */
  DEV("DEV", "known deviation of the reference (a FIX rule)"),
  /** A SHOULD (or REF) rule is broken: a warning. */
  WARN("WARN", "a SHOULD or REF rule is not met (warning)"),
  /** The rule holds. */
  PASS("PASS", "passed"),
  /** The implementation does not claim what the check needs. */
  NA("n/a", "unsupported: the implementation does not claim what the check needs");

  private final String label;
  private final String description;

  Verdict(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /**
   * The short label of the matrix ({@code PASS}, {@code FAIL}, {@code DEV}, {@code WARN}, {@code
   * n/a}, {@code ERR}).
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * What the verdict means, for legends.
   *
   * @return one line
   */
  public String description() {
    return description;
  }

  /**
   * The verdict of one result.
   *
   * @param result a check's result
   * @return its verdict
   */
  public static Verdict of(CheckResult result) {
    return switch (result.status()) {
      case PASS -> PASS;
      case UNSUPPORTED -> NA;
      case ERROR -> ERR;
      case FAIL -> {
        if (result.knownDeviation()) {
          yield DEV;
        }
        yield result.level().gates() ? FAIL : WARN;
      }
    };
  }

  /**
   * The worst of several verdicts.
   *
   * @param verdicts the verdicts
   * @return the worst, or {@link #NA} when there are none
   */
  public static Verdict worst(Collection<Verdict> verdicts) {
    return verdicts.stream().min(Enum::compareTo).orElse(NA);
  }
}
