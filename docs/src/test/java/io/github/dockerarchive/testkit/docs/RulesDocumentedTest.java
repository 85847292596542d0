package io.github.dockerarchive.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md defines every rule the code cites: the main sources name rules by ID in string
 * literals ({@code "SEL-1"}), the conformance suite bundles IDs and levels in {@code rules.tsv}.
 */
class RulesDocumentedTest {
  /** A rule's definition in docs/rules.md: {@code - **SEL-1 MUST** ...} or {@code - **DIA-1**}. */
  private static final Pattern DEFINITION =
      Pattern.compile("^- \\*\\*([A-Z]+-\\d+)(?: (MUST|SHOULD|REF|FIX))?\\*\\*", Pattern.MULTILINE);

  private final Path root = MarkdownExamplesTest.repositoryRoot();

  @Test
  void everyRuleIdCitedByTheMainSourcesIsDefined() {
    Set<String> defined = definedRules();
    Set<String> groups =
        defined.stream().map(id -> id.substring(0, id.indexOf('-'))).collect(Collectors.toSet());
    Pattern cited = Pattern.compile("\"((?:" + String.join("|", groups) + ")-\\d+)\"");

    List<String> undefined = new ArrayList<>();
    for (Path source : mainSources()) {
      Matcher m = cited.matcher(read(source));
      while (m.find()) {
        if (!defined.contains(m.group(1))) {
          undefined.add(root.relativize(source) + " cites " + m.group(1));
        }
      }
    }

    assertThat(groups).contains("ARC", "RD", "SEL", "SRC", "WR", "REF", "DIA", "SAFE");
    assertThat(undefined).as("rule IDs not defined in docs/rules.md").isEmpty();
  }

  @Test
  void theBundledRuleTableListsExactlyTheRulesOfTheDocument() {
    Path tsv =
        root.resolve(
            "conformance-tests/src/main/resources/io/github/dockerarchive/testkit/conformance"
                + "/rules.tsv");
    Set<String> bundled = new LinkedHashSet<>();
    for (String line : read(tsv).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        bundled.add(line.substring(0, line.indexOf('\t')));
      }
    }

    assertThat(bundled).containsExactlyElementsOf(definedRules());
  }

  private Set<String> definedRules() {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = DEFINITION.matcher(read(root.resolve("docs/rules.md")));
    while (m.find()) {
      ids.add(m.group(1));
    }
    assertThat(ids).as("rules defined in docs/rules.md").hasSizeGreaterThan(50);
    return ids;
  }

  private Set<Path> mainSources() {
    Set<Path> sources = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> root.relativize(p).toString().contains("/src/main/java/"))
          .filter(p -> !root.relativize(p).toString().contains("/target/"))
          .forEach(sources::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(sources).as("main sources under " + root).hasSizeGreaterThan(100);
    return sources;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
