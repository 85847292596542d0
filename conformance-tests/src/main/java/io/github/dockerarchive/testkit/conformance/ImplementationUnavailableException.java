package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/**
 * An implementation cannot run on this machine (its tool is not installed, its daemon needs root or
 * does not start). Thrown by {@link ImplementationProvider#create}; a run then reports the
 * implementation as skipped, every check not applicable with this reason, instead of as an error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImplementationUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * An implementation that cannot run here.
   *
   * @param message why, and what would make it available (install a package, run as root)
   */
  public ImplementationUnavailableException(String message) {
    super(message);
  }

  /**
   * An implementation that cannot run here, for a failure while starting it.
   *
   * @param message why, and what would make it available
   * @param cause the failure
   */
  public ImplementationUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
