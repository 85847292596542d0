package io.github.dockerarchive.testkit.digest;

import io.github.dockerarchive.testkit.ArchiveException;
import org.apiguardian.api.API;

/**
 * Bytes did not hash to the digest they were supposed to have, or their count differed from the
 * expected size (SRC-7, WR-2). Names the blob, the expected and the actual values.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class DigestMismatchException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  private final transient Digest expected;
  private final transient Digest actual;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, such as {@code "SRC-7"}
   * @param what what was being read or written, for example {@code layer "abc.tar"}
   * @param expected the digest the bytes should have had
   * @param actual the digest the bytes had
   */
  public DigestMismatchException(String rule, String what, Digest expected, Digest actual) {
    super(rule, "Digest mismatch for " + what + ": expected " + expected + ", got " + actual);
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * Creates a size-mismatch exception (the digest could not be compared because the byte count
   * already disagrees).
   *
   * @param rule the rule ID
   * @param message the full message, naming the blob, the expected and the actual size
   * @param expected the expected digest, or {@code null}
   */
  public DigestMismatchException(String rule, String message, Digest expected) {
    super(rule, message);
    this.expected = expected;
    this.actual = null;
  }

  /**
   * The digest the bytes should have had.
   *
   * @return the expected digest, or {@code null} if unknown
   */
  public Digest expected() {
    return expected;
  }

  /**
   * The digest the bytes actually had.
   *
   * @return the actual digest, or {@code null} when the failure was a size mismatch
   */
  public Digest actual() {
    return actual;
  }
}
