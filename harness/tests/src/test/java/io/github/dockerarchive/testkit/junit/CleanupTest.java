package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Cleanup modes: what is deleted, what is kept, and what is reported for a failed test. */
@DisplayName("DockerArchiveExtension: cleanup")
class CleanupTest {
  @TempDir Path root;

  @TestKit.Fixture
  @DockerArchiveTest
  static class Modes {
    @Test
    void alwaysPasses(@SyntheticArchive(cleanup = CleanupMode.ALWAYS) Path a) {}

    @Test
    void alwaysFails(@SyntheticArchive(cleanup = CleanupMode.ALWAYS) Path a) {
      throw new AssertionError("boom");
    }

    @Test
    void onSuccessPasses(@SyntheticArchive(cleanup = CleanupMode.ON_SUCCESS) Path a) {}

    @Test
    void onSuccessFails(@SyntheticArchive(cleanup = CleanupMode.ON_SUCCESS, seed = 4242) Path a) {
      throw new AssertionError("boom");
    }

    @Test
    void neverPasses(@SyntheticArchive(cleanup = CleanupMode.NEVER) Path a) {}
  }

  @Test
  @DisplayName(
      "ALWAYS deletes, ON_SUCCESS keeps only a failed test's archive, NEVER keeps; kept archives are reported with their seed")
  void modes() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EngineExecutionResults results = runCapturingStderr(err, Map.of(), Modes.class);
    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(2));

    List<Path> kept = archives();
    assertThat(kept).hasSize(2);
    assertThat(kept)
        .extracting(p -> p.getParent().getFileName().toString())
        .allMatch(n -> n.startsWith("dockerarchive-"));

    List<String> entries = reportEntries(results);
    assertThat(entries).hasSize(2);
    assertThat(entries)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("seed 4242")
                    .contains("parameter 0 (a) of method CleanupTest$Modes.onSuccessFails(Path)"));
    Path replay =
        kept.stream()
            .filter(p -> p.toString().contains("dockerarchive-"))
            .map(p -> p.resolveSibling("spec.json"))
            .filter(Files::exists)
            .findFirst()
            .orElseThrow();
    assertThat(io.github.dockerarchive.testkit.synthetic.SpecJson.read(replay).seed())
        .isIn(0L, 4242L);
    assertThat(entries)
        .allSatisfy(e -> assertThat(e).contains("replay with @SyntheticArchive(spec = \""));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("[dockerarchive] onSuccessFails(Path) failed: kept " + root)
        .contains("seed 4242")
        .doesNotContain("neverPasses");
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class ClassLevel {
    @SyntheticArchive(cleanup = CleanupMode.ON_SUCCESS)
    static Path shared;

    @Test
    void passes() {}

    @Test
    void fails() {
      throw new AssertionError("boom");
    }
  }

  @Test
  @DisplayName("a static field's archive with ON_SUCCESS is kept when any test of the class failed")
  void classLevelOnSuccess() throws IOException {
    TestKit.run(Map.of(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.toString()), ClassLevel.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(1));
    assertThat(archives()).hasSize(1);
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class ConfiguredDefault {
    @Test
    void fails(@SyntheticArchive Path a) {
      throw new AssertionError("boom");
    }

    @Test
    void overridden(@SyntheticArchive(cleanup = CleanupMode.ALWAYS) Path a) {
      throw new AssertionError("boom");
    }
  }

  @Test
  @DisplayName("dockerarchive.cleanup sets the default; an explicit attribute wins")
  void configuredDefault() throws IOException {
    TestKit.run(
            Map.of(
                SyntheticArchive.TEMP_DIR_PROPERTY_NAME,
                root.toString(),
                SyntheticArchive.DEFAULT_CLEANUP_PROPERTY_NAME,
                "on_success"),
            ConfiguredDefault.class)
        .testEvents()
        .assertStatistics(s -> s.failed(2));
    assertThat(archives()).hasSize(1);
    assertThat(archives().get(0).getFileName().toString()).isEqualTo("a.tar");
  }

  private EngineExecutionResults runCapturingStderr(
      ByteArrayOutputStream err, Map<String, String> config, Class<?> type) {
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      var all = new java.util.HashMap<>(config);
      all.put(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.toString());
      return TestKit.run(all, type);
    } finally {
      System.setErr(original);
    }
  }

  static List<String> reportEntries(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(
            e ->
                e.getRequiredPayload(ReportEntry.class)
                    .getKeyValuePairs()
                    .get("dockerarchive.kept"))
        .toList();
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tar")).toList();
    }
  }
}
