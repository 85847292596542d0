package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/**
 * Thrown by a check when the implementation cannot take part (found out while running, for example
 * a dialect it declares it does not read); reported as UNSUPPORTED with the reason.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CheckUnsupported extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * An unsupported check.
   *
   * @param reason why the check does not apply
   */
  public CheckUnsupported(String reason) {
    super(reason);
  }
}
