package io.github.dockerarchive.testkit.bench;

import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs whole commands, timing them and sampling their peak RSS. */
final class CommandTimer {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private CommandTimer() {}

  /**
   * The outcome of one run.
   *
   * @param seconds wall time
   * @param peakRssKib peak resident set size of the process (not its children), KiB
   */
  record Run(double seconds, long peakRssKib) {}

  /** Runs a command; fails with its output when it exits non-zero. */
  static Run run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  /** Runs a command with extra environment variables; fails when it exits non-zero. */
  static Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    return run(command, env, 0).orElseThrow();
  }

  /**
   * Runs a command, killing it (and its descendants) once it has run for {@code timeoutSeconds}
   * ({@code <= 0}: no limit); fails when it exits non-zero.
   *
   * <p>Before the clock starts, {@code sync} writes back what earlier runs left dirty, so that no
   * run pays for another's writeback (each pays for its own). The peak RSS comes from GNU {@code
   * /usr/bin/time} wrapped around the command, which reads it from the kernel when the process
   * ends; without it the process tree is sampled every 10 ms, which takes some CPU from the run.
   *
   * @return the run, or empty when the command was killed at the timeout
   */
  static Optional<Run> run(List<String> command, Map<String, String> env, double timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("bench-cmd", ".log");
    Path rss = Files.createTempFile("bench-rss", ".txt");
    try {
      settle();
      boolean timed = Files.isExecutable(GNU_TIME);
      List<String> argv = new ArrayList<>();
      if (timed) {
        argv.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
      }
      argv.addAll(command);
      long t0 = System.nanoTime();
      ProcessBuilder builder =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(env);
      Process p = builder.start();
      long peak = 0;
      // waitFor returns as soon as the process ends, so the wall time is not rounded up to the
      // polling period (which matters for start-up times of a few tens of milliseconds).
      do {
        if (!timed) {
          peak = Math.max(peak, peakOfTree(p.toHandle()));
        }
        if (timeoutSeconds > 0 && (System.nanoTime() - t0) / 1e9 > timeoutSeconds) {
          p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor();
          return Optional.empty();
        }
      } while (!p.waitFor(10, TimeUnit.MILLISECONDS));
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(log));
      }
      if (timed) {
        peak = Long.parseLong(Files.readString(rss).strip());
      }
      return Optional.of(new Run(seconds, peak));
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(rss);
    }
  }

  /** Writes back dirty pages, so the next timed run does not compete with earlier writeback. */
  private static void settle() throws IOException, InterruptedException {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  /** The largest peak RSS among a process and its descendants (the launcher script runs java). */
  private static long peakOfTree(ProcessHandle process) {
    long peak = Environment.peakRssKib(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      peak = Math.max(peak, Environment.peakRssKib(child.pid()));
    }
    return peak;
  }

  /**
   * An empty scratch directory: {@code --dir} from the options, or {@code name} in the system
   * temporary directory; whatever was there is deleted first.
   */
  static Path scratchDirectory(java.util.Map<String, String> options, String name)
      throws IOException {
    Path dir =
        Path.of(
            options.getOrDefault(
                "--dir", Path.of(System.getProperty("java.io.tmpdir"), name).toString()));
    FileTrees.delete(dir);
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * The absolute path of the {@code ./dockerarchive} launcher, once the tool's jar is built and the
   * launcher's first run (which writes the class-data sharing archive) is behind us, so that no
   * figure includes it.
   */
  static String launcher() throws IOException, InterruptedException {
    BoundedMemoryRun.cliJar();
    String launcher = Path.of("dockerarchive").toAbsolutePath().toString();
    run(List.of(launcher, "--version"));
    return launcher;
  }

  /** Median of the wall times and the largest peak RSS of repeated runs. */
  /** {@code skopeo --insecure-policy copy -q SOURCE DESTINATION}: skopeo's side of a copy. */
  static List<String> skopeoCopy(String source, String destination) {
    return List.of("skopeo", "--insecure-policy", "copy", "-q", source, destination);
  }

  static Run median(List<Run> runs) {
    List<Double> seconds = new ArrayList<>(runs.stream().map(Run::seconds).toList());
    seconds.sort(Double::compare);
    long peak = runs.stream().mapToLong(Run::peakRssKib).max().orElse(-1);
    return new Run(seconds.get(seconds.size() / 2), peak);
  }
}
