package io.github.dockerarchive.testkit.reference;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A {@code docker-archive:PATH[:REF|:@INDEX]} transport reference (rule REF-1), as containers/image
 * {@code docker/archive} parses it: a path, and either a tagged Docker reference or a zero-based
 * index into the archive's {@code manifest.json}, or neither.
 *
 * <p>Use {@link #parse(String)}, {@link #parseTransport(String)}, {@link #of(String,
 * DockerReference)} or {@link #ofIndex(String, int)}, which apply the checks of the reference
 * implementation; the canonical constructor checks only that the path is present.
 *
 * @param path the archive path; it never contains a colon when made by the factories, and may be
 *     empty (an empty path fails only when it is opened)
 * @param reference the tagged reference without a digest, or {@code null}
 * @param index the manifest index, or {@code -1} when there is none
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ArchiveReference(String path, DockerReference reference, int index) {

  /** The transport name. */
  public static final String TRANSPORT = "docker-archive";

  /** The transport prefix, {@code docker-archive:}. */
  public static final String TRANSPORT_PREFIX = TRANSPORT + ":";

  /** The {@link #index()} of a reference without an index. */
  public static final int NO_INDEX = -1;

  private static final String RULE = "REF-1";

  /**
   * Checks that the path is present.
   *
   * @param path the archive path
   * @param reference the tagged reference, or {@code null}
   * @param index the manifest index, or {@code -1}
   */
  public ArchiveReference {
    Objects.requireNonNull(path, "path");
  }

  /**
   * Parses the part after {@code docker-archive:}, as Go's {@code ParseReference} does: the text is
   * split at its first colon, so the path can never contain one; {@code @N} after the colon is an
   * index (Go {@code strconv.Atoi}: {@code +5} and {@code 007} are accepted); anything else is a
   * Docker reference, normalised, which gets the tag {@code latest} when it has none and must not
   * have a digest.
   *
   * <p>One difference from the 64-bit reference implementation: an index above {@link
   * Integer#MAX_VALUE} is refused here as "value out of range", where Go would accept it and fail
   * when the archive is opened.
   *
   * @param withinTransport the text after the transport prefix, for example {@code
   *     /tmp/a.tar:busybox} or {@code /tmp/a.tar:@1}
   * @return the reference
   * @throws InvalidReferenceException with the reference implementation's texts: {@code
   *     docker-archive reference isn't of the form <path>[:<reference>]} (empty input), {@code
   *     Invalid source index @<rest>: strconv.Atoi: parsing "<rest>": invalid syntax} or {@code
   *     ...: value out of range}, {@code Invalid source index @<n>: must not be negative}, {@code
   *     docker-archive parsing reference: <error>} (rule REF-2, the Docker parse error as cause),
   *     {@code reference does not include a tag: <ref>} (digest only), {@code docker-archive
   *     doesn't support digest references: <ref>} (tag and digest)
   */
  public static ArchiveReference parse(String withinTransport) throws InvalidReferenceException {
    Objects.requireNonNull(withinTransport, "withinTransport");
    if (withinTransport.isEmpty()) {
      throw error(
          "docker-archive reference "
              + withinTransport
              + " isn't of the form <path>[:<reference>]");
    }
    int colon = withinTransport.indexOf(':');
    if (colon < 0) {
      return create(withinTransport, null, NO_INDEX);
    }
    String path = withinTransport.substring(0, colon);
    String tagOrIndex = withinTransport.substring(colon + 1);
    if (tagOrIndex.startsWith("@")) {
      return create(path, null, parseIndex(tagOrIndex));
    }
    DockerReference parsed;
    try {
      parsed = DockerReference.parseNormalized(tagOrIndex);
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException(
          DockerReferenceParser.RULE, "docker-archive parsing reference: " + e.getMessage(), e);
    }
    DockerReference tagged = parsed.withDefaultTag();
    if (!tagged.hasTag()) {
      // withDefaultTag leaves a reference with a digest alone.
      throw error("reference does not include a tag: " + tagged.canonical());
    }
    return create(path, tagged, NO_INDEX);
  }

  /**
   * Parses a full transport reference, {@code docker-archive:} followed by what {@link
   * #parse(String)} accepts.
   *
   * @param s the text, for example {@code docker-archive:/tmp/a.tar:busybox:1.36}
   * @return the reference
   * @throws InvalidReferenceException when the {@code docker-archive:} prefix is missing, or as
   *     {@link #parse(String)}
   */
  public static ArchiveReference parseTransport(String s) throws InvalidReferenceException {
    Objects.requireNonNull(s, "s");
    if (!s.startsWith(TRANSPORT_PREFIX)) {
      throw error(
          "Invalid image name "
              + GoStrconv.quote(s)
              + ", expected the transport prefix "
              + GoStrconv.quote(TRANSPORT_PREFIX));
    }
    return parse(s.substring(TRANSPORT_PREFIX.length()));
  }

  /**
   * Go's {@code NewReference(path, namedTagged)}: a reference with a tag, or with neither tag nor
   * index, and index {@code -1}.
   *
   * @param path the archive path; must not contain a colon
   * @param tagged a reference with a tag and without a digest, or {@code null}
   * @return the reference
   * @throws InvalidReferenceException {@code Invalid docker-archive: reference: colon in path "<p>"
   *     is not supported}; {@code docker-archive doesn't support digest references: <ref>}; {@code
   *     reference does not include a tag: <ref>} (Go's types make that case impossible)
   */
  public static ArchiveReference of(String path, DockerReference tagged)
      throws InvalidReferenceException {
    return create(path, tagged, NO_INDEX);
  }

  /**
   * Go's {@code NewIndexReference(path, index)}: a reference to the item at a zero-based index of
   * {@code manifest.json}.
   *
   * @param path the archive path; must not contain a colon
   * @param index the index, at least 0
   * @return the reference
   * @throws InvalidReferenceException {@code invalid call to NewIndexReference with negative index
   *     <i>}, or {@code Invalid docker-archive: reference: colon in path "<p>" is not supported}
   */
  public static ArchiveReference ofIndex(String path, int index) throws InvalidReferenceException {
    if (index < 0) {
      throw error("invalid call to NewIndexReference with negative index " + index);
    }
    return create(path, null, index);
  }

  /**
   * The shared constructor of the reference implementation ({@code newReference}), with its checks
   * in its order. Package-private so that tests can reach the combinations the public factories
   * rule out.
   */
  static ArchiveReference create(String path, DockerReference tagged, int index)
      throws InvalidReferenceException {
    Objects.requireNonNull(path, "path");
    if (path.indexOf(':') >= 0) {
      throw error(
          "Invalid docker-archive: reference: colon in path "
              + GoStrconv.quote(path)
              + " is not supported");
    }
    if (tagged != null && index != NO_INDEX) {
      throw error("Invalid docker-archive: reference: cannot use both a tag and a source index");
    }
    if (tagged != null && tagged.hasDigest()) {
      throw error("docker-archive doesn't support digest references: " + tagged.canonical());
    }
    if (tagged != null && !tagged.hasTag()) {
      throw error("reference does not include a tag: " + tagged.canonical());
    }
    if (index < NO_INDEX) {
      throw error("Invalid docker-archive: reference: index @" + index + " must not be negative");
    }
    return new ArchiveReference(path, tagged, index);
  }

  /** {@code @N}: Go's {@code strconv.Atoi}, then the sign check. */
  private static int parseIndex(String tagOrIndex) throws InvalidReferenceException {
    String digits = tagOrIndex.substring(1);
    long value;
    try {
      value = GoStrconv.atoi(digits);
    } catch (GoStrconv.NumError e) {
      throw error("Invalid source index " + tagOrIndex + ": " + e.getMessage());
    }
    if (value > Integer.MAX_VALUE) {
      // Go's int is 64 bits wide; a Java index is not. Reported in strconv's words.
      throw error(
          "Invalid source index "
              + tagOrIndex
              + ": strconv.Atoi: parsing "
              + GoStrconv.quote(digits)
              + ": value out of range");
    }
    if (value < 0) {
      throw error("Invalid source index @" + value + ": must not be negative");
    }
    return (int) value;
  }

  /**
   * Refuses an index, which only a source can use, as Go's {@code NewImageDestination} does.
   *
   * @return this reference, when it has no index
   * @throws InvalidReferenceException {@code Destination reference must not contain a manifest
   *     index @<n>}
   */
  public ArchiveReference forWriting() throws InvalidReferenceException {
    if (index != NO_INDEX) {
      throw error("Destination reference must not contain a manifest index @" + index);
    }
    return this;
  }

  /**
   * Whether the reference names a manifest index.
   *
   * @return true if {@link #index()} is not {@code -1}
   */
  public boolean hasIndex() {
    return index != NO_INDEX;
  }

  /**
   * Go's {@code StringWithinTransport}: {@code path}, {@code path:<canonical reference>} or {@code
   * path:@<index>}. {@link #parse(String)} of the result gives an equal reference.
   *
   * @return for example {@code /p:docker.io/library/busybox:notlatest}
   */
  public String stringWithinTransport() {
    if (reference != null) {
      return path + ":" + reference.canonical();
    }
    if (index != NO_INDEX) {
      return path + ":@" + index;
    }
    return path;
  }

  /**
   * The full transport reference.
   *
   * @return {@code docker-archive:} followed by {@link #stringWithinTransport()}
   */
  @Override
  public String toString() {
    return TRANSPORT_PREFIX + stringWithinTransport();
  }

  private static InvalidReferenceException error(String message) {
    return new InvalidReferenceException(RULE, message);
  }
}
