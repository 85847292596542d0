package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * An entry name or link that would leave the archive (absolute, {@code ..}), or a link chain that
 * loops or is too long (ARC-4, ARC-6, SAFE-2).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class UnsafeEntryException extends MalformedArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public UnsafeEntryException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public UnsafeEntryException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
