package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * A blob was asked for by a digest that is neither the config digest nor a diffID of the image
 * (SRC-6).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class UnknownBlobException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public UnknownBlobException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public UnknownBlobException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
