package io.github.dockerarchive.testkit.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An assertion that decompresses an archive deletes the decompressed copy before it returns: no
 * reader is left for a garbage collector to close.
 */
@DockerArchiveTest
@DisplayName("temporary copies of compressed archives")
class TemporaryCopiesTest {

  @Test
  @DisplayName(
      "a JVM whose tmpdir is private runs 20 assertions each on .tar.gz, .tar.xz and .tar.zst"
          + " archives and leaves the tmpdir empty")
  void childJvmLeavesNothing(
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"})
          Path plain,
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"},
              compression = Compression.GZIP)
          Path gzip,
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"},
              compression = Compression.XZ)
          Path xz,
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"},
              compression = Compression.ZSTD)
          Path zstd,
      @TempDir Path tmpdir)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-Djava.io.tmpdir=" + tmpdir,
                "-cp",
                classpath,
                TemporaryCopiesProbe.class.getName(),
                plain.toString(),
                gzip.toString(),
                xz.toString(),
                zstd.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();

    assertThat(output)
        .contains("CHECKED 20 assertions on " + gzip)
        .contains("CHECKED 20 assertions on " + xz)
        .contains("CHECKED 20 assertions on " + zstd)
        .doesNotContain("UNEXPECTED")
        .doesNotContain("LEFTOVER");
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(filesIn(tmpdir)).as("left in the child's tmpdir after it exited").isEmpty();
  }

  private static List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
