package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.reference.DockerReference;

/**
 * How producers spell a tag from the spec: containers/image fully qualified, Docker familiar. A tag
 * that does not parse as a Docker reference is stored exactly as written, so specs can hold
 * deliberately odd tags.
 */
final class Tags {
  private Tags() {}

  /** A parsed tag: repository name and tag, or null when the text is not a tagged reference. */
  record Parsed(DockerReference reference) {
    String qualifiedName() {
      return reference.name();
    }

    String familiarName() {
      return new DockerReference(reference.domain(), reference.path(), null, null).familiar();
    }

    String tag() {
      return reference.tag();
    }
  }

  /** Parses a spec tag, adding {@code latest} when no tag is given; null if it cannot be parsed. */
  static Parsed parse(String text) {
    try {
      DockerReference r = DockerReference.parseNormalized(text).withDefaultTag();
      return r.hasDigest() || !r.hasTag() ? null : new Parsed(r);
    } catch (InvalidReferenceException | RuntimeException e) {
      return null;
    }
  }

  /** {@code busybox} becomes {@code docker.io/library/busybox:latest}. */
  static String qualified(String text) {
    Parsed p = parse(text);
    return p == null ? text : p.reference().canonical();
  }

  /** {@code docker.io/library/busybox} becomes {@code busybox:latest}. */
  static String familiar(String text) {
    Parsed p = parse(text);
    return p == null ? text : p.reference().familiar();
  }
}
