package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A provider for a tool that needs a daemon (Docker Engine, containerd): {@link #create} starts a
 * private daemon once for the run, in a short temporary directory of its own (its sockets live
 * there), and hands its socket to the adapter script through an environment variable; closing the
 * implementation stops the daemon by its PID. Where a tool is missing, the run is not as root, or
 * the daemon does not start, the implementation is reported as skipped with the reason. A peer:
 * only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class DaemonProvider implements ImplementationProvider {
  private final String name;
  private final String packageName;
  private final List<String> tools;

  /**
   * A provider of a daemon-backed tool.
   *
   * @param name the name given to {@code --impl}; the script is {@code NAME.sh}
   * @param packageName the Debian package that installs the tools
   * @param tools the executables needed on the {@code PATH}, the daemon first
   */
  protected DaemonProvider(String name, String packageName, List<String> tools) {
    this.name = name;
    this.packageName = packageName;
    this.tools = List.copyOf(tools);
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
    for (String tool : tools) {
      if (ScriptProvider.findOnPath(tool) == null) {
        throw new ImplementationUnavailableException(
            tool + " is not installed (apt-get install -y " + packageName + ")");
      }
    }
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      throw new ImplementationUnavailableException(
          "a private " + tools.get(0) + " needs root, and the run is as " + user);
    }
    Path directory = Files.createTempDirectory(shortTemporaryDirectory(), "da-" + name + "-");
    PrivateDaemon daemon;
    try {
      daemon = start(directory);
    } catch (IOException e) {
      FileTrees.delete(directory);
      throw new ImplementationUnavailableException(
          "the private " + tools.get(0) + " did not start: " + e.getMessage(), e);
    }
    try {
      Path executable = ScriptProvider.extract(name + ".sh", settings.scratch());
      CommandImplementation script =
          CommandImplementation.start(
              name, List.of(executable.toString()), environment(directory), settings);
      return new DaemonImplementation(
          name, this::start, daemon, directory, script, settings.scratch());
    } catch (Exception | Error e) {
      daemon.close();
      throw e;
    }
  }

  /**
   * Starts the daemon with all its files under a directory.
   *
   * @param directory the daemon's own directory, short enough for its sockets
   * @return the daemon, answering
   * @throws IOException when it does not start
   * @throws InterruptedException when interrupted while waiting
   */
  abstract PrivateDaemon start(Path directory) throws IOException, InterruptedException;

  /**
   * The environment that points the adapter's client at the daemon.
   *
   * @param directory the daemon's directory
   * @return the variables
   */
  abstract Map<String, String> environment(Path directory);

  /** A temporary directory short enough for Unix socket paths (at most 107 bytes). */
  private static Path shortTemporaryDirectory() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    return tmp.toString().length() <= 40 ? tmp : Path.of("/tmp");
  }
}
