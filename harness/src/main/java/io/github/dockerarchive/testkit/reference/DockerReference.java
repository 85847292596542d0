package io.github.dockerarchive.testkit.reference;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.digest.Digest;

/** TEMPORARY STUB until the real parser lands. */
public record DockerReference(String domain, String path, String tag, Digest digest) {
  public static DockerReference parseNormalized(String s) throws InvalidReferenceException {
    if (!s.equals(s.toLowerCase()))
      throw new InvalidReferenceException(
          "REF-2", "invalid reference format: repository name must be lowercase");
    String tag = null;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
    }
    int slash = s.indexOf('/');
    String domain = "docker.io";
    String rest = s;
    if (slash >= 0
        && (s.substring(0, slash).contains(".")
            || s.substring(0, slash).contains(":")
            || s.substring(0, slash).equals("localhost"))) {
      domain = s.substring(0, slash);
      rest = s.substring(slash + 1);
    }
    if (domain.equals("index.docker.io")) domain = "docker.io";
    if (domain.equals("docker.io") && !rest.contains("/")) rest = "library/" + rest;
    return new DockerReference(domain, rest, tag, null);
  }

  public DockerReference withDefaultTag() {
    return tag == null && digest == null ? new DockerReference(domain, path, "latest", null) : this;
  }

  public String name() {
    return domain + "/" + path;
  }

  public String canonical() {
    return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
