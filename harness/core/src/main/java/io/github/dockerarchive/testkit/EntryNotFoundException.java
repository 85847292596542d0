package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * An entry the archive needs (such as {@code manifest.json}, a config or a layer) is not in it
 * (RD-4).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class EntryNotFoundException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public EntryNotFoundException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public EntryNotFoundException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
