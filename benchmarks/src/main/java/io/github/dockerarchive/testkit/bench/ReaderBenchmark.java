package io.github.dockerarchive.testkit.bench;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reader benchmark: the cost of opening (one pass over headers, not data), {@code verify}
 * throughput against the JDK's single-thread SHA-256 floor measured in the same run, and {@code
 * verify} of a multi-GiB archive under {@code -Xmx64m} in a separate JVM.
 *
 * <p>Usage: {@code bench/reader [--size-mib 512] [--layers 8] [--big-gib 3] [--repeat 5] [--dir
 * DIR] [--out FILE]}
 */
public final class ReaderBenchmark {
  private ReaderBenchmark() {}

  /**
   * Runs the benchmark and writes a Markdown report.
   *
   * @param args see the class comment
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Files.createDirectories(o.dir);
    StringBuilder report = new StringBuilder();
    report.append("# Reader benchmark\n\n");
    report.append(Environment.describe()).append('\n');

    Path archive = o.dir.resolve("bench-" + o.sizeMib + "m.tar");
    long layerBytes = (long) o.sizeMib * (1 << 20) / o.layers;
    BenchArchives.write(archive, o.layers, layerBytes, 42);
    Path small = BenchArchives.write(o.dir.resolve("bench-small.tar"), o.layers, 1024, 42);
    long archiveBytes = Files.size(archive);
    warm(archive);

    double floor = sha256Floor(archiveBytes, o.repeat);
    List<Double> verifySeconds = new ArrayList<>();
    for (int i = 0; i < o.repeat; i++) {
      long t0 = System.nanoTime();
      try (ArchiveReader reader = ArchiveReader.open(archive)) {
        VerificationReport r =
            ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE);
        if (!r.isValid()) {
          throw new IllegalStateException("benchmark archive invalid: " + r.problems());
        }
      }
      verifySeconds.add((System.nanoTime() - t0) / 1e9);
    }
    double verifyRate = archiveBytes / median(verifySeconds);

    OpenCost big = openCost(archive, o.repeat);
    OpenCost tiny = openCost(small, o.repeat);

    report.append("## verify vs the SHA-256 floor (same run, median of ").append(o.repeat);
    report.append(")\n\n| measurement | MiB/s | ratio to floor |\n|---|---:|---:|\n");
    report.append(row("JDK SHA-256, one thread, in memory (floor)", floor, floor));
    report.append(
        row(
            "ArchiveVerifier on " + o.sizeMib + " MiB, " + o.layers + " layers",
            verifyRate,
            floor));
    report.append("\n## Opening costs one pass over headers, not data\n\n");
    report.append(
        "| archive | size | open (ms, median) | bytes read by open |\n|---|---:|---:|---:|\n");
    report.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.2f | %d |%n",
            archive.getFileName(),
            archiveBytes,
            big.millis,
            big.bytesRead));
    report.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.2f | %d |%n",
            small.getFileName(),
            Files.size(small),
            tiny.millis,
            tiny.bytesRead));

    if (o.bigGib > 0) {
      Path huge =
          BenchArchives.write(
              o.dir.resolve("bench-" + o.bigGib + "g.tar"), 4, (long) o.bigGib * (1L << 30) / 4, 7);
      report
          .append("\n## verify of a ")
          .append(o.bigGib)
          .append(" GiB archive with -Xmx64m (separate JVM)\n\n");
      report.append(BoundedMemoryRun.verify(huge, "-Xmx64m").markdown());
      Files.deleteIfExists(huge);
    }
    Files.deleteIfExists(archive);
    Files.deleteIfExists(small);
    String text = report.toString();
    System.out.println(text);
    if (o.out != null) {
      Files.createDirectories(o.out.toAbsolutePath().getParent());
      Files.writeString(o.out, text, StandardCharsets.UTF_8);
    }
  }

  private static String row(String what, double bytesPerSecond, double floor) {
    return String.format(
        Locale.ROOT,
        "| %s | %.0f | %.2f |%n",
        what,
        bytesPerSecond / (1 << 20),
        bytesPerSecond / floor);
  }

  private static void warm(Path file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      while (in.read(buffer) >= 0) {
        // Reading once puts the file in the page cache, as for every later measurement.
      }
    }
  }

  /** The JDK's single-thread SHA-256 speed on an in-memory buffer, in bytes per second. */
  static double sha256Floor(long bytes, int repeat) {
    byte[] buffer = new byte[1 << 20];
    new java.util.SplittableRandom(1).nextBytes(buffer);
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      MessageDigest md = Digest.newSha256();
      long t0 = System.nanoTime();
      for (long done = 0; done < bytes; done += buffer.length) {
        md.update(buffer, 0, buffer.length);
      }
      md.digest();
      seconds.add((System.nanoTime() - t0) / 1e9);
    }
    return bytes / median(seconds);
  }

  private record OpenCost(double millis, long bytesRead) {}

  private static OpenCost openCost(Path archive, int repeat) throws IOException {
    List<Double> millis = new ArrayList<>();
    long read = 0;
    for (int i = 0; i < repeat; i++) {
      long before = Environment.bytesReadByThisProcess();
      long t0 = System.nanoTime();
      try (ArchiveReader reader = ArchiveReader.open(archive)) {
        reader.manifest();
      }
      millis.add((System.nanoTime() - t0) / 1e6);
      read = Environment.bytesReadByThisProcess() - before;
    }
    return new OpenCost(median(millis), read);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private record Options(int sizeMib, int layers, int bigGib, int repeat, Path dir, Path out) {
    static Options parse(String[] args) {
      int sizeMib = 512;
      int layers = 8;
      int bigGib = 3;
      int repeat = 5;
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "dockerarchive-bench");
      Path out = null;
      for (int i = 0; i < args.length; i += 2) {
        String v = args[i + 1];
        switch (args[i]) {
          case "--size-mib" -> sizeMib = Integer.parseInt(v);
          case "--layers" -> layers = Integer.parseInt(v);
          case "--big-gib" -> bigGib = Integer.parseInt(v);
          case "--repeat" -> repeat = Integer.parseInt(v);
          case "--dir" -> dir = Path.of(v);
          case "--out" -> out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(sizeMib, layers, bigGib, repeat, dir, out);
    }
  }
}
