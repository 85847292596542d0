package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.SpecJson;

/**
 * Specs as JSON: read for {@link SyntheticArchive#spec()}, written beside a kept archive to replay
 * it.
 */
final class SpecFiles {
  private SpecFiles() {}

  /**
   * Parses a JSON spec.
   *
   * @param json the text
   * @return the spec
   * @throws Exception if it is not a valid spec
   */
  static ArchiveSpec parse(String json) throws Exception {
    return SpecJson.fromJson(json);
  }

  /**
   * Formats a spec as JSON.
   *
   * @param spec the spec
   * @return the text
   */
  static String format(ArchiveSpec spec) {
    return SpecJson.toJson(spec);
  }
}
