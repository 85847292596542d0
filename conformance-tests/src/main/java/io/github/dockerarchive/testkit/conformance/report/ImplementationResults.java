package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.Rule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The results of one implementation in a run.
 *
 * @param name the implementation's name
 * @param gated whether its gating failures fail the run (false for report-only peers)
 * @param basedOnReference whether it is built on the reference (its FIX failures are known
 *     deviations)
 * @param capabilities what it claims (empty when it could not be set up)
 * @param results one result per check, in suite order
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImplementationResults(
    String name,
    boolean gated,
    boolean basedOnReference,
    Set<Capability> capabilities,
    List<CheckResult> results) {

  /**
   * Copies the collections.
   *
   * @param name the implementation's name
   * @param gated whether its gating failures fail the run (false for report-only peers)
   * @param basedOnReference whether it is built on the reference (its FIX failures are known
   *     deviations)
   * @param capabilities what it claims (empty when it could not be set up)
   * @param results one result per check, in suite order
   */
  public ImplementationResults {
    capabilities = Set.copyOf(capabilities);
    results = List.copyOf(results);
  }

  /**
   * The result of a check.
   *
   * @param checkId the check's ID
   * @return its result, if the check was run
   */
  public Optional<CheckResult> result(String checkId) {
    return results.stream().filter(r -> r.check().id().equals(checkId)).findFirst();
  }

  /**
   * The worst verdict of a rule's checks.
   *
   * @param rule the rule
   * @return the worst verdict, {@link Verdict#NA} when no check of the rule was run
   */
  public Verdict verdict(Rule rule) {
    return Verdict.worst(
        results.stream()
            .filter(r -> r.check().rule().id().equals(rule.id()))
            .map(Verdict::of)
            .toList());
  }

  /**
   * How many checks got each verdict.
   *
   * @return a count for every verdict (zero included), in verdict order
   */
  public Map<Verdict, Integer> counts() {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
    for (CheckResult r : results) {
      counts.merge(Verdict.of(r), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * The results that count against the implementation: ERRORs, and FAILs of MUST and FIX rules that
   * are not known deviations.
   *
   * @return those results, in order
   */
  public List<CheckResult> gatingFailures() {
    return results.stream().filter(CheckResult::gates).toList();
  }

  /**
   * Whether the implementation passes: no ERROR and no failure of a MUST or FIX rule (known
   * deviations excepted).
   *
   * @return true when it passes
   */
  public boolean passes() {
    return gatingFailures().isEmpty();
  }
}
