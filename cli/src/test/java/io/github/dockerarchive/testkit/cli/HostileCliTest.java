package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.hostile.Expectation;
import io.github.dockerarchive.testkit.hostile.Expectation.Outcome;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.hostile.Leaks;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SAFE-1, SAFE-2: every input of the hostile corpus through {@code inspect}, {@code verify} and
 * {@code copy}, in-process, under the small heap of the hostile Surefire execution. Each command
 * ends with its documented exit code and a one-line error naming the fault and its rule, never a
 * stack trace; no temporary file, thread or stray file is left, and a failed copy leaves no
 * archive.
 */
@DisplayName("SAFE-1, SAFE-2: the hostile corpus through inspect, verify and copy")
class HostileCliTest {
  @TempDir Path dir;

  static Stream<HostileCase> cases() {
    // The commands read with the default options; capped variants are the reader's business.
    return HostileCorpus.cases().stream().filter(HostileCase::defaultOptions);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void commandsEndAsExpected(HostileCase c) throws Exception {
    Path work = Files.createDirectory(dir.resolve("work"));
    Path input = c.materialize(work);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<String> tmpBefore = Leaks.projectTemporaryFiles(tmp);
    Set<String> threads = Leaks.threads();
    Expectation e = c.expectation();
    String archive = input.toString();
    String source =
        "docker-archive:"
            + archive
            + (c.selector() == null ? ":@0" : c.selector().isEmpty() ? "" : ":" + c.selector());
    Path out = work.resolve("out.tar");

    CliRun inspect = CliRun.of("inspect", archive);
    CliRun verify = CliRun.of("verify", "--quiet", archive);
    CliRun copy = CliRun.of("copy", source, "docker-archive:" + out + ":hostile/copy:1");

    for (CliRun run : new CliRun[] {inspect, verify, copy}) {
      assertThat(run.exitCode()).as("%s: %s", c.name(), run).isBetween(0, 2);
      assertThat(run.err()).as("%s: no stack trace", c.name()).doesNotContain("\tat ");
      if (run.exitCode() == DockerArchiveCli.UNREADABLE) {
        assertThat(run.err()).as(c.name()).startsWith("dockerarchive: error: ");
        assertThat(run.err().strip().lines()).as(c.name()).hasSize(1);
      }
    }
    if (e.outcome() == Outcome.REJECT) {
      String rule = "[" + e.rule() + "]";
      assertThat(copy.exitCode()).as("%s copy: %s", c.name(), copy).isEqualTo(2);
      // The copy hashes what it writes (WR-2), so a layer that fails SRC-7 fails there first.
      String copyRule = e.rule().equals("SRC-7") ? "[WR-2]" : rule;
      assertThat(copy.err()).as(c.name()).containsIgnoringCase(e.fragment()).contains(copyRule);
      assertThat(out).as("%s: a failed copy leaves no archive", c.name()).doesNotExist();
      boolean selection = e.rule().startsWith("SEL");
      if (e.stage() == FailureStage.OPEN) {
        assertThat(inspect.exitCode()).as("%s inspect: %s", c.name(), inspect).isEqualTo(2);
        assertThat(inspect.err()).containsIgnoringCase(e.fragment()).contains(rule);
        if (e.rule().equals("ARC-11")) {
          // verify reports a manifest.json of wrong types as its one problem (exit 1)
          assertThat(verify.exitCode()).as("%s verify: %s", c.name(), verify).isEqualTo(1);
          assertThat(verify.out()).containsIgnoringCase(e.fragment()).contains("ERROR ARC-11");
        } else {
          assertThat(verify.exitCode()).as("%s verify: %s", c.name(), verify).isEqualTo(2);
          assertThat(verify.err()).containsIgnoringCase(e.fragment()).contains(rule);
        }
      } else if (!selection) {
        if (e.stage() == FailureStage.LOAD) {
          assertThat(inspect.exitCode()).as("%s inspect: %s", c.name(), inspect).isEqualTo(2);
          assertThat(inspect.err()).containsIgnoringCase(e.fragment()).contains(rule);
        }
        assertThat(verify.exitCode()).as("%s verify: %s", c.name(), verify).isEqualTo(1);
        assertThat(verify.out()).as(c.name()).contains("ERROR " + e.rule());
      }
    } else {
      assertThat(inspect.exitCode()).as("%s inspect: %s", c.name(), inspect).isZero();
      assertThat(copy.exitCode()).as("%s copy: %s", c.name(), copy).isZero();
      if (e.outcome() == Outcome.VALID) {
        assertThat(verify.exitCode()).as("%s verify: %s", c.name(), verify).isZero();
      } else {
        assertThat(verify.exitCode()).as("%s verify: %s", c.name(), verify).isEqualTo(1);
        assertThat(verify.out()).contains("ERROR " + e.rule());
      }
      try (ArchiveReader copied = ArchiveReader.open(out)) {
        assertThat(ArchiveVerifier.verify(copied, ArchiveVerifier.ProgressListener.NONE).isValid())
            .as("%s: the copy is a valid archive", c.name())
            .isTrue();
      }
      Files.delete(out);
    }
    assertThat(Leaks.files(work))
        .as("%s: nothing written beside the input", c.name())
        .containsExactly(input.getFileName().toString());
    assertThat(Leaks.projectTemporaryFiles(tmp))
        .as("%s: temporary files left", c.name())
        .isEqualTo(tmpBefore);
    assertThat(Leaks.newThreads(threads, 5_000)).as("%s: threads left", c.name()).isEmpty();
  }
}
