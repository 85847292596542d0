package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.List;

/**
 * Checks of SRC: the image an archive serves: manifest, media types, sizes, verification, shared
 * layers.
 */
public final class SourceChecks {
  private SourceChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of();
  }
}
