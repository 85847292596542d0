package io.github.dockerarchive.testkit.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Runs the command-line tool in a separate JVM with a small heap and records its peak RSS. */
final class BoundedMemoryRun {
  private final List<String> command;
  private int exitCode;
  private double seconds;
  private long peakRssKib;
  private long bytes;

  private BoundedMemoryRun(List<String> command) {
    this.command = command;
  }

  static BoundedMemoryRun verify(Path archive, String heapFlag)
      throws IOException, InterruptedException {
    String jar = cliJar().toString();
    BoundedMemoryRun run =
        new BoundedMemoryRun(
            List.of(
                "java", heapFlag, "-XX:+UseSerialGC", "-jar", jar, "verify", archive.toString()));
    run.bytes = Files.size(archive);
    run.execute();
    return run;
  }

  /**
   * The tool's runnable jar (built by the cli module, which the benchmarks module does not depend
   * on): when it is missing, the launcher builds it.
   */
  static Path cliJar() throws IOException, InterruptedException {
    Path jar = Path.of("cli/target/dockerarchive.jar");
    if (!Files.exists(jar)) {
      CommandTimer.run(List.of(Path.of("dockerarchive").toAbsolutePath().toString(), "--version"));
    }
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          "build the tool first (./dockerarchive --version); missing " + jar.toAbsolutePath());
    }
    return jar;
  }

  private void execute() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
            .start();
    long peak = 0;
    while (p.isAlive()) {
      peak = Math.max(peak, Environment.peakRssKib(p.pid()));
      Thread.sleep(20);
    }
    exitCode = p.waitFor();
    seconds = (System.nanoTime() - t0) / 1e9;
    peakRssKib = peak;
  }

  String markdown() {
    return String.format(
        Locale.ROOT,
        "| command | exit | wall (s) | MiB/s | peak RSS (MiB) |%n|---|---:|---:|---:|---:|%n"
            + "| `%s` | %d | %.1f | %.0f | %.0f |%n",
        String.join(" ", command).replaceAll("\\S*/(\\S+)", "$1"),
        exitCode,
        seconds,
        bytes / seconds / (1 << 20),
        peakRssKib / 1024.0);
  }
}
