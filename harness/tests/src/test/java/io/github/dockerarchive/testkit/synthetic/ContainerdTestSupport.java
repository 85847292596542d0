package io.github.dockerarchive.testkit.synthetic;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop tests against a private containerd, started once per test class in a directory of its own
 * and stopped by its PID afterwards; skipped with the reason where containerd is not installed.
 */
abstract class ContainerdTestSupport {
  static TestDaemon daemon;

  @TempDir Path dir;

  @BeforeAll
  static void startContainerd() throws Exception {
    daemon = TestDaemon.containerdOrSkip();
  }

  @AfterAll
  static void stopContainerd() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }
}
