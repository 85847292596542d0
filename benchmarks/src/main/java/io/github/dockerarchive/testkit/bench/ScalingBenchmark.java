package io.github.dockerarchive.testkit.bench;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.image.BlobStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scaling benchmark: archives of many tiny layers (one 1 KiB file each), timed from opening to
 * having read every layer blob. Ours in-process ({@code ArchiveReader.open}, {@code
 * imageSource(null, -1)}, {@code getBlob} of every layer, drained) and through the CLI ({@code
 * dockerarchive copy docker-archive:X oci:DIR:x}), against {@code skopeo copy docker-archive:X
 * oci:DIR:x}, which also reads every blob. skopeo runs under a per-run timeout: its reader rescans
 * the tar for each lookup, so its time grows faster than linearly with the number of layers.
 *
 * <p>Usage: {@code bench/scaling [--layers 10,100,1000,5000] [--repeat 3] [--timeout 300] [--dir D]
 * [--out FILE]}
 */
public final class ScalingBenchmark {
  private ScalingBenchmark() {}

  /**
   * Runs the benchmark and writes a Markdown report.
   *
   * @param args see the class comment
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = CopyBenchmark.options(args);
    int[] sizes =
        Arrays.stream(o.getOrDefault("--layers", "10,100,1000,5000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int repeat = Integer.parseInt(o.getOrDefault("--repeat", "3"));
    double timeout = Double.parseDouble(o.getOrDefault("--timeout", "300"));
    Path dir = CommandTimer.scratchDirectory(o, "dockerarchive-scaling");
    String launcher = CommandTimer.launcher();

    StringBuilder report = Environment.reportWithSkopeo("Scaling benchmark");
    report.append(
        String.format(
            Locale.ROOT,
            "## Open, select and read every layer blob; layers of one 1 KiB file (median of %d;"
                + " skopeo: one run when a run takes over 10 s, killed after %.0f s)%n%n"
                + "| layers | archive (KiB) | in-process (s) | in-process (ms/layer) | ours CLI (s)"
                + " | ours CLI, added (ms/layer) | skopeo (s) | skopeo, added (ms/layer) |"
                + " skopeo / ours CLI |%n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
            repeat,
            timeout));
    double prevOurs = 0;
    double prevSkopeo = 0;
    int prevLayers = 0;
    boolean skopeoGaveUp = false;
    String at1000 = null;
    double fixed = -1;
    int fixedLayers = 0;
    for (int layers : sizes) {
      Path archive = BenchArchives.writeSmallLayers(dir.resolve(layers + ".tar"), layers, 42);
      double inProcess = inProcess(archive, repeat);
      List<CommandTimer.Run> ours = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        Path out = dir.resolve("ours-oci");
        FileTrees.delete(out);
        ours.add(
            CommandTimer.run(
                List.of(launcher, "copy", "docker-archive:" + archive, "oci:" + out + ":x")));
      }
      double oursSeconds = CommandTimer.median(ours).seconds();
      if (fixed < 0) {
        fixed = oursSeconds;
        fixedLayers = layers;
      }
      Optional<Double> skopeo = Optional.empty();
      if (!skopeoGaveUp) {
        skopeo = skopeo(dir, archive, repeat, timeout);
        skopeoGaveUp = skopeo.isEmpty();
      }
      String skopeoCells;
      if (skopeo.isPresent()) {
        skopeoCells =
            String.format(
                Locale.ROOT,
                "%.2f | %s | %.1f",
                skopeo.get(),
                added(skopeo.get(), prevSkopeo, layers, prevLayers),
                skopeo.get() / oursSeconds);
      } else {
        skopeoCells =
            String.format(
                Locale.ROOT,
                "> %.0f (%s) | | > %.0f",
                timeout,
                prevSkopeo < 0 ? "not run: timed out on fewer layers" : "timed out",
                timeout / oursSeconds);
      }
      report.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.3f | %.3f | %.2f | %s | %s |%n",
              layers,
              Files.size(archive) >> 10,
              inProcess,
              inProcess * 1000 / layers,
              oursSeconds,
              added(oursSeconds, prevOurs, layers, prevLayers),
              skopeoCells));
      if (layers == 1000 && skopeo.isPresent()) {
        at1000 =
            String.format(
                Locale.ROOT,
                "- skopeo / ours (CLI) at 1,000 layers: **%.1f×** (target ≥ 15×: %s)%n"
                    + "- what limits it: of our %.2f s, %.2f s is the fixed cost of a command (the"
                    + " copy of %d layers: start-up, set-up) and %.3f s the work itself run warm"
                    + " (in-process column); the other %.2f s is that same work run cold, in code"
                    + " the JIT has not compiled yet%n",
                skopeo.get() / oursSeconds,
                skopeo.get() / oursSeconds >= 15 ? "met" : "NOT met",
                oursSeconds,
                fixed,
                fixedLayers,
                inProcess,
                oursSeconds - fixed - inProcess);
      }
      prevOurs = oursSeconds;
      prevSkopeo = skopeo.orElse(-1.0);
      prevLayers = layers;
      Files.delete(archive);
    }
    FileTrees.delete(dir);
    report.append('\n');
    if (at1000 != null) {
      report.append(at1000);
    }
    report.append(
        "- \"added\" is the time per layer between one size and the previous one: it leaves out"
            + " start-up, so a constant column means linear scaling.\n"
            + "- The in-process time includes opening (one pass over the tar headers) and"
            + " verifying every layer's SHA-256 as it is read.\n");
    Environment.publish(report.toString(), o);
  }

  /** Median seconds to open, select the only image and drain every layer blob, after a warm-up. */
  private static double inProcess(Path archive, int repeat) throws Exception {
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i <= repeat; i++) {
      long t0 = System.nanoTime();
      long bytes = 0;
      try (ArchiveReader reader = ArchiveReader.open(archive);
          ImageSource source = reader.imageSource(null, -1)) {
        for (LayerInfo layer : source.layers()) {
          try (BlobStream in = source.getBlob(layer.diffId())) {
            bytes += in.transferTo(OutputStream.nullOutputStream());
          }
        }
      }
      if (bytes == 0) {
        throw new IllegalStateException("no layer bytes read from " + archive);
      }
      if (i > 0) {
        seconds.add((System.nanoTime() - t0) / 1e9);
      }
    }
    return ReaderBenchmark.median(seconds);
  }

  /** Median seconds of skopeo copy, or empty if a run hit the timeout. */
  private static Optional<Double> skopeo(Path dir, Path archive, int repeat, double timeout)
      throws Exception {
    List<CommandTimer.Run> runs = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      Path out = dir.resolve("skopeo-oci");
      FileTrees.delete(out);
      Optional<CommandTimer.Run> run =
          CommandTimer.run(
              CommandTimer.skopeoCopy("docker-archive:" + archive, "oci:" + out + ":x"),
              Map.of(),
              timeout);
      if (run.isEmpty()) {
        return Optional.empty();
      }
      runs.add(run.get());
      if (run.get().seconds() > 10) {
        break;
      }
    }
    return Optional.of(CommandTimer.median(runs).seconds());
  }

  private static String added(double seconds, double previous, int layers, int prevLayers) {
    if (prevLayers == 0 || previous < 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.3f", (seconds - previous) * 1000 / (layers - prevLayers));
  }
}
