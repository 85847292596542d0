package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/** The reader or writer was already closed when it was used (RD-5). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ArchiveClosedException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public ArchiveClosedException(String rule, String message) {
    super(rule, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public ArchiveClosedException(String rule, String message, Throwable cause) {
    super(rule, message, cause);
  }
}
