package io.github.dockerarchive.testkit.hostile;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a correct reader (and the {@code inspect}, {@code verify} and {@code copy} commands built on
 * it) must do with one {@link HostileCase}.
 *
 * @param outcome valid, valid-but-verify-reports, or rejected
 * @param rule the rule the input breaks (null for a valid input)
 * @param type the exception type a correct reader throws (null unless rejected)
 * @param fragment text the error message must contain, compared ignoring case (null unless
 *     rejected)
 * @param stage where the error surfaces: opening, first use of an image, or reading a blob
 * @param images for a readable input, the number of {@code manifest.json} items
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Expectation(
    Outcome outcome,
    String rule,
    Class<? extends ArchiveException> type,
    String fragment,
    FailureStage stage,
    int images) {

  /** The three kinds of outcome. */
  public enum Outcome {
    /** Odd but legal: every image reads fully, with correct digests, and verify is clean. */
    VALID,
    /** Every image reads fully, but {@code verify} reports an error with {@link #rule()}. */
    VERIFY_REPORTS,
    /**
     * A typed error of {@link #type()} naming the fault ({@link #fragment()}) at {@link #stage()}.
     */
    REJECT
  }

  /**
   * Checks the combination.
   *
   * @param outcome valid, valid-but-verify-reports, or rejected
   * @param rule the rule the input breaks (null for a valid input)
   * @param type the exception type a correct reader throws (null unless rejected)
   * @param fragment text the error message must contain, compared ignoring case (null unless
   *     rejected)
   * @param stage where the error surfaces: opening, first use of an image, or reading a blob
   * @param images for a readable input, the number of {@code manifest.json} items
   */
  public Expectation {
    Objects.requireNonNull(outcome);
    if (outcome == Outcome.REJECT) {
      Objects.requireNonNull(type);
      Objects.requireNonNull(fragment);
      Objects.requireNonNull(stage);
    }
  }

  /**
   * A legal input.
   *
   * @param images how many items {@code manifest.json} holds
   * @return the expectation
   */
  public static Expectation valid(int images) {
    return new Expectation(Outcome.VALID, null, null, null, null, images);
  }

  /**
   * An input that reads fully, but that {@code verify} must report.
   *
   * @param rule the rule verify cites
   * @param images how many items {@code manifest.json} holds
   * @return the expectation
   */
  public static Expectation verifyReports(String rule, int images) {
    return new Expectation(Outcome.VERIFY_REPORTS, rule, null, null, null, images);
  }

  /**
   * An input a correct reader refuses.
   *
   * @param rule the rule broken ({@link ArchiveException#rule()})
   * @param type the exception type
   * @param fragment text the message contains
   * @param stage where the error surfaces
   * @return the expectation
   */
  public static Expectation reject(
      String rule, Class<? extends ArchiveException> type, String fragment, FailureStage stage) {
    return new Expectation(Outcome.REJECT, rule, type, fragment, stage, -1);
  }

  /**
   * Whether the input must be refused.
   *
   * @return true for {@link Outcome#REJECT}
   */
  public boolean rejects() {
    return outcome == Outcome.REJECT;
  }

  @Override
  public String toString() {
    return rejects()
        ? "reject "
            + type.getSimpleName()
            + " ["
            + rule
            + "] at "
            + stage
            + ": \""
            + fragment
            + "\""
        : outcome + " (" + images + " image" + (images == 1 ? "" : "s") + ")";
  }
}
