package io.github.dockerarchive.testkit.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Jazzer fuzz target of the differential tests: the first byte says what the rest is read as (even:
 * a tar, odd: a {@code manifest.json}), and the reader and Go's standard library must agree on it
 * exactly as in {@link GoTarDifferentialTest} and {@link GoJsonDifferentialTest}. Skipped with the
 * reason where Go is missing. Without {@code JAZZER_FUZZ=1} it replays its inputs only; with it,
 * libFuzzer mutates for {@code maxDuration} (docs/hostile-input.md, "Fuzzing").
 */
class GoDifferentialFuzzTest {
  static final Path TMP = temporaryDirectory();

  static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("godiff-fuzz-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void readerAgreesWithGo(byte[] data) throws Exception {
    GoReference.get();
    if (data.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    if ((data[0] & 1) == 0) {
      GoTarDifferentialTest.assertSameAsGo(rest, "fuzz input", TMP);
    } else {
      GoJsonDifferentialTest.assertSameAsGo(rest);
    }
  }
}
