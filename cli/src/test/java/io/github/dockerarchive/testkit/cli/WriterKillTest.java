package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WR-10: {@code dockerarchive copy oci:... docker-archive:OUT:x} of a 2 GiB image in a child JVM,
 * killed with SIGKILL at several points while it writes. The target path never holds a partial
 * archive; the temporary file is named {@code .OUT.dockerarchive-tmp-*} so that {@link
 * ArchiveWriter#deleteLeftovers} removes it; a run left alone produces a valid archive.
 */
@DisplayName("WR-10: kill -9 while writing leaves no partial archive, only a named leftover")
class WriterKillTest {
  static final long LAYER = 512L << 20;
  static final long TOTAL = 4 * LAYER;

  @TempDir static Path dir;
  static Path layout;

  @BeforeAll
  static void makeOciSource() throws IOException {
    Path synthetic = dir.resolve("source.tar");
    SyntheticArchives.materialize(
        ArchiveSpec.builder()
            .image(
                List.of("kill/source:1"),
                LayerSpec.filler(LAYER),
                LayerSpec.filler(LAYER + 1),
                LayerSpec.filler(LAYER + 2),
                LayerSpec.filler(LAYER + 3))
            .build(),
        synthetic);
    layout = dir.resolve("layout");
    CliRun run = CliRun.of("copy", "docker-archive:" + synthetic, "oci:" + layout + ":x");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    Files.delete(synthetic);
  }

  private Process start(Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            DockerArchiveCli.class.getName(),
            "copy",
            "oci:" + layout + ":x",
            "docker-archive:" + out + ":kill/copy:1")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static Optional<Path> leftover(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out.getParent())) {
      return files
          .filter(
              p ->
                  p.getFileName()
                      .toString()
                      .startsWith("." + out.getFileName() + ArchiveWriter.TEMPORARY_MARKER))
          .findFirst();
    }
  }

  @Test
  void killedAtFivePointsThenLeftAlone() throws Exception {
    Path targets = Files.createDirectory(dir.resolve("targets"));
    Path out = targets.resolve("out.tar");
    double[] points = {0.0, 0.1, 0.4, 0.7, 0.95};
    int killed = 0;
    for (double point : points) {
      long threshold = (long) (TOTAL * point);
      Process child = start(out);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      boolean reached = false;
      while (child.isAlive() && System.nanoTime() < deadline) {
        Optional<Path> temp = leftover(out);
        if (temp.isPresent() && sizeOf(temp.get()) >= threshold) {
          reached = true;
          break;
        }
        Thread.sleep(2);
      }
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (!reached) {
        // The child finished before the kill point: then it must have finished properly.
        assertThat(child.exitValue()).as("child finished before the kill point").isZero();
        Files.delete(out);
        continue;
      }
      killed++;
      assertThat(out)
          .as("kill at %.0f%%: no partial archive at the target", point * 100)
          .doesNotExist();
      assertThat(leftover(out)).as("a named leftover a later run can find").isPresent();
      assertThat(ArchiveWriter.deleteLeftovers(out)).isEqualTo(1);
      assertThat(leftover(out)).isEmpty();
    }
    assertThat(killed).as("kill points reached").isGreaterThanOrEqualTo(3);

    Process child = start(out);
    assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    try (Stream<Path> files = Files.list(targets)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.tar");
    }
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
      assertThat(reader.imageSource(null, 0).layers()).hasSize(4);
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1; // renamed or deleted between the listing and now
    }
  }
}
