package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @ForAll ArchiveFixture} leaves nothing behind: archives exist during their try, and the
 * temporary root is empty after the property, whether it passed or failed; a failure reports the
 * spec and the seed.
 */
@DisplayName("Fixtures of a property run are deleted; a failure reports spec and seed")
class FixtureCleanupTest {
  @TempDir Path root;
  private String previous;

  @BeforeEach
  void useRoot() {
    previous = System.getProperty(FixtureFiles.ROOT_PROPERTY);
    System.setProperty(FixtureFiles.ROOT_PROPERTY, root.toString());
    CleanupDemo.SEEN.clear();
  }

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty(FixtureFiles.ROOT_PROPERTY);
    } else {
      System.setProperty(FixtureFiles.ROOT_PROPERTY, previous);
    }
  }

  @Test
  @DisplayName("a passing property: 20 archives seen, none left")
  void passing() throws Exception {
    DemoRun run = DemoRun.of(CleanupDemo.class, "passes", ArchiveFixture.class.getName());

    assertThat(run.failures()).isZero();
    assertThat(CleanupDemo.SEEN).hasSizeGreaterThanOrEqualTo(20);
    assertThat(CleanupDemo.SEEN)
        .allSatisfy(
            p -> {
              assertThat(p.startsWith(root)).as("%s is under the root", p).isTrue();
              assertThat(p).doesNotExist();
            });
    assertThat(contents(root)).isEmpty();
  }

  @Test
  @DisplayName("a failing property: shrunk, reported with spec JSON and seed, none left")
  void failing() throws Exception {
    DemoRun run =
        DemoRun.of(CleanupDemo.class, "failsWhenALayerHasFiles", ArchiveFixture.class.getName());

    assertThat(run.failures()).isEqualTo(1);
    assertThat(run.reportedSpec().images().get(0).layers().get(0).files()).hasSize(1);
    assertThat(run.reports(ArchiveFixtureLifecycle.REPORT_KEY).get(0)).contains("(seed 7)");
    assertThat(contents(root)).isEmpty();
  }

  private static java.util.List<Path> contents(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
