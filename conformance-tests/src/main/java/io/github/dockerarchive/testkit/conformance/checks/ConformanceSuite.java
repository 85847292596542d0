package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Every check of the suite, in a fixed order, with unique IDs: the checks of each rule family in
 * the order of docs/rules.md's families (ARC, OCI, LAY, RD, SEL, SRC, WR, REF, DIA, SAFE), each
 * family from its one class.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConformanceSuite {
  private ConformanceSuite() {}

  /**
   * All checks.
   *
   * @return the checks of {@link ArcChecks}, {@link OciChecks}, {@link LayChecks}, {@link
   *     ReadChecks}, {@link SelectionChecks}, {@link SourceChecks}, {@link WriteChecks}, {@link
   *     ReferenceChecks}, {@link DialectChecks} and {@link SafetyChecks}, in that order
   */
  public static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.addAll(ArcChecks.checks());
    all.addAll(OciChecks.checks());
    all.addAll(LayChecks.checks());
    all.addAll(ReadChecks.checks());
    all.addAll(SelectionChecks.checks());
    all.addAll(SourceChecks.checks());
    all.addAll(WriteChecks.checks());
    all.addAll(ReferenceChecks.checks());
    all.addAll(DialectChecks.checks());
    all.addAll(SafetyChecks.checks());
    Set<String> ids = new HashSet<>();
    for (Check c : all) {
      if (!ids.add(c.id())) {
        throw new IllegalStateException("two checks have the ID " + c.id());
      }
    }
    return List.copyOf(all);
  }

  /**
   * The checks of some rules.
   *
   * @param ruleIds rule IDs ({@code SEL-1}), group prefixes ({@code SEL}) or check IDs ({@code
   *     SEL-1/name}), as {@link Check#selectedBy} takes them; empty for all
   * @return the matching checks, in suite order
   */
  public static List<Check> checks(Collection<String> ruleIds) {
    if (ruleIds.isEmpty()) {
      return checks();
    }
    return checks().stream().filter(c -> ruleIds.stream().anyMatch(c::selectedBy)).toList();
  }
}
