package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.reference.DockerReference;

/** The few references the archive tests use, parsed once. */
final class DockerReferences {
  private DockerReferences() {}

  static DockerReference busybox() {
    try {
      return DockerReference.parseNormalized("busybox:latest");
    } catch (io.github.dockerarchive.testkit.InvalidReferenceException e) {
      throw new IllegalStateException(e);
    }
  }
}
