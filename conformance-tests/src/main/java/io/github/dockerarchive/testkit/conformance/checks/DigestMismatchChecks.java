package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.List;

/**
 * Checks of WR-2, WR-3, WR-10, WR-11: digest-mismatch deletion and what a failed write leaves
 * behind.
 */
public final class DigestMismatchChecks {
  private DigestMismatchChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of();
  }
}
