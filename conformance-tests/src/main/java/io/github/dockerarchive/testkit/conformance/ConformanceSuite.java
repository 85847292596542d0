package io.github.dockerarchive.testkit.conformance;

import io.github.dockerarchive.testkit.conformance.checks.ArchiveFormatChecks;
import io.github.dockerarchive.testkit.conformance.checks.CorpusChecks;
import io.github.dockerarchive.testkit.conformance.checks.DigestMismatchChecks;
import io.github.dockerarchive.testkit.conformance.checks.HostileChecks;
import io.github.dockerarchive.testkit.conformance.checks.ItemListChecks;
import io.github.dockerarchive.testkit.conformance.checks.PropertyChecks;
import io.github.dockerarchive.testkit.conformance.checks.SelectionChecks;
import io.github.dockerarchive.testkit.conformance.checks.SourceChecks;
import io.github.dockerarchive.testkit.conformance.checks.WriteChecks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every check of the suite, in a fixed order, with unique IDs. */
public final class ConformanceSuite {
  private ConformanceSuite() {}

  /**
   * All checks.
   *
   * @return the checks: archive format, selection, source, hostile input, real corpus, writing,
   *     digest-mismatch deletion, generated round trips
   */
  public static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.addAll(ArchiveFormatChecks.checks());
    all.addAll(SelectionChecks.checks());
    all.addAll(SourceChecks.checks());
    all.addAll(ItemListChecks.checks());
    all.addAll(HostileChecks.checks());
    all.addAll(CorpusChecks.checks());
    all.addAll(WriteChecks.checks());
    all.addAll(DigestMismatchChecks.checks());
    all.addAll(PropertyChecks.checks());
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
   * @param ruleIds rule IDs ({@code SEL-1}) or group prefixes ({@code SEL}); empty for all
   * @return the matching checks, in suite order
   */
  public static List<Check> checks(Collection<String> ruleIds) {
    if (ruleIds.isEmpty()) {
      return checks();
    }
    return checks().stream()
        .filter(
            c ->
                ruleIds.stream()
                    .anyMatch(
                        r ->
                            c.rule().id().equals(r)
                                || c.rule().id().startsWith(r + "-")
                                || c.id().equals(r)))
        .toList();
  }
}
