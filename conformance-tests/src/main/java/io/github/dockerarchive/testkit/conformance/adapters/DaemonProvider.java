package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A provider for a tool that needs a daemon (Docker Engine, containerd): {@link #create} starts a
 * {@link PrivateDaemon} once for the run and hands its socket to the adapter script {@code NAME.sh}
 * through an environment variable; closing the implementation stops the daemon by its PID. Where a
 * tool is missing, the run is not as root, or the daemon does not start, the implementation is
 * reported as skipped with the reason. A peer: only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class DaemonProvider implements ImplementationProvider {
  /** Starts the tool's private daemon. */
  @FunctionalInterface
  interface DaemonStart {
    PrivateDaemon start()
        throws ImplementationUnavailableException, IOException, InterruptedException;
  }

  private final String name;
  private final DaemonStart daemonStart;

  DaemonProvider(String name, DaemonStart daemonStart) {
    this.name = name;
    this.daemonStart = daemonStart;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean reportOnly() {
    return true;
  }

  @Override
  public final ArchiveImplementation create(ImplementationSettings settings) throws Exception {
    PrivateDaemon daemon;
    try {
      daemon = daemonStart.start();
    } catch (IOException e) {
      throw new ImplementationUnavailableException(
          "the private daemon did not start: " + e.getMessage(), e);
    }
    try {
      return new DaemonImplementation(
          name,
          daemon,
          CommandImplementation.start(
              name,
              List.of(ScriptProvider.extract(name + ".sh", settings.scratch()).toString()),
              daemon.environment(),
              settings),
          settings.scratch());
    } catch (Exception | Error e) {
      daemon.close();
      throw e;
    }
  }
}
