package io.github.dockerarchive.testkit.reference;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.digest.Digest;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A Docker image reference as Go's {@code distribution/reference.ParseNormalizedNamed} returns it
 * (rule REF-2): a domain, a repository path, and an optional tag and digest.
 *
 * <p>Use {@link #parseNormalized(String)} to make one from text; the canonical constructor checks
 * only that the domain and path are present and does not validate the grammar.
 *
 * @param domain the registry, for example {@code docker.io} or {@code localhost:5000}; {@code ""}
 *     in the rare case where Go's grammar reads the whole name as a path (a first component such as
 *     {@code foo_bar.com} that contains a dot but is not a valid host name)
 * @param path the repository path, for example {@code library/busybox}
 * @param tag the tag, or {@code null}
 * @param digest the digest, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DockerReference(String domain, String path, String tag, Digest digest) {

  /** The tag {@link #withDefaultTag()} adds. */
  public static final String DEFAULT_TAG = "latest";

  /**
   * Checks that the domain and path are present.
   *
   * @param domain the registry, or {@code ""}
   * @param path the repository path
   * @param tag the tag, or {@code null}
   * @param digest the digest, or {@code null}
   */
  public DockerReference {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(path, "path");
  }

  /**
   * Parses and normalises a reference as {@code ParseNormalizedNamed} does: a missing registry is
   * {@code docker.io} ({@code index.docker.io} becomes {@code docker.io} too), a one-part name on
   * docker.io gets {@code library/}, and the repository must be lower case. No default tag is
   * added; see {@link #withDefaultTag()}.
   *
   * <p>The path may be at most 255 characters long; the domain does not count
   * (distribution/reference v0.6, which containers/image vendors).
   *
   * @param s the reference, for example {@code busybox}, {@code localhost:5000/x:y} or {@code
   *     example.com/ns/foo@sha256:...}
   * @return the normalised reference
   * @throws InvalidReferenceException (rule REF-2) with Go's text, for example {@code invalid
   *     reference format}, {@code invalid reference format: repository name (library/Foo) must be
   *     lowercase}, {@code invalid repository name (<hex>), cannot specify 64-byte hexadecimal
   *     strings}, {@code repository name must not be more than 255 characters}, or a go-digest
   *     error such as {@code invalid checksum digest length}
   */
  public static DockerReference parseNormalized(String s) throws InvalidReferenceException {
    Objects.requireNonNull(s, "s");
    return DockerReferenceParser.parseNormalized(s);
  }

  /**
   * Go's {@code TagNameOnly}: adds the tag {@code latest} when there is neither a tag nor a digest.
   *
   * @return this reference, or a copy with the tag {@code latest}
   */
  public DockerReference withDefaultTag() {
    return tag == null && digest == null
        ? new DockerReference(domain, path, DEFAULT_TAG, null)
        : this;
  }

  /**
   * Whether the reference has a tag.
   *
   * @return true if {@link #tag()} is not {@code null}
   */
  public boolean hasTag() {
    return tag != null;
  }

  /**
   * Whether the reference has a digest.
   *
   * @return true if {@link #digest()} is not {@code null}
   */
  public boolean hasDigest() {
    return digest != null;
  }

  /**
   * The repository name: domain and path.
   *
   * @return for example {@code docker.io/library/busybox}
   */
  public String name() {
    return domain.isEmpty() ? path : domain + "/" + path;
  }

  /**
   * The full reference, as Go's {@code String()} prints a normalised reference: {@code
   * name[:tag][@digest]}.
   *
   * @return for example {@code docker.io/library/busybox:latest}
   */
  public String canonical() {
    return withSuffixes(name());
  }

  /**
   * Go's {@code FamiliarString}: the reference without {@code docker.io/}, and without {@code
   * library/} when a single component follows it.
   *
   * @return for example {@code busybox:latest}, {@code foo/bar} or {@code localhost:5000/x:y}
   */
  public String familiar() {
    if (!domain.equals(DockerReferenceParser.DEFAULT_DOMAIN)) {
      return canonical();
    }
    String familiarPath = path;
    if (path.startsWith(DockerReferenceParser.OFFICIAL_REPO_PREFIX)) {
      String remainder = path.substring(DockerReferenceParser.OFFICIAL_REPO_PREFIX.length());
      if (remainder.indexOf('/') < 0) {
        familiarPath = remainder;
      }
    }
    return withSuffixes(familiarPath);
  }

  private String withSuffixes(String name) {
    StringBuilder out = new StringBuilder(name);
    if (tag != null) {
      out.append(':').append(tag);
    }
    if (digest != null) {
      out.append('@').append(digest);
    }
    return out.toString();
  }

  /**
   * The canonical form.
   *
   * @return {@link #canonical()}
   */
  @Override
  public String toString() {
    return canonical();
  }

  /**
   * Equal when all four parts are. Written out rather than generated: a record's generated methods
   * are bootstrapped on first use, which costs a short command (such as {@code dockerarchive copy},
   * which keys its tags by reference) milliseconds of start-up.
   *
   * @param other the object to compare
   * @return whether it is a reference with the same domain, path, tag and digest
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof DockerReference r
        && domain.equals(r.domain)
        && path.equals(r.path)
        && Objects.equals(tag, r.tag)
        && Objects.equals(digest, r.digest);
  }

  /**
   * A hash of the four parts, consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(domain, path, tag, digest);
  }
}
