package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/**
 * A rule of docs/rules.md.
 *
 * @param id the rule's ID ({@code SEL-3})
 * @param level its level
 * @param summary a one-line summary
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Rule(String id, Level level, String summary) {
  /**
   * Whether a selector names this rule: its ID ({@code SEL-1}) or the group it belongs to ({@code
   * SEL}).
   *
   * @param selector a rule ID or group
   * @return true if it names this rule
   */
  public boolean selectedBy(String selector) {
    return id.equals(selector) || id.startsWith(selector + "-");
  }
}
