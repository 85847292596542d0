package io.github.dockerarchive.testkit.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Jazzer fuzz test of {@code ArchiveReader} and {@code ImageSource} over raw bytes, seeded with a
 * small archive of every producer dialect (resources {@code ArchiveBytesFuzzTestInputs/...}), so
 * libFuzzer's mutations start from valid archives. The property (SAFE-1): any input either reads
 * fully (every image, every blob to its verified end) or fails with an {@code ArchiveException};
 * never another exception, an {@code OutOfMemoryError} or a hang; and no temporary file remains.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs the seeds and every input in the regression corpus (a
 * regression test per crash found). With it, it fuzzes for {@code maxDuration}; see
 * docs/hostile-input.md ("Fuzzing") for long runs.
 */
class ArchiveBytesFuzzTest {
  static final Path TMP = temporaryDirectory("fuzz-bytes-");

  /** Caps keep a decompression bomb found by mutation from taking the whole budget. */
  static final ReaderOptions OPTIONS =
      ReaderOptions.defaults()
          .withTemporaryDirectory(TMP)
          .withMaxArchiveSize(64L << 20)
          .withMaxLayerSize(64L << 20);

  static Path temporaryDirectory(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "40s")
  void anyBytesReadFullyOrFailTyped(byte[] data) throws IOException {
    HostileRunner.readAll(new ByteArrayInputStream(data), OPTIONS);
    assertNoTemporaryFiles(TMP);
  }

  static void assertNoTemporaryFiles(Path dir) throws IOException {
    Set<String> left = Leaks.files(dir);
    if (!left.isEmpty()) {
      throw new AssertionError("temporary files left: " + left);
    }
  }
}
