package io.github.dockerarchive.testkit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A private containerd for interop tests: a config file of its own (root, state and socket under a
 * directory of the test's own, the CRI plugin disabled), so it neither needs nor touches the
 * machine's containerd. {@link #close()} stops it by its PID, whatever happened in the test.
 *
 * <p>Tests call {@link #assumeAvailable()} first: where {@code containerd} or {@code ctr} is
 * missing, or the build does not run as root, the test is skipped with the reason.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ContainerdDaemon implements AutoCloseable {
  private final DaemonProcess process;
  private final ExternalTool ctr;

  private ContainerdDaemon(DaemonProcess process, ExternalTool ctr) {
    this.process = process;
    this.ctr = ctr;
  }

  /** Skips the current test, visibly, when no private containerd can be started here. */
  public static void assumeAvailable() {
    DaemonProcess.assumeAvailable("containerd", "containerd", "ctr");
  }

  /**
   * Starts a containerd whose files all live under {@code dir} and waits until it answers.
   *
   * @param dir an empty directory of the test's own; its path must be short (a Unix socket path
   *     holds at most 107 bytes)
   * @return the running daemon
   * @throws IOException if it does not start or answer within a minute (the message holds the end
   *     of its log)
   * @throws InterruptedException if interrupted while waiting
   */
  public static ContainerdDaemon start(Path dir) throws IOException, InterruptedException {
    Path socket = dir.resolve("containerd.sock");
    Path config = dir.resolve("config.toml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version = 2",
            "root = \"" + dir.resolve("root") + "\"",
            "state = \"" + dir.resolve("state") + "\"",
            "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
            "[grpc]",
            "  address = \"" + socket + "\"",
            ""),
        StandardCharsets.UTF_8);
    ExternalTool ctr = ExternalTool.of("ctr", "--address", socket.toString());
    DaemonProcess process =
        DaemonProcess.start(
            List.of("containerd", "--config", config.toString()),
            dir.resolve("containerd.log"),
            () -> Files.exists(socket) && ctr.tryRun("version").exitCode() == 0);
    return new ContainerdDaemon(process, ctr);
  }

  /**
   * The {@code ctr} client bound to this daemon's socket.
   *
   * @return the client
   */
  public ExternalTool ctr() {
    return ctr;
  }

  /**
   * The end of the daemon's log, for failure messages.
   *
   * @return at most its last 2,000 characters
   */
  public String logTail() {
    return process.logTail();
  }

  /** Stops the daemon by its PID: TERM, then KILL. */
  @Override
  public void close() {
    process.close();
  }
}
