package io.github.dockerarchive.testkit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up benchmark: inspecting a tiny archive ({@code samples/almostempty.tar}) through the
 * launcher (class-data sharing), through a plain {@code java -jar} (no sharing archive) and with
 * {@code skopeo inspect}, interleaved, median of N runs each.
 *
 * <p>Usage: {@code bench/startup [--repeat 10] [--archive samples/almostempty.tar] [--out FILE]}
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

  /**
   * Runs the benchmark and writes a Markdown report.
   *
   * @param args see the class comment
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = CopyBenchmark.options(args);
    int repeat = Integer.parseInt(o.getOrDefault("--repeat", "10"));
    String archive = o.getOrDefault("--archive", "samples/almostempty.tar");
    String jar = BoundedMemoryRun.cliJar().toString();
    String launcher = CommandTimer.launcher();
    List<List<String>> commands =
        List.of(
            List.of(launcher, "inspect", archive),
            List.of("java", "-XX:+UseSerialGC", "-jar", jar, "inspect", archive),
            List.of("java", "-jar", jar, "inspect", archive),
            List.of("skopeo", "inspect", "docker-archive:" + archive));
    List<String> labels =
        List.of(
            "`./dockerarchive inspect` (launcher, class-data sharing)",
            "`java -XX:+UseSerialGC -jar dockerarchive.jar inspect` (the launcher's flags, no"
                + " application class-data archive)",
            "`java -jar dockerarchive.jar inspect` (default JVM flags)",
            "`skopeo inspect docker-archive:`");
    List<List<CommandTimer.Run>> runs = new ArrayList<>();
    for (List<String> command : commands) {
      CommandTimer.run(command); // warm-up: page cache, and the launcher's sharing archive
      runs.add(new ArrayList<>());
    }
    for (int i = 0; i < repeat; i++) {
      for (int c = 0; c < commands.size(); c++) {
        runs.get(c).add(CommandTimer.run(commands.get(c)));
      }
    }
    StringBuilder report = Environment.reportWithSkopeo("Start-up benchmark");
    report.append(
        String.format(
            Locale.ROOT,
            "## inspect of %s (median of %d, interleaved)%n%n"
                + "| command | median (s) | fastest (s) | peak RSS (MiB) |%n|---|---:|---:|---:|%n",
            archive,
            repeat));
    double[] medians = new double[commands.size()];
    for (int c = 0; c < commands.size(); c++) {
      CommandTimer.Run m = CommandTimer.median(runs.get(c));
      medians[c] = m.seconds();
      double fastest = runs.get(c).stream().mapToDouble(CommandTimer.Run::seconds).min().orElse(0);
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.0f |%n",
              labels.get(c),
              m.seconds(),
              fastest,
              m.peakRssKib() / 1024.0));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "%n- the application class-data archive saves %.0f ms per command (%.0f %%; same JVM"
                + " flags otherwise)%n"
                + "- ours / skopeo: %.1f× (a Go binary starts in milliseconds; a JVM does not)%n",
            (medians[1] - medians[0]) * 1000,
            (medians[1] - medians[0]) * 100 / medians[1],
            medians[0] / medians[3]));
    Environment.publish(report.toString(), o);
  }
}
