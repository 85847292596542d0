package io.github.dockerarchive.testkit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Fixture benchmark: materialising small archives in-process (per dialect), and a test class of
 * 1,000 tests with an injected archive each, run through the JUnit Platform launcher.
 *
 * <p>Usage: {@code bench/fixtures [--count 5000] [--repeat 3] [--out FILE]}
 */
public final class FixturesBenchmark {
  private FixturesBenchmark() {}

  /**
   * Runs the benchmark and writes a Markdown report.
   *
   * @param args see the class comment
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    int count = 5000;
    int repeat = 3;
    Path out = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--count" -> count = Integer.parseInt(args[i + 1]);
        case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    StringBuilder report =
        new StringBuilder("# Fixture benchmark\n\n").append(Environment.describe());
    report.append(
        String.format(
            Locale.ROOT,
            "%n## Materialising a small archive in-process (1 image, 2 layers of 2 KiB; %d"
                + " archives after %d of warm-up; median of %d)%n%n"
                + "| dialect | ms per archive | archives/s |%n|---|---:|---:|%n",
            count,
            count,
            repeat));
    Path dir = Files.createTempDirectory("dockerarchive-fixtures-bench");
    for (Dialect dialect : Dialect.values()) {
      ArchiveSpec spec =
          ArchiveSpec.builder()
              .image(List.of("bench/small:1"), LayerSpec.filler(2048), LayerSpec.filler(2048))
              .dialect(dialect)
              .compression(Compression.NONE)
              .build();
      materialise(spec, dir, count);
      List<Double> millis = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        materialise(spec, dir, count);
        millis.add((System.nanoTime() - t0) / 1e6 / count);
      }
      double ms = ReaderBenchmark.median(millis);
      report.append(
          String.format(Locale.ROOT, "| %s | %.3f | %.0f |%n", dialect.id(), ms, 1000 / ms));
    }
    FileTrees.delete(dir);

    report.append(
        String.format(
            Locale.ROOT,
            "%n## A test class of 1,000 tests with an injected archive each (JUnit Platform"
                + " launcher, median of %d after one warm-up run)%n%n"
                + "| tests | seconds | archives/s |%n|---:|---:|---:|%n",
            repeat));
    runInjected();
    List<Double> seconds = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      seconds.add(runInjected());
    }
    double s = ReaderBenchmark.median(seconds);
    report.append(String.format(Locale.ROOT, "| 1000 | %.2f | %.0f |%n", s, 1000 / s));
    String text = report.toString();
    System.out.println(text);
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text, StandardCharsets.UTF_8);
    }
  }

  private static void materialise(ArchiveSpec spec, Path dir, int count) throws Exception {
    Path target = dir.resolve("a.tar");
    for (int i = 0; i < count; i++) {
      SyntheticArchives.materialize(spec, target);
      Files.delete(target);
    }
  }

  private static double runInjected() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(InjectedArchives.class))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long t0 = System.nanoTime();
    launcher.execute(request, listener);
    double seconds = (System.nanoTime() - t0) / 1e9;
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTestsSucceededCount() != 1000) {
      throw new IllegalStateException(
          "expected 1000 successful tests, got "
              + summary.getTestsSucceededCount()
              + " (failures: "
              + summary.getFailures()
              + ")");
    }
    return seconds;
  }
}
