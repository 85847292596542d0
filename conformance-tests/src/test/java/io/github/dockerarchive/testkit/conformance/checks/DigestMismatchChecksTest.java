package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestMismatchChecksTest {
  @TempDir Path work;

  @Test
  void everyCheckPassesAgainstTheBuiltinImplementation() throws Exception {
    BuiltinRun.requireAllPass(DigestMismatchChecks.checks(), work);
    try (var left = Files.list(work.resolve("builtin"))) {
      assertThat(left).as("scratch directories of passed checks are removed").isEmpty();
    }
  }

  @Test
  void coversTheDeletionRules() {
    List<String> rules =
        DigestMismatchChecks.checks().stream().map(c -> c.rule().id()).distinct().toList();
    assertThat(rules).contains("WR-2", "WR-3", "WR-4", "WR-5", "WR-10", "WR-11");
    assertThat(DigestMismatchChecks.checks()).extracting(Check::id).doesNotHaveDuplicates();
  }
}
