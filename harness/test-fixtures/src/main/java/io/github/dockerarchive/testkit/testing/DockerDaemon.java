package io.github.dockerarchive.testkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A private Docker Engine for interop tests: {@code dockerd} with its data root, exec root, socket
 * and PID file under a directory of the test's own, the {@code vfs} storage driver and no network
 * set-up, so it neither needs nor touches the machine's Docker. {@link #close()} stops it by its
 * PID (and whatever it started), whatever happened in the test.
 *
 * <p>Tests call {@link #assumeAvailable()} first: where {@code dockerd} or {@code docker} is
 * missing, or the build does not run as root, the test is skipped with the reason.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DockerDaemon implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path socket;
  private final Path log;
  private final ExternalTool docker;

  private DockerDaemon(Process process, Path socket, Path log) {
    this.process = process;
    this.socket = socket;
    this.log = log;
    this.docker = ExternalTool.of("docker", "--host", "unix://" + socket);
  }

  /** Skips the current test, visibly, when no private Docker Engine can be started here. */
  public static void assumeAvailable() {
    String missing = null;
    if (!ExternalTool.of("dockerd").isInstalled() || !ExternalTool.of("docker").isInstalled()) {
      missing =
          "dockerd or docker is not installed (apt-get install -y docker.io; .ci/run does this)";
    } else if (!"root".equals(System.getProperty("user.name"))) {
      missing = "dockerd needs root, and the build runs as " + System.getProperty("user.name");
    }
    if (missing != null) {
      System.err.println("SKIPPED interop test: " + missing);
    }
    assumeTrue(missing == null, missing);
  }

  /**
   * Starts a daemon whose files all live under {@code dir} and waits until it answers.
   *
   * @param dir an empty directory of the test's own; its path must be short (a Unix socket path
   *     holds at most 107 bytes)
   * @return the running daemon
   * @throws IOException if it does not start or answer within a minute (the message holds the end
   *     of its log)
   * @throws InterruptedException if interrupted while waiting
   */
  public static DockerDaemon start(Path dir) throws IOException, InterruptedException {
    Path socket = dir.resolve("docker.sock");
    Path log = dir.resolve("dockerd.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    "dockerd",
                    "--host",
                    "unix://" + socket,
                    "--data-root",
                    dir.resolve("root").toString(),
                    "--exec-root",
                    dir.resolve("exec").toString(),
                    "--pidfile",
                    dir.resolve("docker.pid").toString(),
                    "--storage-driver",
                    "vfs",
                    "--iptables=false",
                    "--ip-masq=false",
                    "--bridge=none"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    DockerDaemon daemon = new DockerDaemon(process, socket, log);
    try {
      daemon.awaitReady();
      return daemon;
    } catch (IOException | InterruptedException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("dockerd exited " + process.exitValue() + ": " + logTail());
      }
      if (Files.exists(socket) && docker.tryRun("version").exitCode() == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException("dockerd did not answer within " + START_TIMEOUT + ": " + logTail());
  }

  /**
   * The {@code docker} client bound to this daemon's socket.
   *
   * @return the client
   */
  public ExternalTool docker() {
    return docker;
  }

  /**
   * The end of the daemon's log, for failure messages.
   *
   * @return at most its last 2,000 characters
   */
  public String logTail() {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the daemon and every process it started (its containerd): TERM, then KILL after a grace
   * period. An interrupt while waiting kills them at once and is kept on the thread.
   */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a child that did not stop in time is killed below
    } finally {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
