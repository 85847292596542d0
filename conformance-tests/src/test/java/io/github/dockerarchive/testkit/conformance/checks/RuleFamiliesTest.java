package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.Rule;
import io.github.dockerarchive.testkit.conformance.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One class per rule family: each family's class is the only one whose checks carry that family's
 * rule IDs, the suite is the families in order, and the built-in implementation passes every check
 * of every family.
 */
class RuleFamiliesTest {
  @TempDir Path work;

  /** The family classes with the prefix of their rules, in the suite's order. */
  static Stream<Arguments> families() {
    return Stream.of(
        family("ARC", ArcChecks::checks),
        family("OCI", OciChecks::checks),
        family("LAY", LayChecks::checks),
        family("RD", ReadChecks::checks),
        family("SEL", SelectionChecks::checks),
        family("SRC", SourceChecks::checks),
        family("WR", WriteChecks::checks),
        family("REF", ReferenceChecks::checks),
        family("DIA", DialectChecks::checks),
        family("SAFE", SafetyChecks::checks));
  }

  /**
   * Rule families of docs/rules.md that the adapter protocol cannot reach, with the reason: the
   * protocol copies {@code docker-archive:} from and to {@code oci:} and {@code dir:}; the {@code
   * oci-archive:} transport (OAR) is the library's and the command-line tool's, checked by their
   * own tests and against skopeo.
   */
  static final Set<String> NOT_IN_THE_PROTOCOL = Set.of("OAR");

  private static Arguments family(String prefix, Supplier<List<Check>> checks) {
    return Arguments.of(prefix, checks);
  }

  private static String familyOf(String ruleId) {
    return ruleId.substring(0, ruleId.lastIndexOf('-'));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aFamilyClassHoldsTheChecksOfItsRulesOnly(String prefix, Supplier<List<Check>> checks) {
    List<Check> family = checks.get();
    assertThat(family).isNotEmpty();
    assertThat(family)
        .allSatisfy(c -> assertThat(familyOf(c.rule().id())).as(c.id()).isEqualTo(prefix));
    assertThat(family).extracting(Check::id).doesNotHaveDuplicates();
  }

  @Test
  void theSuiteIsTheFamiliesInOrder() {
    List<String> concatenated = new ArrayList<>();
    families()
        .forEach(
            a -> {
              @SuppressWarnings("unchecked")
              Supplier<List<Check>> checks = (Supplier<List<Check>>) a.get()[1];
              checks.get().forEach(c -> concatenated.add(c.id()));
            });
    assertThat(ConformanceSuite.checks()).extracting(Check::id).isEqualTo(concatenated);
  }

  @Test
  void everyFamilyOfRulesMdHasAClass() {
    Set<String> ruleFamilies =
        Rules.all().stream()
            .map(Rule::id)
            .map(RuleFamiliesTest::familyOf)
            .filter(family -> !NOT_IN_THE_PROTOCOL.contains(family))
            .collect(Collectors.toSet());
    Set<String> classes = families().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    assertThat(classes).isEqualTo(ruleFamilies);
  }

  @Test
  void everyRealArchiveIsACheckOfItsRule() {
    List<String> ids = ConformanceSuite.checks().stream().map(Check::id).toList();
    assertThat(RealArchives.files()).as("the archives of EXPECTED.json").hasSizeGreaterThan(10);
    for (String file : RealArchives.files()) {
      assertThat(ids).contains(RealArchives.ruleOf(file) + "/" + file);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void everyCheckPassesAgainstTheBuiltinImplementation(String prefix, Supplier<List<Check>> checks)
      throws Exception {
    BuiltinRun.requireAllPass(checks.get(), work);
  }
}
