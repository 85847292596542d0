package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/** The level of a rule in docs/rules.md: how a breach is reported. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Level {
  /** Required of every implementation: a breach is a failure. */
  MUST,
  /** Expected: a breach is a warning. */
  SHOULD,
  /** What the reference does, kept for compatibility ({@code reference-compat} profile). */
  REF,
  /**
   * Where the reference is wrong and this project does better: the reference's breach is a known
   * deviation.
   */
  FIX;

  /**
   * Whether a failure at this level fails an implementation (MUST and FIX).
   *
   * @return true for MUST and FIX
   */
  public boolean gates() {
    return this == MUST || this == FIX;
  }
}
