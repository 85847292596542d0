package io.github.dockerarchive.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.hostile.Expectation.Outcome;
import io.github.dockerarchive.testkit.hostile.HostileRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SAFE-1..4: every input of the {@link HostileCorpus} through the reader, opened from its path and
 * (unless it is one of the big ones) from a stream, under the small heap of the hostile Surefire
 * execution ({@code -Xmx128m}). Each ends as its expectation says, leaves no temporary file, no
 * thread, and no file outside the test's directory.
 */
@DisplayName("SAFE-1..4: the hostile corpus through the reader")
class HostileCorpusTest {
  /** Generous: only a hang (a loop that never ends) can exceed it. */
  static final Duration HANG = Duration.ofSeconds(60);

  @TempDir Path dir;
  @TempDir Path tmp;

  static Stream<HostileCase> cases() {
    return HostileCorpus.cases().stream();
  }

  @Test
  @DisplayName("the corpus has at least 60 inputs with unique names, at least 50 of them errors")
  void corpusShape() {
    List<HostileCase> all = HostileCorpus.cases();
    Set<String> names = new HashSet<>();
    all.forEach(c -> assertThat(names.add(c.name())).as(c.name()).isTrue());
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(c -> c.expectation().rejects())).hasSizeGreaterThan(50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readerEndsAsExpected(HostileCase c) throws Exception {
    Path input = c.materialize(dir);
    Path parent = dir.getParent();
    Set<String> threads = Leaks.threads();
    Set<String> siblingsBefore = siblings(parent);
    ReaderOptions options = c.readerOptions(ReaderOptions.defaults().withTemporaryDirectory(tmp));

    check(c, read(c, input, options, false));
    assertThat(Leaks.files(tmp)).as("temporary files left by " + c.name()).isEmpty();
    if (!c.big()) {
      check(c, read(c, input, options, true));
      assertThat(Leaks.files(tmp)).as("temporary files left by " + c.name()).isEmpty();
    }
    assertThat(Leaks.files(dir))
        .as("files written beside the input")
        .containsExactly(input.getFileName().toString());
    assertThat(siblings(parent))
        .as("files written outside the chosen paths")
        .isEqualTo(siblingsBefore);
    assertThat(Leaks.newThreads(threads, 5_000)).as("threads left running").isEmpty();
  }

  private static Set<String> siblings(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      Set<String> names = new HashSet<>();
      s.filter(p -> !p.getFileName().toString().startsWith("junit"))
          .forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  private static Result read(HostileCase c, Path input, ReaderOptions options, boolean stream)
      throws Exception {
    if (c.big()) {
      return HostileRunner.read(c, input, options, stream);
    }
    return assertTimeoutPreemptively(
        HANG, () -> HostileRunner.read(c, input, options, stream), () -> c.name() + " hangs");
  }

  static void check(HostileCase c, Result result) {
    Expectation e = c.expectation();
    if (e.outcome() == Outcome.REJECT) {
      assertThat(result.failed()).as("%s must be refused, but %s", c.name(), result).isTrue();
      assertThat(result.error()).as("%s: %s", c.name(), result).isInstanceOf(e.type());
      assertThat(result.error().getMessage())
          .as("%s: %s", c.name(), result)
          .containsIgnoringCase(e.fragment());
      assertThat(result.error().rule()).as("%s: %s", c.name(), result).isEqualTo(e.rule());
      assertThat(result.stage()).as("%s: %s", c.name(), result).isEqualTo(e.stage());
    } else {
      assertThat(result.failed()).as("%s must read fully, but %s", c.name(), result).isFalse();
      int expected = c.selector() == null ? e.images() : 1;
      assertThat(result.images()).as(c.name()).isEqualTo(expected);
    }
  }
}
