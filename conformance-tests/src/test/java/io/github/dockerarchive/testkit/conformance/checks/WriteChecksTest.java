package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteChecksTest {
  @TempDir Path work;

  @Test
  void everyCheckPassesAgainstTheBuiltinImplementation() throws Exception {
    BuiltinRun.requireAllPass(WriteChecks.checks(), work);
  }

  @Test
  void coversTheWriterRules() {
    List<String> rules = WriteChecks.checks().stream().map(c -> c.rule().id()).distinct().toList();
    assertThat(rules)
        .contains("WR-1", "WR-6", "WR-7", "WR-8", "WR-9", "WR-12", "REF-1", "REF-2", "REF-3");
    assertThat(WriteChecks.checks()).extracting(Check::id).doesNotHaveDuplicates();
  }
}
