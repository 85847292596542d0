package io.github.dockerarchive.testkit.reference;

import io.github.dockerarchive.testkit.InvalidReferenceException;

/** TEMPORARY STUB until the real parser lands. */
public record ArchiveReference(String path, DockerReference reference, int index) {
  public static ArchiveReference parse(String s) throws InvalidReferenceException {
    int c = s.indexOf(':');
    if (c < 0) return new ArchiveReference(s, null, -1);
    String rest = s.substring(c + 1);
    if (rest.startsWith("@"))
      return new ArchiveReference(s.substring(0, c), null, Integer.parseInt(rest.substring(1)));
    return new ArchiveReference(
        s.substring(0, c), DockerReference.parseNormalized(rest).withDefaultTag(), -1);
  }

  public static ArchiveReference parseTransport(String s) throws InvalidReferenceException {
    return parse(s.substring("docker-archive:".length()));
  }
}
