package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API status of the public types is what {@code CHANGELOG.md} promises: the types it calls
 * stable (its line {@code Stable: ...} under {@code ### API status} of the newest section) are
 * exactly those marked {@code STABLE} or {@code MAINTAINED}; every other public type is
 * EXPERIMENTAL, INTERNAL or DEPRECATED, and every status says since which version.
 */
class ApiStatusTest {
  private static final String ROOT = "io.github.dockerarchive.testkit";
  private static final Set<API.Status> STABLE = Set.of(API.Status.STABLE, API.Status.MAINTAINED);
  private static final Pattern STABLE_LINE =
      Pattern.compile("^### API status\\s*\\n+Stable: ([^\\n]*)", Pattern.MULTILINE);
  private static final Pattern TYPE_NAME = Pattern.compile("`([\\w.$]+)`");

  @Test
  @DisplayName("API status: the types CHANGELOG.md calls stable are exactly the STABLE ones")
  void stableTypesAreThoseTheChangelogPromises() throws IOException {
    Map<String, API> statuses = publicTypeStatuses();
    assertThat(statuses).as("public types of %s on the test classpath", ROOT).isNotEmpty();

    Set<String> annotatedStable =
        statuses.entrySet().stream()
            .filter(e -> STABLE.contains(e.getValue().status()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> promised = promisedStable(changelog());
    assertThat(promised)
        .as("types CHANGELOG.md calls stable that the code names")
        .isSubsetOf(statuses.keySet());
    assertThat(annotatedStable)
        .as("types marked STABLE or MAINTAINED, against CHANGELOG.md's 'Stable:' line")
        .isEqualTo(promised);
  }

  @Test
  @DisplayName("API status: every public type says its status and since which version")
  void everyPublicTypeHasAStatusAndASinceVersion() {
    Map<String, API> statuses = publicTypeStatuses();
    assertThat(statuses)
        .as("public types with an @API status but no 'since' version")
        .allSatisfy((name, api) -> assertThat(api.since()).as(name).isNotBlank());
  }

  @Test
  @DisplayName("API status: the changelog's 'Stable:' line is read as written")
  void readsTheStableLine() {
    assertThat(
            promisedStable(
                "## [Unreleased]\n\n### API status\n\nStable: none. Not `archive.ArchiveReader`.\n"))
        .isEmpty();
    assertThat(
            promisedStable(
                "## [1.0.0]\n\n### API status\n\nStable: `archive.ArchiveReader`, `digest.Digest`.\n"))
        .containsExactly(ROOT + ".archive.ArchiveReader", ROOT + ".digest.Digest");
  }

  /** Every public type (nested ones too) outside internal packages, by name, with its @API. */
  private static Map<String, API> publicTypeStatuses() {
    Map<String, API> statuses = new TreeMap<>();
    List<String> missing =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT)
                .stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.getPackageName().contains(".internal"))
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .filter(c -> !c.isAnonymousClass() && !c.isLocalClass())
                .filter(
                    c -> {
                      API api = c.reflect().getAnnotation(API.class);
                      if (api != null) {
                        statuses.put(c.getName(), api);
                      }
                      return api == null && c.isTopLevelClass();
                    })
                .map(JavaClass::getName)
                .toList();
    assertThat(missing).as("public top-level types without @API").isEmpty();
    return statuses;
  }

  private static String changelog() throws IOException {
    Path root = Path.of(System.getProperty("repo.root", "../.."));
    return Files.readString(root.resolve("CHANGELOG.md"));
  }

  /** The fully qualified names on the first {@code Stable:} line; "none" gives an empty set. */
  static Set<String> promisedStable(String changelog) {
    Matcher line = STABLE_LINE.matcher(changelog);
    assertThat(line.find()).as("CHANGELOG.md has '### API status' with a 'Stable:' line").isTrue();
    // the first sentence: type names may hold dots, but no dot followed by a space
    String sentence = line.group(1).split("\\.(\\s|$)", 2)[0];
    Matcher names = TYPE_NAME.matcher(sentence);
    Set<String> result = new TreeSet<>();
    while (names.find()) {
      result.add(ROOT + "." + names.group(1));
    }
    if (result.isEmpty()) {
      assertThat(sentence).as("a 'Stable:' line without type names").isEqualTo("none");
    }
    return result;
  }
}
