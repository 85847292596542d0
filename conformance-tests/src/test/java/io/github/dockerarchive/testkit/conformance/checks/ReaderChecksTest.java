package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader checks (archive format, selection, source, real corpus) against the built-in
 * implementation: every one of them must pass, and none may leave its scratch directory behind.
 */
class ReaderChecksTest {
  @TempDir Path work;

  @Test
  void archiveFormatChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(ArchiveFormatChecks.checks());
  }

  @Test
  void selectionChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(SelectionChecks.checks());
  }

  @Test
  void sourceChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(SourceChecks.checks());
  }

  @Test
  void corpusChecksPassAgainstBuiltin() throws Exception {
    assertAllPass(CorpusChecks.checks());
  }

  private void assertAllPass(List<Check> checks) throws Exception {
    assertThat(checks).isNotEmpty();
    BuiltinRun.requireAllPass(checks, work);
  }
}
