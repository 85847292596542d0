package io.github.dockerarchive.testkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A daemon an interop test starts for itself (dockerd, containerd): its process, its log in the
 * test's directory, the wait until it answers and the stop by its PID, with every process it
 * started.
 */
final class DaemonProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Whether the daemon answers yet. */
  @FunctionalInterface
  interface Probe {
    boolean answers() throws IOException, InterruptedException;
  }

  private final String name;
  private final Process process;
  private final Path log;

  private DaemonProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Skips the current test, visibly, unless every executable is installed and the build runs as
   * root (the daemons need it).
   */
  static void assumeAvailable(String packageName, String... executables) {
    String missing = null;
    for (String executable : executables) {
      if (missing == null && !ExternalTool.of(executable).isInstalled()) {
        missing =
            executable
                + " is not installed (apt-get install -y "
                + packageName
                + "; .ci/run does this)";
      }
    }
    if (missing == null && !"root".equals(System.getProperty("user.name"))) {
      missing =
          executables[0] + " needs root, and the build runs as " + System.getProperty("user.name");
    }
    if (missing != null) {
      System.err.println("SKIPPED interop test: " + missing);
    }
    assumeTrue(missing == null, missing);
  }

  /**
   * Starts the command with its output in {@code log} and waits until {@code probe} says it
   * answers; stops it again when it does not within a minute.
   */
  static DaemonProcess start(List<String> command, Path log, Probe probe)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    DaemonProcess daemon = new DaemonProcess(command.get(0), process, log);
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!probe.answers()) {
        if (!process.isAlive()) {
          throw new IOException(
              daemon.name + " exited " + process.exitValue() + ": " + daemon.logTail());
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              daemon.name + " did not answer within " + START_TIMEOUT + ": " + daemon.logTail());
        }
        Thread.sleep(200);
      }
      return daemon;
    } catch (IOException | InterruptedException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  /** The end of the daemon's log, at most 2,000 characters. */
  String logTail() {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the daemon and every process it started: TERM, then KILL after a grace period. An
   * interrupt while waiting kills them at once and is kept on the thread.
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
    } catch (ExecutionException | TimeoutException e) {
      // a child that did not stop in time is killed below
    } finally {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
