package io.github.dockerarchive.testkit.conformance;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One executable check of a rule.
 *
 * @param id a unique, stable ID: the rule's ID, a slash and a short name ({@code SEL-2/short-name})
 * @param rule the rule it checks
 * @param title what is checked, in one line
 * @param requires the capabilities the implementation must claim
 * @param needsJavaApi whether it needs {@link ArchiveImplementation#javaApi()}
 * @param body the check itself
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Check(
    String id, Rule rule, String title, Set<Capability> requires, boolean needsJavaApi, Body body) {

  /**
   * Checks the shape: the ID starts with the rule's ID.
   *
   * @param id a unique, stable ID: the rule's ID, a slash and a short name ({@code
   *     SEL-2/short-name})
   * @param rule the rule it checks
   * @param title what is checked, in one line
   * @param requires the capabilities the implementation must claim
   * @param needsJavaApi whether it needs {@link ArchiveImplementation#javaApi()}
   * @param body the check itself
   */
  public Check {
    Objects.requireNonNull(body, "body");
    requires = requires.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requires));
    if (!id.startsWith(rule.id() + "/")) {
      throw new IllegalArgumentException("check ID " + id + " must start with " + rule.id() + "/");
    }
  }

  /**
   * A check that works through copies.
   *
   * @param ruleId the rule's ID
   * @param name a short name, unique within the rule
   * @param title what is checked
   * @param requires the capabilities needed
   * @param body the check
   * @return the check
   */
  public static Check of(
      String ruleId, String name, String title, Set<Capability> requires, Body body) {
    return new Check(ruleId + "/" + name, Rules.byId(ruleId), title, requires, false, body);
  }

  /**
   * A check that needs the implementation's Java API.
   *
   * @param ruleId the rule's ID
   * @param name a short name, unique within the rule
   * @param title what is checked
   * @param body the check
   * @return the check
   */
  public static Check javaApi(String ruleId, String name, String title, Body body) {
    return new Check(ruleId + "/" + name, Rules.byId(ruleId), title, Set.of(), true, body);
  }

  /**
   * Whether a selector names this check: its rule's ID ({@code SEL-1}), the rule's group ({@code
   * SEL}) or the check's own ID ({@code SEL-1/name}), as {@code --rules} takes them.
   *
   * @param selector a rule ID, group or check ID
   * @return true if it names this check
   */
  public boolean selectedBy(String selector) {
    return rule.selectedBy(selector) || id.equals(selector);
  }

  /** The body of a check: it returns to pass, and throws {@link CheckFailure} to fail. */
  @FunctionalInterface
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public interface Body {
    /**
     * Runs the check.
     *
     * @param context the implementation, a scratch directory and helpers
     * @throws CheckFailure when the implementation breaks the rule
     * @throws Exception when the suite itself fails (reported as ERROR)
     */
    void run(CheckContext context) throws Exception;
  }
}
