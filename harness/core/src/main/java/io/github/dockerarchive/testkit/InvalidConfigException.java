package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * An image config is unusable: not a JSON object, no {@code rootfs}, a wrong type, or a layer count
 * that disagrees with the manifest (SRC-2).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class InvalidConfigException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public InvalidConfigException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public InvalidConfigException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
