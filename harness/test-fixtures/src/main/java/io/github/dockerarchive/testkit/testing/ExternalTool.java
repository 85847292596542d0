package io.github.dockerarchive.testkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A command-line tool the interop tests run (skopeo, podman). When it is not installed the calling
 * test is skipped with a reason that names the tool and how to install it, printed to stderr as
 * well so the skip is visible in the build log.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ExternalTool {
  private final String name;
  private final List<String> prefix;

  private ExternalTool(String name, List<String> prefix) {
    this.name = name;
    this.prefix = List.copyOf(prefix);
  }

  /**
   * A tool found on the PATH, with arguments always passed first.
   *
   * @param name the executable
   * @param fixedArgs arguments for every call
   * @return the tool
   */
  public static ExternalTool of(String name, String... fixedArgs) {
    List<String> prefix = new ArrayList<>();
    prefix.add(name);
    prefix.addAll(List.of(fixedArgs));
    return new ExternalTool(name, prefix);
  }

  /**
   * podman with storage of its own under {@code dir} ({@code --storage-driver vfs}, as root here),
   * so tests never touch the machine's images.
   *
   * @param dir a directory for the storage and run roots
   * @return the tool
   */
  public static ExternalTool isolatedPodman(java.nio.file.Path dir) {
    return of(
        "podman",
        "--storage-driver",
        "vfs",
        "--root",
        dir.resolve("storage").toString(),
        "--runroot",
        dir.resolve("run").toString(),
        "--events-backend",
        "none",
        "--cgroup-manager",
        "cgroupfs");
  }

  /**
   * Whether the executable is on the PATH.
   *
   * @return true if found
   */
  public boolean isInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** Skips the current test, visibly, when the tool is missing. */
  public void assumeInstalled() {
    boolean installed = isInstalled();
    if (!installed) {
      System.err.println(
          "SKIPPED interop test: "
              + name
              + " is not installed (apt-get install -y skopeo podman; .ci/run does this)");
    }
    assumeTrue(installed, name + " is not installed (apt-get install -y " + name + ")");
  }

  /**
   * Runs the tool and fails with its output when it exits non-zero.
   *
   * @param args the arguments after the fixed ones
   * @return standard output
   * @throws IOException if it cannot start, times out or fails
   * @throws InterruptedException if interrupted while waiting
   */
  public String run(String... args) throws IOException, InterruptedException {
    Result r = tryRun(args);
    if (r.exitCode() != 0) {
      throw new IOException(
          String.join(" ", command(args)) + " exited " + r.exitCode() + ": " + r.err() + r.out());
    }
    return r.out();
  }

  /**
   * Runs the tool and returns its exit code and output, whatever they are.
   *
   * @param args the arguments after the fixed ones
   * @return the result
   * @throws IOException if it cannot start or times out
   * @throws InterruptedException if interrupted while waiting
   */
  public Result tryRun(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("interop-out", ".txt");
    Path err = Files.createTempFile("interop-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command(args))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command(args)) + " timed out");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * The outcome of a run.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  public record Result(int exitCode, String out, String err) {}
}
