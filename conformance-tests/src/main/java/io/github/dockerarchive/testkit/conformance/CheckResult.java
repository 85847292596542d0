package io.github.dockerarchive.testkit.conformance;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The outcome of one check against one implementation.
 *
 * @param check the check
 * @param implementation the implementation's name
 * @param status the outcome
 * @param reason why, in one line (empty when it passed)
 * @param reproduction how to reproduce it: the inputs kept and the commands run
 * @param knownDeviation true for a failure of a FIX rule by an implementation built on the
 *     reference: the reference's known behaviour, not a new failure
 * @param time how long the check took
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CheckResult(
    Check check,
    String implementation,
    Status status,
    String reason,
    String reproduction,
    boolean knownDeviation,
    Duration time) {

  /**
   * The rule's ID.
   *
   * @return the ID
   */
  public String ruleId() {
    return check.rule().id();
  }

  /**
   * The rule's level.
   *
   * @return the level
   */
  public Level level() {
    return check.rule().level();
  }

  /**
   * Whether this result fails the implementation: a FAIL of a MUST or FIX rule that is not a known
   * deviation, or an ERROR.
   *
   * @return true when it counts against the implementation
   */
  public boolean gates() {
    return status == Status.ERROR || (status == Status.FAIL && level().gates() && !knownDeviation);
  }
}
