package io.github.dockerarchive.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownExamplesTest {
  private static final String EXAMPLE =
      String.join(
          "\n",
          "package com.example;",
          "",
          "class HelloExampleTest {",
          "  void hello() {}",
          "}",
          "");

  @Test
  void everyJavaBlockOfTheMarkdownIsAnExampleVerbatimAndEveryExampleIsShown() {
    Path root = repositoryRoot();
    assertThat(MarkdownExamples.markdownFiles(root)).contains(root.resolve("README.md"));
    assertThat(MarkdownExamples.exampleSources(root.resolve(MarkdownExamples.SOURCE_ROOT)))
        .hasSizeGreaterThanOrEqualTo(10);

    assertThat(MarkdownExamples.problems(root)).isEmpty();
  }

  @Test
  void aBlockIdenticalToItsSourcePasses(@TempDir Path root) throws IOException {
    example(root);
    markdown(root, "README.md", "# Hello\n\n```java\n" + EXAMPLE + "```\n");

    assertThat(MarkdownExamples.problems(root)).isEmpty();
  }

  @Test
  void anIndentedBlockInAListPasses(@TempDir Path root) throws IOException {
    example(root);
    markdown(
        root,
        "docs/guide.md",
        "1. Step one:\n\n   ```java\n" + EXAMPLE.replaceAll("(?m)^(.)", "   $1") + "   ```\n");

    assertThat(MarkdownExamples.problems(root)).isEmpty();
  }

  @Test
  void aDriftedBlockIsReportedWithItsFileAndLine(@TempDir Path root) throws IOException {
    example(root);
    markdown(
        root,
        "docs/guide.md",
        "# Guide\n\ntext\n\n```java\n" + EXAMPLE.replace("hello()", "goodbye()") + "```\n");

    assertThat(MarkdownExamples.problems(root))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("docs/guide.md:9: the block differs from")
        .contains("com/example/HelloExampleTest.java line 4")
        .contains("void goodbye() {}");
  }

  @Test
  void aShortenedBlockIsReported(@TempDir Path root) throws IOException {
    example(root);
    markdown(
        root,
        "README.md",
        "```java\n" + EXAMPLE.substring(0, EXAMPLE.lastIndexOf("}\n")) + "```\n");

    assertThat(MarkdownExamples.problems(root))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("README.md:6: the block has 4 lines but")
        .endsWith("has 5; missing from line 5: \"}\"");
  }

  @Test
  void aBlockThatIsNotACompleteClassIsReported(@TempDir Path root) throws IOException {
    example(root);
    markdown(
        root,
        "README.md",
        "```java\n" + EXAMPLE + "```\n\nthen\n\n```java\n@Test\nvoid snippet() {}\n```\n");

    assertThat(MarkdownExamples.problems(root))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("README.md:12: a ```java block must be a complete class")
        .contains("\"@Test\"");
  }

  @Test
  void aBlockWithoutASourceIsReported(@TempDir Path root) throws IOException {
    example(root);
    markdown(
        root,
        "README.md",
        "```java\n" + EXAMPLE + "```\n```java\n" + EXAMPLE.replace("Hello", "Other") + "```\n");

    assertThat(MarkdownExamples.problems(root))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("README.md:9: the block declares com.example.OtherExampleTest")
        .contains("no example source docs/src/test/java/com/example/OtherExampleTest.java");
  }

  @Test
  void anExampleShownNowhereIsReported(@TempDir Path root) throws IOException {
    example(root);
    markdown(root, "README.md", "# Nothing shown\n");

    assertThat(MarkdownExamples.problems(root))
        .containsExactly(
            "docs/src/test/java/com/example/HelloExampleTest.java: example not shown in any"
                + " Markdown file (README.md, docs/**/*.md); add it as a ```java block or delete"
                + " it");
  }

  @Test
  void anUnclosedBlockIsReported(@TempDir Path root) throws IOException {
    example(root);
    markdown(root, "docs/a.md", "```java\n" + EXAMPLE);
    markdown(root, "README.md", "```java\n" + EXAMPLE + "```\n");

    assertThat(MarkdownExamples.problems(root))
        .containsExactly("docs/a.md:1: ```java block is never closed");
  }

  /** The repository root: the first directory upwards that holds docs/pom.xml. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/pom.xml"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("a directory above %s holding docs/pom.xml", Path.of("").toAbsolutePath())
        .isNotNull();
    return dir;
  }

  private static void example(Path root) throws IOException {
    Path source = root.resolve(MarkdownExamples.SOURCE_ROOT + "/com/example/HelloExampleTest.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, EXAMPLE);
  }

  private static void markdown(Path root, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
