package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * A Docker reference, a digest or a transport reference could not be parsed or is not allowed here
 * (REF-1, REF-2).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class InvalidReferenceException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public InvalidReferenceException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public InvalidReferenceException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
