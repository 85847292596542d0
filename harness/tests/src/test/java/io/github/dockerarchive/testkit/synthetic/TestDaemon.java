package io.github.dockerarchive.testkit.synthetic;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import io.github.dockerarchive.testkit.conformance.adapters.PrivateDaemon;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.io.IOException;
import java.util.List;

/**
 * A private daemon for an interop test class (the conformance suite's {@link PrivateDaemon}: its
 * own short directory, stopped by its PID), with its client as an {@link ExternalTool}; where the
 * daemon cannot run here (not installed, not root) the test is skipped, visibly, with the reason.
 */
final class TestDaemon implements AutoCloseable {
  /** Starts a private daemon. */
  @FunctionalInterface
  interface Start {
    PrivateDaemon start()
        throws ImplementationUnavailableException, IOException, InterruptedException;
  }

  private final PrivateDaemon daemon;
  private final ExternalTool client;

  private TestDaemon(PrivateDaemon daemon) {
    this.daemon = daemon;
    List<String> command = daemon.client();
    this.client =
        ExternalTool.of(command.get(0), command.subList(1, command.size()).toArray(String[]::new));
  }

  /** A private dockerd, or the test skipped with the reason it cannot run here. */
  static TestDaemon dockerOrSkip() throws IOException, InterruptedException {
    return startOrSkip(PrivateDaemon::docker);
  }

  /** A private containerd, or the test skipped with the reason it cannot run here. */
  static TestDaemon containerdOrSkip() throws IOException, InterruptedException {
    return startOrSkip(PrivateDaemon::containerd);
  }

  private static TestDaemon startOrSkip(Start start) throws IOException, InterruptedException {
    try {
      return new TestDaemon(start.start());
    } catch (ImplementationUnavailableException e) {
      System.err.println("SKIPPED interop test: " + e.getMessage());
      assumeTrue(false, e.getMessage());
      throw new AssertionError("unreachable", e);
    }
  }

  /** The {@code docker} client bound to this daemon. */
  ExternalTool docker() {
    return client;
  }

  /** The {@code ctr} client bound to this daemon. */
  ExternalTool ctr() {
    return client;
  }

  /** The end of the daemon's log, for failure messages. */
  String logTail() {
    return daemon.logTail();
  }

  @Override
  public void close() {
    daemon.close();
  }
}
