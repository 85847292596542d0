package io.github.dockerarchive.testkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Start-up benchmark: inspecting a tiny archive ({@code samples/almostempty.tar}) through the
 * launcher (class-data sharing), the same JVM without the application's class-data archive, a JVM
 * hello-world started with the launcher's flags (the floor the target is measured against) and
 * {@code skopeo inspect}, interleaved, median of N runs each. It also counts the classes one
 * inspect loads, how many of them come from the class-data archive and how many from the jar.
 *
 * <p>Usage: {@code benchmarks/scripts/startup [--repeat 10] [--archive samples/almostempty.tar]
 * [--out FILE]}
 */
public final class StartupBenchmark {
  /** The JVM flags {@code ./dockerarchive} starts the tool with, besides its class-data archive. */
  static final List<String> LAUNCHER_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

  /** The class the launcher starts by name (rather than with {@code -jar}, which reads the jar). */
  static final String MAIN_CLASS = "io.github.dockerarchive.testkit.cli.DockerArchiveCli";

  /** The target: inspect takes at most this many times a hello-world's start-up. */
  static final double TARGET_RATIO = 2.5;

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
    Path work = Files.createTempDirectory("bench-startup-");
    try {
      Path hello = helloJar(work);
      List<List<String>> commands =
          List.of(
              java(List.of("-jar", hello.toString())),
              List.of(launcher, "inspect", archive),
              java(List.of("-cp", jar, MAIN_CLASS, "inspect", archive)),
              List.of("skopeo", "inspect", "docker-archive:" + archive));
      List<String> labels =
          List.of(
              "JVM hello-world (one class in its own jar, the launcher's flags)",
              "`./dockerarchive inspect` (launcher: those flags and the class-data archive)",
              "`java` with the launcher's flags and class path `-cp dockerarchive.jar inspect`"
                  + " (no application class-data archive)",
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
        double fastest =
            runs.get(c).stream().mapToDouble(CommandTimer.Run::seconds).min().orElse(0);
        report.append(
            String.format(
                Locale.ROOT,
                "| %s | %.3f | %.3f | %.0f |%n",
                labels.get(c),
                m.seconds(),
                fastest,
                m.peakRssKib() / 1024.0));
      }
      double ratio = medians[1] / medians[0];
      report.append(
          String.format(
              Locale.ROOT,
              "%n- inspect / hello-world: **%.2f×** (target ≤ %.1f×: %s)%n"
                  + "- the application class-data archive saves %.0f ms per command (%.0f %%; same"
                  + " JVM flags otherwise)%n"
                  + "- ours / skopeo: %.1f× (a Go binary starts in milliseconds; a JVM does not)%n",
              ratio,
              TARGET_RATIO,
              ratio <= TARGET_RATIO ? "met" : "NOT met",
              (medians[2] - medians[1]) * 1000,
              (medians[2] - medians[1]) * 100 / medians[2],
              medians[1] / medians[3]));
      report.append(classLoading(jar, archive, work));
      Environment.publish(report.toString(), o);
    } finally {
      try (var files = Files.walk(work)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static List<String> java(List<String> rest) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(LAUNCHER_FLAGS);
    command.addAll(rest);
    return command;
  }

  /** A jar holding only {@link HelloWorld}, so the floor opens a jar as the tool does. */
  private static Path helloJar(Path work) throws IOException {
    Path jar = work.resolve("hello.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HelloWorld.class.getName());
    String entry = HelloWorld.class.getName().replace('.', '/') + ".class";
    try (InputStream in = HelloWorld.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  /**
   * One inspect with class-load logging through the launcher's archive: how many classes it loads
   * and how many the archive holds, by library.
   */
  private static String classLoading(String jar, String archive, Path work)
      throws IOException, InterruptedException {
    Path cds = Path.of(jar).resolveSibling("dockerarchive.jsa");
    if (!Files.isRegularFile(cds)) {
      return "";
    }
    Path log = work.resolve("classes.log");
    List<String> command =
        java(
            List.of(
                "-XX:SharedArchiveFile=" + cds,
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                jar,
                MAIN_CLASS,
                "inspect",
                archive));
    CommandTimer.run(command);
    Map<String, int[]> byLibrary = new TreeMap<>();
    int total = 0;
    int shared = 0;
    int fromJar = 0;
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("[class,load] ");
      if (at < 0) {
        continue;
      }
      String name = line.substring(at + 13, line.indexOf(' ', at + 13));
      boolean fromArchive = line.contains("source: shared objects file");
      total++;
      shared += fromArchive ? 1 : 0;
      fromJar += line.contains("source: file:") ? 1 : 0;
      int[] counts = byLibrary.computeIfAbsent(library(name), k -> new int[2]);
      counts[0]++;
      counts[1] += fromArchive ? 1 : 0;
    }
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%n## Classes one inspect loads%n%n%d classes, %d of them from the class-data"
                    + " archive; %d read from the tool's jar (%s).%n%n"
                    + "| library | classes | from the archive |%n|---|---:|---:|%n",
                total,
                shared,
                fromJar,
                fromJar == 0
                    ? "so the start never opens the jar, whose directory alone holds some ten"
                        + " thousand entries"
                    : "each start opens the jar and reads its whole directory for them"));
    byLibrary.forEach(
        (library, counts) ->
            out.append(
                String.format(Locale.ROOT, "| %s | %d | %d |%n", library, counts[0], counts[1])));
    out.append(
        String.format(
            Locale.ROOT,
            "%nWhat remains above the hello-world is mostly running cold code once: picocli (%d"
                + " classes; its Java 5 class files are kept in the archive but, unlike the others,"
                + " verified at every start) building the command line and registering its built-in"
                + " converters, then the inspect itself (the first JSON parse, the first SHA-256,"
                + " which initialises the security providers). The model of each command is built"
                + " in code, not from annotations, so no annotation proxy is generated and no"
                + " command class is reflected over.%n",
            byLibrary.getOrDefault("picocli", new int[1])[0]));
    return out.toString();
  }

  private static String library(String className) {
    for (String prefix :
        List.of(
            "picocli.",
            "com.fasterxml.jackson.core.",
            "com.fasterxml.jackson.databind.",
            "org.apache.commons.compress.",
            "io.github.dockerarchive.")) {
      if (className.startsWith(prefix)) {
        return prefix.substring(0, prefix.length() - 1);
      }
    }
    return className.startsWith("java.")
            || className.startsWith("jdk.")
            || className.startsWith("sun.")
            || className.startsWith("com.sun.")
        ? "the JDK"
        : "other";
  }
}
