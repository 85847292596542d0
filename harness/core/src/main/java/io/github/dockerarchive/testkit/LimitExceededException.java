package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * A size limit was exceeded: {@code manifest.json}, a config, or a decompressed size (RD-3,
 * SAFE-3).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class LimitExceededException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public LimitExceededException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public LimitExceededException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
