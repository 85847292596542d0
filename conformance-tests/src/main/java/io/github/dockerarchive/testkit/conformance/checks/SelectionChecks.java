package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.List;

/**
 * Checks of SEL and REF: choosing an image by tag, by index or neither; reference syntax and
 * normalisation.
 */
public final class SelectionChecks {
  private SelectionChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of();
  }
}
