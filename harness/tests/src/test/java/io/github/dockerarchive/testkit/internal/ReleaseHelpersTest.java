package io.github.dockerarchive.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleanup tries every step and keeps every failure; TemporaryFiles names files beside a target. */
@DisplayName("internal: Cleanup and TemporaryFiles")
class ReleaseHelpersTest {
  @TempDir Path directory;

  @Test
  @DisplayName("Cleanup.all runs every step in order and throws nothing when none fails")
  void allRunsEveryStep() throws IOException {
    List<String> ran = new ArrayList<>();

    Cleanup.all(() -> ran.add("first"), () -> ran.add("second"), () -> ran.add("third"));

    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  @DisplayName(
      "Cleanup.all runs the steps after a failure and throws the first, the later suppressed")
  void allKeepsTheFirstFailure() {
    List<String> ran = new ArrayList<>();
    IOException first = new IOException("first");
    IOException third = new IOException("third");

    assertThatThrownBy(
            () ->
                Cleanup.all(
                    () -> {
                      ran.add("first");
                      throw first;
                    },
                    () -> ran.add("second"),
                    () -> {
                      ran.add("third");
                      throw third;
                    }))
        .isSameAs(first)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(third));
    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  @DisplayName("Cleanup.after runs every step and suppresses what they throw in the cause")
  void afterSuppressesInTheCause() {
    List<String> ran = new ArrayList<>();
    IllegalStateException cause = new IllegalStateException("the failure reported");
    IOException closing = new IOException("closing");

    Cleanup.after(
        cause,
        () -> {
          ran.add("close");
          throw closing;
        },
        () -> ran.add("delete"));

    assertThat(ran).containsExactly("close", "delete");
    assertThat(cause.getSuppressed()).containsExactly(closing);
  }

  @Test
  @DisplayName("TemporaryFiles.createBeside makes a new empty .<name><marker><hex> file each call")
  void createBesideNamesAFreshSibling() throws IOException {
    Path target = directory.resolve("app.tar");

    Path one = TemporaryFiles.createBeside(target, ".marker-");
    Path two = TemporaryFiles.createBeside(target, ".marker-");

    assertThat(one).isNotEqualTo(two);
    for (Path made : List.of(one, two)) {
      assertThat(made.getParent()).isEqualTo(directory);
      assertThat(made.getFileName().toString()).matches("\\.app\\.tar\\.marker-[0-9a-f]+");
      assertThat(made).isEmptyFile();
    }
    assertThat(target).doesNotExist();
    try (Stream<Path> listed = Files.list(directory)) {
      assertThat(listed).containsExactlyInAnyOrder(one, two);
    }
  }
}
