package io.github.dockerarchive.testkit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A private Docker Engine for interop tests: {@code dockerd} with its data root, exec root, socket
 * and PID file under a directory of the test's own, the {@code vfs} storage driver and no network
 * set-up, so it neither needs nor touches the machine's Docker. {@link #close()} stops it by its
 * PID (and the containerd it started), whatever happened in the test.
 *
 * <p>Tests call {@link #assumeAvailable()} first: where {@code dockerd} or {@code docker} is
 * missing, or the build does not run as root, the test is skipped with the reason.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DockerDaemon implements AutoCloseable {
  private final DaemonProcess process;
  private final ExternalTool docker;

  private DockerDaemon(DaemonProcess process, ExternalTool docker) {
    this.process = process;
    this.docker = docker;
  }

  /** Skips the current test, visibly, when no private Docker Engine can be started here. */
  public static void assumeAvailable() {
    DaemonProcess.assumeAvailable("docker.io", "dockerd", "docker");
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
    ExternalTool docker = ExternalTool.of("docker", "--host", "unix://" + socket);
    List<String> command =
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
            "--bridge=none");
    DaemonProcess process =
        DaemonProcess.start(
            command,
            dir.resolve("dockerd.log"),
            () -> Files.exists(socket) && docker.tryRun("version").exitCode() == 0);
    return new DockerDaemon(process, docker);
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
    return process.logTail();
  }

  /** Stops the daemon and every process it started (its containerd): TERM, then KILL. */
  @Override
  public void close() {
    process.close();
  }
}
