package io.github.dockerarchive.testkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers the reports the individual benchmarks wrote into one {@code
 * benchmarks/results/summary.md}, with two charts read back from their tables: throughput per
 * operation (ours, skopeo, the floors) and layers against time for the scaling benchmark (log-log).
 *
 * <p>Usage: {@code BenchmarksReport [--results benchmarks/results] [--out
 * benchmarks/results/summary.md] [--mode full|quick]}
 */
public final class BenchmarksReport {
  private static final List<String> SECTIONS =
      List.of("reader", "copy", "fixtures", "generate", "scaling", "startup");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?");

  private BenchmarksReport() {}

  /** A Markdown table and the nearest {@code ##} heading above it. */
  record Table(String heading, List<String> header, List<List<String>> rows) {
    /** The cells of the first row whose first cell starts with {@code prefix}, if any. */
    Optional<List<String>> row(String prefix) {
      return rows.stream().filter(r -> r.get(0).startsWith(prefix)).findFirst();
    }
  }

  /**
   * Writes the charts and the combined report.
   *
   * @param args see the class comment
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> o = CopyBenchmark.options(args);
    Path results = Path.of(o.getOrDefault("--results", "benchmarks/results"));
    Path out = Path.of(o.getOrDefault("--out", "benchmarks/results/summary.md"));
    String mode = o.getOrDefault("--mode", "full");

    boolean throughput = writeThroughputChart(results);
    boolean scaling = writeScalingChart(results);

    StringBuilder md = new StringBuilder("# Benchmarks\n\n");
    md.append("Written by `bench/all")
        .append("quick".equals(mode) ? " --quick" : "")
        .append("` (")
        .append(
            "quick".equals(mode)
                ? "reduced sizes: 128 MiB, up to 1,000 layers, fewer repetitions"
                : "full sizes: 512 MiB and 3 GiB, up to 5,000 layers")
        .append("). Each ratio compares figures measured in the same run of one benchmark, one")
        .append(" after the other on the same machine; the machine may be shared, so absolute")
        .append(" times vary between runs more than the ratios do.\n\n");
    md.append(Environment.describe().replaceAll(", \\d+ MiB max heap", ""));
    md.append("- skopeo: ").append(Environment.skopeoVersion()).append("\n\n");
    if (throughput || scaling) {
      md.append("## Charts\n\n");
      if (throughput) {
        md.append("![throughput per operation](throughput.svg)\n\n");
      }
      if (scaling) {
        md.append("![layers vs time, log-log](scaling.svg)\n\n");
      }
    }
    for (String name : SECTIONS) {
      Path file = results.resolve(name + ".md");
      if (!Files.exists(file)) {
        md.append("## ").append(name).append("\n\nNot run (no `").append(file).append("`).\n\n");
        continue;
      }
      // Demote the headings one level so each report is a section of this one.
      String text = Files.readString(file).replaceAll("(?m)^(#+) ", "#$1 ").strip();
      md.append(text).append("\n\n");
    }
    Files.writeString(out, md.toString().strip() + "\n", StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  private static boolean writeThroughputChart(Path results) throws IOException {
    List<String> groups = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (Table t : tables(results.resolve("copy.md"))) {
      Matcher m = Pattern.compile("^(\\d+) MiB").matcher(t.heading());
      if (!m.find()) {
        continue;
      }
      double mib = Double.parseDouble(m.group(1));
      for (List<String> r : t.rows()) {
        // | operation | ours (s) | skopeo (s) | ours / skopeo | cp floor (s) | ...
        if (!r.get(0).startsWith("copy ")) {
          continue; // verify has its own bar, against the SHA-256 floor
        }
        groups.add(r.get(0).replace(" → ", " →\n"));
        values.add(
            new double[] {mib / number(r.get(1)), mib / number(r.get(2)), mib / number(r.get(4))});
      }
      break;
    }
    for (Table t : tables(results.resolve("reader.md"))) {
      Optional<List<String>> verify = t.row("ArchiveVerifier");
      Optional<List<String>> floor = t.row("JDK SHA-256");
      if (verify.isPresent() && floor.isPresent()) {
        groups.add("verify");
        values.add(
            new double[] {number(verify.get().get(1)), Double.NaN, number(floor.get().get(1))});
      }
    }
    for (Table t : tables(results.resolve("generate.md"))) {
      Optional<List<String>> gen = t.row("dockerarchive generate");
      // The floor of a writer that hashes what it writes: one SHA-256 pass over the file.
      Optional<List<String>> sha = t.row("openssl dgst -sha256");
      if (gen.isPresent() && sha.isPresent()) {
        groups.add("generate");
        values.add(new double[] {number(gen.get().get(2)), Double.NaN, number(sha.get().get(2))});
      }
    }
    if (groups.isEmpty()) {
      return false;
    }
    Files.writeString(
        results.resolve("throughput.svg"),
        SvgChart.bars(
            "Throughput per operation (higher is better)",
            "MiB/s",
            groups,
            List.of("dockerarchive", "skopeo", "floor: cp / SHA-256 / dd"),
            values.toArray(new double[0][])));
    return true;
  }

  private static boolean writeScalingChart(Path results) throws IOException {
    List<double[]> inProcess = new ArrayList<>();
    List<double[]> cli = new ArrayList<>();
    List<double[]> skopeo = new ArrayList<>();
    for (Table t : tables(results.resolve("scaling.md"))) {
      if (!t.header().get(0).equals("layers")) {
        continue;
      }
      // | layers | archive | in-process (s) | ms/layer | ours CLI (s) | added | skopeo (s) | ...
      for (List<String> r : t.rows()) {
        double layers = number(r.get(0));
        inProcess.add(new double[] {layers, number(r.get(2))});
        cli.add(new double[] {layers, number(r.get(4))});
        if (!r.get(6).startsWith(">")) {
          skopeo.add(new double[] {layers, number(r.get(6))});
        }
      }
    }
    if (cli.isEmpty()) {
      return false;
    }
    Files.writeString(
        results.resolve("scaling.svg"),
        SvgChart.logLog(
            "Open + read every layer blob (lower is better)",
            "layers (1 KiB each)",
            "seconds",
            List.of(
                new SvgChart.Series("ours, in-process", inProcess),
                new SvgChart.Series("ours, CLI copy", cli),
                new SvgChart.Series("skopeo copy", skopeo))));
    return true;
  }

  /** The tables of a Markdown file, or none if it does not exist. */
  static List<Table> tables(Path file) throws IOException {
    List<Table> tables = new ArrayList<>();
    if (!Files.exists(file)) {
      return tables;
    }
    String heading = "";
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        heading = line.substring(3);
      } else if (line.startsWith("|")
          && i + 1 < lines.size()
          && lines.get(i + 1).startsWith("|---")) {
        List<String> header = cells(line);
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
          rows.add(cells(lines.get(i)));
        }
        tables.add(new Table(heading, header, rows));
      }
    }
    return tables;
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> cells = new ArrayList<>();
    for (String c : inner.split("\\|", -1)) {
      cells.add(c.strip().replace("`", ""));
    }
    return cells;
  }

  /** The first number in a cell (thousands separators allowed), NaN if there is none. */
  private static double number(String cell) {
    Matcher m = NUMBER.matcher(cell);
    return m.find() ? Double.parseDouble(m.group().replace(",", "")) : Double.NaN;
  }
}
