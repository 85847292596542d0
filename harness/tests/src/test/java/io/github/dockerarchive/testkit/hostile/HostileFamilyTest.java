package io.github.dockerarchive.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile corpus split by case family: each family class builds its own cases, {@link
 * HostileFamily} lists them in corpus order with the rules they cite, and {@link
 * HostileCorpus#cases()} is their concatenation.
 */
@DisplayName("the hostile corpus by case family")
class HostileFamilyTest {
  /** Each family and the class a user reads and calls on its own. */
  private static final Map<HostileFamily, Supplier<List<HostileCase>>> CLASSES =
      Map.ofEntries(
          Map.entry(HostileFamily.SYNTHETIC, SyntheticCases::cases),
          Map.entry(HostileFamily.TRUNCATIONS, TruncationCases::cases),
          Map.entry(HostileFamily.HEADERS, HeaderCases::cases),
          Map.entry(HostileFamily.PAX, PaxCases::cases),
          Map.entry(HostileFamily.NAMES, NameCases::cases),
          Map.entry(HostileFamily.LINKS, LinkCases::cases),
          Map.entry(HostileFamily.COMPRESSION, CompressionCases::cases),
          Map.entry(HostileFamily.MANIFESTS, ManifestCases::cases),
          Map.entry(HostileFamily.CONFIGS, ConfigCases::cases),
          Map.entry(HostileFamily.DIGESTS, DigestCases::cases),
          Map.entry(HostileFamily.MISC, MiscCases::cases));

  private static List<String> names(List<HostileCase> cases) {
    return cases.stream().map(HostileCase::name).toList();
  }

  @Test
  @DisplayName("the corpus is the families' cases, family after family, in the order of families()")
  void corpusIsTheFamiliesInOrder() {
    assertThat(HostileCorpus.families()).containsExactly(HostileFamily.values());
    List<String> concatenated = new ArrayList<>();
    List<String> expectations = new ArrayList<>();
    for (HostileFamily family : HostileCorpus.families()) {
      for (HostileCase c : family.cases()) {
        concatenated.add(c.name());
        expectations.add(c.name() + ": " + c.expectation());
      }
    }
    List<HostileCase> corpus = HostileCorpus.cases();
    assertThat(names(corpus)).containsExactlyElementsOf(concatenated);
    assertThat(corpus.stream().map(c -> c.name() + ": " + c.expectation()))
        .containsExactlyElementsOf(expectations);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(HostileFamily.class)
  @DisplayName("each family's class builds the family's cases, at least one")
  void familyClassBuildsTheFamily(HostileFamily family) {
    List<String> fromClass = names(CLASSES.get(family).get());
    assertThat(fromClass).isNotEmpty().containsExactlyElementsOf(names(family.cases()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(HostileFamily.class)
  @DisplayName("a family's rules are exactly the rules its refused and reported cases cite")
  void rulesAreTheCitedRules(HostileFamily family) {
    TreeSet<String> cited = new TreeSet<>();
    family.cases().stream()
        .map(c -> c.expectation().rule())
        .filter(Objects::nonNull)
        .forEach(cited::add);
    assertThat(family.rules()).containsExactlyElementsOf(cited);
  }

  @Test
  @DisplayName("every public type of the corpus carries an API status")
  void publicTypesHaveApiStatus() {
    List<Class<?>> types =
        List.of(
            HostileCorpus.class,
            HostileFamily.class,
            HostileCase.class,
            Expectation.class,
            RawTar.class,
            Leaks.class,
            SyntheticCases.class,
            TruncationCases.class,
            HeaderCases.class,
            PaxCases.class,
            NameCases.class,
            LinkCases.class,
            CompressionCases.class,
            ManifestCases.class,
            ConfigCases.class,
            DigestCases.class,
            MiscCases.class);
    for (Class<?> type : types) {
      API api = type.getAnnotation(API.class);
      assertThat(api).as(type.getSimpleName()).isNotNull();
      assertThat(api.status()).as(type.getSimpleName()).isEqualTo(API.Status.EXPERIMENTAL);
      assertThat(api.since()).as(type.getSimpleName()).isEqualTo("0.1");
    }
  }
}
