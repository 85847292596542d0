package io.github.dockerarchive.testkit.archive;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link ArchiveVerifier} found.
 *
 * @param imageCount the number of items in {@code manifest.json}
 * @param loadedImages how many of them loaded (config and layer list readable)
 * @param layerEntries how many distinct layer entries were hashed
 * @param problems every problem, errors and warnings, in archive order
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VerificationReport(
    int imageCount, int loadedImages, int layerEntries, List<Problem> problems) {

  /**
   * Copies the list.
   *
   * @param imageCount the number of items in {@code manifest.json}
   * @param loadedImages how many of them loaded (config and layer list readable)
   * @param layerEntries how many distinct layer entries were hashed
   * @param problems every problem, errors and warnings, in archive order
   */
  public VerificationReport {
    problems = List.copyOf(problems);
  }

  /**
   * Whether everything holds: no problem of severity {@link Severity#ERROR}.
   *
   * @return true when the archive is valid (warnings allowed)
   */
  public boolean isValid() {
    return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
  }

  /** How serious a problem is. */
  public enum Severity {
    /** The archive breaks a MUST rule: readers fail or return wrong data. */
    ERROR,
    /** Readers disagree on the archive (for example duplicate names, ARC-7). */
    WARNING
  }

  /**
   * One problem.
   *
   * @param severity error or warning
   * @param rule the rule ID broken, or null
   * @param image the manifest item index, or -1 for the archive as a whole
   * @param message what is wrong, naming the entry and the expected and actual values
   */
  public record Problem(Severity severity, String rule, int image, String message) {
    /**
     * One line for terminals: {@code ERROR SRC-7 image @0: ...}.
     *
     * @return the formatted problem
     */
    public String format() {
      return severity
          + " "
          + (rule == null ? "-" : rule)
          + (image >= 0 ? " image @" + image : " archive")
          + ": "
          + message;
    }
  }
}
