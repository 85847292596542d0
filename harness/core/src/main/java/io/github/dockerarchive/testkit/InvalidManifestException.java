package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * {@code manifest.json} is not a valid array of items: bad JSON (ARC-2) or a value of the wrong
 * type (ARC-11).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class InvalidManifestException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public InvalidManifestException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public InvalidManifestException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
