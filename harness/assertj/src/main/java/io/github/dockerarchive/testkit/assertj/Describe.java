package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import java.nio.file.Path;

/** Names archives in failure messages the way readers name them. */
final class Describe {
  private Describe() {}

  /** For example {@code archive "/tmp/app.tar"}. */
  static String file(Path path) {
    return "archive \"" + path + "\"";
  }

  /** The reader's own description: {@code archive "/tmp/app.tar"} or {@code archive stream}. */
  static String reader(ArchiveReader reader) {
    return reader.imageSource(null, -1).describe();
  }
}
