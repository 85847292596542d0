package io.github.dockerarchive.testkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** What a report records about the machine, and process counters read from /proc. */
final class Environment {
  private Environment() {}

  static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .orElse(cpu);
    } catch (IOException ignored) {
      // Not Linux: the report says "unknown CPU".
    }
    return "- date: "
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        + "\n- machine: "
        + cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + (Runtime.getRuntime().maxMemory() >> 20)
        + " MiB max heap\n- java: "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + "\n";
  }

  /** {@code rchar} of /proc/self/io: bytes this process read through read calls. */
  static long bytesReadByThisProcess() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    return -1;
  }

  /** Peak resident set size of a process in KiB (VmHWM), or -1 once it has exited. */
  static long peakRssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * The head of a benchmark report compared with skopeo: its title, the machine and the skopeo
   * version.
   */
  static StringBuilder reportWithSkopeo(String title) {
    return new StringBuilder("# ")
        .append(title)
        .append("\n\n")
        .append(describe())
        .append("- skopeo: ")
        .append(skopeoVersion())
        .append("\n\n");
  }

  /** Prints a finished report and writes it to the file {@code --out} names, if any. */
  static void publish(String report, java.util.Map<String, String> options) throws IOException {
    System.out.println(report);
    if (options.containsKey("--out")) {
      Path out = Path.of(options.get("--out"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  /** The first line of {@code skopeo --version}, or "not installed". */
  static String skopeoVersion() {
    try {
      Process p = new ProcessBuilder("skopeo", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      return v;
    } catch (IOException | InterruptedException e) {
      return "not installed";
    }
  }
}
