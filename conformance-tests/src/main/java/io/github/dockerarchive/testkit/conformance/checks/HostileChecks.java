package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.List;

/** Checks of SAFE, RD-3, RD-4: hostile and malformed input. */
public final class HostileChecks {
  private HostileChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of();
  }
}
