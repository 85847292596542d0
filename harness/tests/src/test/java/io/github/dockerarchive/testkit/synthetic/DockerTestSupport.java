package io.github.dockerarchive.testkit.synthetic;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop tests against a private Docker Engine, started once per test class in a directory of its
 * own and stopped by its PID afterwards; skipped with the reason where Docker is not installed.
 */
abstract class DockerTestSupport {
  static TestDaemon daemon;

  @TempDir Path dir;

  @BeforeAll
  static void startDocker() throws Exception {
    daemon = TestDaemon.dockerOrSkip();
  }

  @AfterAll
  static void stopDocker() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }
}
