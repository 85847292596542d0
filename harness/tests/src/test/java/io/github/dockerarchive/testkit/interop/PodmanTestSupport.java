package io.github.dockerarchive.testkit.interop;

import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop tests against podman with storage of its own under each test's temporary directory
 * ({@code --storage-driver vfs}); skipped with the reason where podman is not installed.
 */
abstract class PodmanTestSupport {
  @TempDir Path dir;
  ExternalTool podman;

  @BeforeEach
  void isolatedPodman() {
    podman = ExternalTool.isolatedPodman(dir);
    podman.assumeInstalled();
  }
}
