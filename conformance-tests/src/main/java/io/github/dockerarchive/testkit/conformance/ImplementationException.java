package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/**
 * An implementation refused or failed a copy. For negative checks this is the expected outcome; the
 * {@link Kind} tells a clean refusal from a crash or a hang.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImplementationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How the implementation failed. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /**
     * A clean, reported error: a checked exception, or a command's non-zero exit with a message.
     */
    REFUSED,
    /** An unchecked exception or error, or a command killed by a signal. */
    CRASHED,
    /** No answer within the time allowed; the work was stopped. */
    TIMED_OUT
  }

  /** How the implementation failed. */
  private final Kind kind;

  /**
   * An implementation failure.
   *
   * @param kind how it failed
   * @param message what the implementation said (its exception message or last lines of stderr)
   * @param cause the exception, for Java implementations, or null
   */
  public ImplementationException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /**
   * How the implementation failed.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
