package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.List;

/**
 * Checks of ARC: tar variants, item keys, dialects (DIA), names, per-layer compression, links,
 * duplicates.
 */
public final class ArchiveFormatChecks {
  private ArchiveFormatChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of();
  }
}
