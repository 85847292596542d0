package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("dockerarchive selftest")
class SelfTestCommandTest {
  @Test
  @DisplayName("round-trips a generated archive through every transport and leaves nothing")
  void passesAndCleansUp() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before = countSelftestDirs(tmp);
    CliRun run = CliRun.of("selftest");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("selftest: OK");
    assertThat(countSelftestDirs(tmp)).isEqualTo(before);
  }

  private static long countSelftestDirs(Path tmp) throws Exception {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("dockerarchive-selftest-"))
          .count();
    }
  }
}
