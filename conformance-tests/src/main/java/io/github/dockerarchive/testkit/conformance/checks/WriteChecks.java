package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.List;

/**
 * Checks of WR: writing, layouts, headers, multi-image archives, tags; write and read round trips.
 */
public final class WriteChecks {
  private WriteChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of();
  }
}
