package io.github.dockerarchive.testkit.reference;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.digest.Digest;
import java.util.Locale;

/**
 * Go's {@code reference.ParseNormalizedNamed} and the {@code reference.Parse} it calls ({@code
 * distribution/reference} v0.6, as vendored into containers/image), with Go's error texts. Every
 * error carries rule REF-2.
 */
final class DockerReferenceParser {

  static final String RULE = "REF-2";
  static final String DEFAULT_DOMAIN = "docker.io";
  static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
  static final String OFFICIAL_REPO_PREFIX = "library/";
  static final String LOCALHOST = "localhost";

  /**
   * The longest repository path. Since distribution/reference v0.6 (PR #9) the domain is not
   * counted.
   */
  static final int MAX_PATH_LENGTH = 255;

  private DockerReferenceParser() {}

  /** {@code ParseNormalizedNamed}. */
  static DockerReference parseNormalized(String s) throws InvalidReferenceException {
    if (ReferenceGrammar.isIdentifier(s)) {
      throw error(
          "invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings");
    }
    String[] split = splitDockerDomain(s);
    String domain = split[0];
    String remainder = split[1];
    int tagSeparator = remainder.indexOf(':');
    String remote = tagSeparator >= 0 ? remainder.substring(0, tagSeparator) : remainder;
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      throw error("invalid reference format: repository name (" + remote + ") must be lowercase");
    }
    return parse(domain + "/" + remainder);
  }

  /**
   * {@code splitDockerDomain}: the first component is a domain if it is {@code localhost}, contains
   * {@code .} or {@code :}, or has an upper-case letter; otherwise the domain is docker.io.
   * One-part names on docker.io get {@code library/}.
   */
  private static String[] splitDockerDomain(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new String[] {DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name};
    }
    String maybeDomain = name.substring(0, slash);
    String maybeRemote = name.substring(slash + 1);
    String domain;
    String remote;
    if (maybeDomain.equals(LOCALHOST)) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else if (maybeDomain.equals(LEGACY_DEFAULT_DOMAIN)) {
      domain = DEFAULT_DOMAIN;
      remote = maybeRemote;
    } else if (maybeDomain.indexOf('.') >= 0 || maybeDomain.indexOf(':') >= 0) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else if (!maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else {
      domain = DEFAULT_DOMAIN;
      remote = name;
    }
    if (domain.equals(DEFAULT_DOMAIN) && remote.indexOf('/') < 0) {
      remote = OFFICIAL_REPO_PREFIX + remote;
    }
    return new String[] {domain, remote};
  }

  /** {@code reference.Parse}, for a string that always has a name. */
  private static DockerReference parse(String s) throws InvalidReferenceException {
    if (s.isEmpty()) {
      throw error("repository name must have at least one component");
    }
    ReferenceGrammar.Parts parts = ReferenceGrammar.match(s);
    if (parts == null) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (!lower.equals(s) && ReferenceGrammar.match(lower) != null) {
        throw error("repository name must be lowercase");
      }
      throw error("invalid reference format");
    }
    if (parts.path().length() > MAX_PATH_LENGTH) {
      throw error("repository name must not be more than " + MAX_PATH_LENGTH + " characters");
    }
    Digest digest = parts.digest() == null ? null : parseDigest(parts.digest());
    return new DockerReference(parts.domain(), parts.path(), parts.tag(), digest);
  }

  /** go-digest's {@code Parse}: its errors carry no input text, so neither do these. */
  private static Digest parseDigest(String text) throws InvalidReferenceException {
    try {
      return Digest.parse(text);
    } catch (InvalidReferenceException e) {
      String message = e.getMessage();
      String suffix = ": \"" + text + "\"";
      if (message != null && message.endsWith(suffix)) {
        message = message.substring(0, message.length() - suffix.length());
      }
      throw new InvalidReferenceException(RULE, message, e);
    }
  }

  private static InvalidReferenceException error(String message) {
    return new InvalidReferenceException(RULE, message);
  }
}
