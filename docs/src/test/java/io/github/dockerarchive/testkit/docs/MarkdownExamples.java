package io.github.dockerarchive.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares the {@code java} blocks of the Markdown with the example sources. A block must be a
 * whole compilation unit (package declaration, imports, one top-level type) identical to the file
 * of that package and type under the example source root; every example source (but {@code
 * package-info.java} and this package) must be shown in at least one Markdown file.
 */
final class MarkdownExamples {
  /** The example sources, relative to the repository root. */
  static final String SOURCE_ROOT = "docs/src/test/java";

  /** The package of this check, whose classes are not examples. */
  static final String CHECK_PACKAGE = MarkdownExamples.class.getPackageName();

  private static final Pattern OPENING_FENCE = Pattern.compile("^(\\s*)```java\\s*$");
  private static final Pattern CLOSING_FENCE = Pattern.compile("^\\s*```\\s*$");
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|abstract|final|sealed|non-sealed)\\s+)*"
              + "(?:class|interface|record|enum|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  /**
   * One {@code java} block.
   *
   * @param markdown the file, relative to the repository root
   * @param line the 1-based line of the block's first line of code
   * @param lines the code, with the fence's indentation removed
   */
  record Block(String markdown, int line, List<String> lines) {
    String location(int offset) {
      return markdown + ":" + (line + offset);
    }
  }

  private MarkdownExamples() {}

  /**
   * Every problem found under a repository root, each naming a Markdown file and line or an example
   * source.
   *
   * @param root the repository root (holding README.md and docs/)
   * @return the problems, empty when the Markdown and the examples agree
   */
  static List<String> problems(Path root) {
    List<String> problems = new ArrayList<>();
    Set<Path> shown = new HashSet<>();
    Path sources = root.resolve(SOURCE_ROOT);
    for (Path markdown : markdownFiles(root)) {
      for (Block block : javaBlocks(root, markdown, problems)) {
        compare(block, sources, root, shown, problems);
      }
    }
    for (Path source : exampleSources(sources)) {
      if (!shown.contains(source)) {
        problems.add(
            relative(root, source)
                + ": example not shown in any Markdown file (README.md, docs/**/*.md);"
                + " add it as a ```java block or delete it");
      }
    }
    return problems;
  }

  /** README.md and every Markdown file under docs/ (outside build output), sorted. */
  static List<Path> markdownFiles(Path root) {
    List<Path> files = new ArrayList<>();
    Path readme = root.resolve("README.md");
    if (Files.isRegularFile(readme)) {
      files.add(readme);
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> walk = Files.walk(docs)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".md"))
            .filter(p -> !docs.relativize(p).startsWith("target"))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** The {@code java} blocks of one file; an unclosed block is a problem. */
  static List<Block> javaBlocks(Path root, Path markdown, List<String> problems) {
    List<String> lines = readLines(markdown);
    String name = relative(root, markdown);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher opening = OPENING_FENCE.matcher(lines.get(i));
      if (!opening.matches()) {
        continue;
      }
      int indent = opening.group(1).length();
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !CLOSING_FENCE.matcher(lines.get(end)).matches()) {
        end++;
      }
      if (end == lines.size()) {
        problems.add(name + ":" + (i + 1) + ": ```java block is never closed");
        break;
      }
      List<String> code = new ArrayList<>();
      for (String line : lines.subList(start, end)) {
        code.add(
            line.length() >= indent && line.substring(0, indent).isBlank()
                ? line.substring(indent)
                : line.strip());
      }
      blocks.add(new Block(name, start + 1, code));
      i = end;
    }
    return blocks;
  }

  private static void compare(
      Block block, Path sources, Path root, Set<Path> shown, List<String> problems) {
    String text = String.join("\n", block.lines());
    Matcher pkg = PACKAGE.matcher(text);
    Matcher type = TOP_LEVEL_TYPE.matcher(text);
    if (!pkg.find() || !type.find()) {
      problems.add(
          block.location(0)
              + ": a ```java block must be a complete class (package declaration, imports and a"
              + " top-level type, as in "
              + SOURCE_ROOT
              + "), but it starts with \""
              + (block.lines().isEmpty() ? "" : block.lines().get(0))
              + "\"");
      return;
    }
    String path = pkg.group(1).replace('.', '/') + "/" + type.group(1) + ".java";
    Path source = sources.resolve(path);
    if (!Files.isRegularFile(source)) {
      problems.add(
          block.location(0)
              + ": the block declares "
              + pkg.group(1)
              + "."
              + type.group(1)
              + " but there is no example source "
              + SOURCE_ROOT
              + "/"
              + path);
      return;
    }
    shown.add(source);
    List<String> expected = readLines(source);
    List<String> actual = block.lines();
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        problems.add(
            block.location(i)
                + ": the block differs from "
                + SOURCE_ROOT
                + "/"
                + path
                + " line "
                + (i + 1)
                + ": expected \""
                + expected.get(i)
                + "\" but the Markdown has \""
                + actual.get(i)
                + "\"");
        return;
      }
    }
    if (expected.size() != actual.size()) {
      problems.add(
          block.location(common)
              + ": the block has "
              + actual.size()
              + " lines but "
              + SOURCE_ROOT
              + "/"
              + path
              + " has "
              + expected.size()
              + (expected.size() > common
                  ? "; missing from line " + (common + 1) + ": \"" + expected.get(common) + "\""
                  : "; extra line: \"" + actual.get(common) + "\""));
    }
  }

  /** Every example source: Java files outside this package, but package-info.java. */
  static List<Path> exampleSources(Path sources) {
    if (!Files.isDirectory(sources)) {
      return List.of();
    }
    Path checks = sources.resolve(CHECK_PACKAGE.replace('.', '/'));
    try (Stream<Path> walk = Files.walk(sources)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("package-info.java"))
          .filter(p -> !p.startsWith(checks))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a file, without a trailing empty line. */
  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
