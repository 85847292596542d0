package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A private {@code dockerd} or {@code containerd}, for the {@code docker} and {@code containerd}
 * conformance implementations and for interop tests: every file it writes (data, state, sockets,
 * log) lives under a short temporary directory of its own ({@code da-docker-*} in {@code
 * java.io.tmpdir}, or {@code /tmp} when that path is long: a Unix socket path holds at most 107
 * bytes), so it neither needs nor touches the machine's daemon. {@link #close()} stops it by its
 * PID (TERM, then KILL with every process it started), unmounts what it left mounted below its
 * directory and removes the directory; a shutdown hook does the same if the JVM ends first.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PrivateDaemon implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Writes what the daemon reads before it starts (its config file). */
  @FunctionalInterface
  private interface Preparation {
    void prepare() throws IOException;
  }

  private final String name;
  private final Path directory;
  private final List<String> command;
  private final Preparation preparation;
  private final List<String> client;
  private final Map<String, String> environment;
  private final Thread hook;
  private Process process;
  private boolean closed;

  private PrivateDaemon(
      String name,
      Path directory,
      List<String> command,
      Preparation preparation,
      List<String> client,
      Map<String, String> environment) {
    this.name = name;
    this.directory = directory;
    this.command = List.copyOf(command);
    this.preparation = preparation;
    this.client = List.copyOf(client);
    this.environment = Map.copyOf(environment);
    this.hook = new Thread(this::stop, name + "-stop");
  }

  /**
   * Starts a private Docker Engine: {@code dockerd} with its data root, exec root, socket and PID
   * file in its directory, the {@code vfs} storage driver and no network set-up.
   *
   * @return the daemon, answering {@code docker version}
   * @throws ImplementationUnavailableException when {@code dockerd} or {@code docker} is not
   *     installed or the JVM does not run as root
   * @throws IOException when it does not start or answer within a minute (the message holds the end
   *     of its log)
   * @throws InterruptedException when interrupted while waiting
   */
  public static PrivateDaemon docker()
      throws ImplementationUnavailableException, IOException, InterruptedException {
    requireAvailable("docker.io", "dockerd", "docker");
    Path dir = shortDirectory("docker");
    String host = "unix://" + dir.resolve("docker.sock");
    List<String> command =
        List.of(
            "dockerd",
            "--host",
            host,
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
    return start(
        new PrivateDaemon(
            "dockerd",
            dir,
            command,
            () -> {},
            List.of("docker", "--host", host),
            Map.of("DOCKER_HOST", host)));
  }

  /**
   * Starts a private containerd: a config file of its own (root, state and socket in its directory,
   * the CRI plugin disabled).
   *
   * @return the daemon, answering {@code ctr version}
   * @throws ImplementationUnavailableException when {@code containerd} or {@code ctr} is not
   *     installed or the JVM does not run as root
   * @throws IOException when it does not start or answer within a minute (the message holds the end
   *     of its log)
   * @throws InterruptedException when interrupted while waiting
   */
  public static PrivateDaemon containerd()
      throws ImplementationUnavailableException, IOException, InterruptedException {
    requireAvailable("containerd", "containerd", "ctr");
    Path dir = shortDirectory("containerd");
    Path socket = dir.resolve("containerd.sock");
    Path config = dir.resolve("config.toml");
    String toml =
        String.join(
            "\n",
            "version = 2",
            "root = \"" + dir.resolve("root") + "\"",
            "state = \"" + dir.resolve("state") + "\"",
            "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
            "[grpc]",
            "  address = \"" + socket + "\"",
            "");
    return start(
        new PrivateDaemon(
            "containerd",
            dir,
            List.of("containerd", "--config", config.toString()),
            () -> Files.writeString(config, toml, StandardCharsets.UTF_8),
            List.of("ctr", "--address", socket.toString()),
            Map.of("CONTAINERD_ADDRESS", socket.toString())));
  }

  private static void requireAvailable(String packageName, String... tools)
      throws ImplementationUnavailableException {
    for (String tool : tools) {
      if (ScriptProvider.findOnPath(tool) == null) {
        throw new ImplementationUnavailableException(
            tool + " is not installed (apt-get install -y " + packageName + ")");
      }
    }
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      throw new ImplementationUnavailableException(
          "a private " + tools[0] + " needs root, and this runs as " + user);
    }
  }

  /** A new directory short enough for Unix socket paths below it. */
  private static Path shortDirectory(String name) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    return Files.createTempDirectory(
        tmp.toString().length() <= 40 ? tmp : Path.of("/tmp"), "da-" + name + "-");
  }

  private static PrivateDaemon start(PrivateDaemon daemon)
      throws IOException, InterruptedException {
    Runtime.getRuntime().addShutdownHook(daemon.hook);
    try {
      daemon.launch();
      return daemon;
    } catch (IOException | InterruptedException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  /** Starts the process and waits until the client answers. */
  private void launch() throws IOException, InterruptedException {
    preparation.prepare();
    Path log = directory.resolve(name + ".log");
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    List<String> probe = new ArrayList<>(client);
    probe.add("version");
    while (!answers(probe)) {
      if (!process.isAlive()) {
        throw new IOException(
            name + " exited with status " + process.exitValue() + ": " + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            name + " did not answer within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
      }
      Thread.sleep(200);
    }
  }

  private static boolean answers(List<String> probe) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(probe)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  /**
   * The client's command line bound to this daemon ({@code docker --host unix://...} or {@code ctr
   * --address ...}); append the arguments.
   *
   * @return the command
   */
  public List<String> client() {
    return client;
  }

  /**
   * The environment that points the client at this daemon ({@code DOCKER_HOST} or {@code
   * CONTAINERD_ADDRESS}).
   *
   * @return the variables
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * The end of the daemon's log, for failure messages.
   *
   * @return at most its last 2,000 characters
   */
  public String logTail() {
    try {
      String text = Files.readString(directory.resolve(name + ".log"), StandardCharsets.UTF_8);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the daemon and starts it again with an empty store in the same directory, at the same
   * socket (after a copy that hung, the daemon may still be busy with it).
   *
   * @throws IOException when it does not start again
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized void restart() throws IOException, InterruptedException {
    if (closed) {
      throw new IllegalStateException(name + " is closed");
    }
    stopProcess();
    unmountBelow(directory);
    FileTrees.delete(directory);
    Files.createDirectories(directory);
    launch();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook stops the daemon
    }
    stop();
  }

  /** Stops the daemon, unmounts and removes its directory, once. */
  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    unmountBelow(directory);
    try {
      FileTrees.delete(directory);
    } catch (IOException e) {
      System.err.println(name + ": could not remove " + directory + ": " + e.getMessage());
    }
  }

  /** TERM, then KILL after 20 s, with every process the daemon started (dockerd's containerd). */
  private void stopProcess() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
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

  /** Unmounts what is still mounted below a directory (dockerd bind-mounts its data root). */
  private static void unmountBelow(Path directory) {
    List<String> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          String point = fields[4].replace("\\040", " ");
          if (point.startsWith(directory + "/")) {
            mounts.add(point);
          }
        }
      }
    } catch (IOException e) {
      return; // no mount table: nothing to unmount
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : mounts) {
      try {
        new ProcessBuilder("umount", "-l", point)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        System.err.println("could not unmount " + point + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return name + " (PID " + (process == null ? "none" : process.pid()) + ", in " + directory + ")";
  }
}
