package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 tests each injected with a small archive (one image, two 1 KiB layers), written, injected
 * and deleted: all succeed and nothing is left behind. How fast is measured by {@code
 * bench/fixtures}, not here (timed unit tests flake on shared machines).
 */
@DisplayName("DockerArchiveExtension: 1,000 injected archives")
class ThousandArchivesTest {
  static final AtomicLong BYTES = new AtomicLong();
  @TempDir Path root;

  @TestKit.Fixture
  @DockerArchiveTest
  static class Thousand {
    @RepeatedTest(1000)
    void each(@SyntheticArchive ArchiveFixture archive) {
      BYTES.addAndGet(archive.path().toFile().length());
    }
  }

  @Test
  @DisplayName("1,000 tests with an injected archive each all pass and leave nothing behind")
  void thousand() throws Exception {
    BYTES.set(0);
    // Warm up class loading and the JIT a little, as a real suite would have.
    TestKit.run(
        java.util.Map.of(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.toString()), Thousand.class);
    BYTES.set(0);
    long start = System.nanoTime();
    TestKit.run(
            java.util.Map.of(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.toString()),
            Thousand.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1000).failed(0));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf(
        "[dockerarchive] 1,000 injected archives (%d bytes written) in %d ms%n",
        BYTES.get(), millis);
    assertThat(BYTES.get()).isPositive();
    try (java.util.stream.Stream<Path> left = java.nio.file.Files.walk(root)) {
      assertThat(left.filter(java.nio.file.Files::isRegularFile)).isEmpty();
    }
  }
}
