package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/** Thrown by a check when the implementation breaks the rule; the message is the reason. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CheckFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A failure.
   *
   * @param reason what the implementation did instead, in one line
   */
  public CheckFailure(String reason) {
    super(reason);
  }
}
