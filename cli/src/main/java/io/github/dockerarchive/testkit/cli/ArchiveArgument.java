package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.reference.ArchiveReference;

/**
 * An archive named on the command line: a plain path, or {@code docker-archive:PATH[:REF|:@N]}
 * (REF-1). A plain path may contain colons; the transport form splits at the first one.
 */
final class ArchiveArgument {
  static final String TRANSPORT = "docker-archive:";

  private ArchiveArgument() {}

  static ArchiveReference parse(String argument) throws InvalidReferenceException {
    if (argument.startsWith(TRANSPORT)) {
      return ArchiveReference.parseTransport(argument);
    }
    return new ArchiveReference(argument, null, -1);
  }

  static boolean selects(ArchiveReference reference) {
    return reference.reference() != null || reference.index() >= 0;
  }
}
