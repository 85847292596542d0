package io.github.dockerarchive.testkit.internal;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Releasing several things where each must be tried even when an earlier one fails: closing a
 * stream and deleting its file, deleting a temporary file and a staging directory.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Cleanup {
  private Cleanup() {}

  /** One thing to release. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  @FunctionalInterface
  public interface Step {
    /**
     * Releases it.
     *
     * @throws IOException when it cannot be released
     */
    void run() throws IOException;
  }

  /**
   * Runs every step, in order, whatever the earlier ones threw.
   *
   * @param steps what to release
   * @throws IOException the first step's failure, with the later ones suppressed in it
   */
  public static void all(Step... steps) throws IOException {
    IOException failure = null;
    for (Step step : steps) {
      try {
        step.run();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Runs every step, in order, after {@code cause} made them necessary; what they throw is
   * suppressed in {@code cause}, which the caller then throws.
   *
   * @param cause the failure being reported
   * @param steps what to release
   */
  public static void after(Exception cause, Step... steps) {
    for (Step step : steps) {
      try {
        step.run();
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
