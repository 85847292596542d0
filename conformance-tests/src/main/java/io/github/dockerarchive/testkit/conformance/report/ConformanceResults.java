package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.Rule;
import io.github.dockerarchive.testkit.conformance.Rules;
import io.github.dockerarchive.testkit.conformance.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Everything a conformance run found: what the reports are made of.
 *
 * @param started when the run started
 * @param duration how long it took
 * @param implementations the results per implementation, in the order they were run
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConformanceResults(
    Instant started, Duration duration, List<ImplementationResults> implementations) {

  /**
   * Copies the list.
   *
   * @param started when the run started
   * @param duration how long it took
   * @param implementations the results per implementation, in the order they were run
   */
  public ConformanceResults {
    implementations = List.copyOf(implementations);
  }

  /**
   * The checks that were run (by any implementation), in order of first appearance.
   *
   * @return the checks, each once
   */
  public List<Check> checks() {
    Map<String, Check> checks = new LinkedHashMap<>();
    for (ImplementationResults i : implementations) {
      for (CheckResult r : i.results()) {
        checks.putIfAbsent(r.check().id(), r.check());
      }
    }
    return List.copyOf(checks.values());
  }

  /**
   * The rules with at least one check in the run, in the order of docs/rules.md (rules unknown to
   * the catalog last, in order of appearance).
   *
   * @return the rules, each once
   */
  public List<Rule> rules() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (Check c : checks()) {
      rules.putIfAbsent(c.rule().id(), c.rule());
    }
    List<String> order = Rules.all().stream().map(Rule::id).toList();
    List<Rule> sorted = new ArrayList<>(rules.values());
    sorted.sort(
        Comparator.comparingInt(
            r -> order.contains(r.id()) ? order.indexOf(r.id()) : order.size()));
    return List.copyOf(sorted);
  }

  /**
   * The checks of a rule that were run.
   *
   * @param rule the rule
   * @return its checks, in order
   */
  public List<Check> checks(Rule rule) {
    return checks().stream().filter(c -> c.rule().id().equals(rule.id())).toList();
  }

  /**
   * Whether the run succeeds: no ERROR in any implementation, and every gated implementation passes
   * every MUST and FIX check (known deviations excepted).
   *
   * @return true when the run succeeds (exit code 0)
   */
  public boolean passes() {
    for (ImplementationResults i : implementations) {
      if (i.results().stream().anyMatch(r -> r.status() == Status.ERROR)) {
        return false;
      }
      if (i.gated() && !i.passes()) {
        return false;
      }
    }
    return true;
  }
}
