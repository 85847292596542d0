package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * The bytes are not a well-formed (possibly compressed) tar: a bad header, a truncated entry, a
 * lying size, a decompression failure (ARC-1, SAFE-4).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MalformedArchiveException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public MalformedArchiveException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public MalformedArchiveException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
