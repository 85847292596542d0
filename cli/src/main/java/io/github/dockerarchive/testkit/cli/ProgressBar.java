package io.github.dockerarchive.testkit.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, shown only for large amounts of work and only when
 * standard error is a terminal (or {@code DOCKERARCHIVE_PROGRESS=1}), so logs and pipes stay clean.
 */
final class ProgressBar implements AutoCloseable {
  private static final long THRESHOLD = 64L << 20;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final boolean enabled;
  private final long threshold;
  private final boolean bytes;
  private final long started = System.nanoTime();
  private boolean drawn;

  ProgressBar(PrintWriter err, String label, boolean quiet) {
    this(err, label, quiet, THRESHOLD, true);
  }

  private ProgressBar(PrintWriter err, String label, boolean quiet, long threshold, boolean bytes) {
    this.err = err;
    this.label = label;
    this.threshold = threshold;
    this.bytes = bytes;
    String forced = System.getenv("DOCKERARCHIVE_PROGRESS");
    this.enabled = !quiet && (forced != null ? forced.equals("1") : System.console() != null);
  }

  /**
   * A bar counting items (archives, files) rather than bytes, shown for any total.
   *
   * @param err where to draw
   * @param label what is counted, for example {@code generating}
   * @param quiet true to draw nothing
   * @return the bar
   */
  static ProgressBar ofItems(PrintWriter err, String label, boolean quiet) {
    return new ProgressBar(err, label, quiet, 0, false);
  }

  void update(long done, long total) {
    if (!enabled || total < threshold) {
      return;
    }
    int filled = (int) (WIDTH * done / Math.max(1, total));
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    String rate =
        bytes
            ? String.format("%6.1f MiB/s", done / seconds / (1 << 20))
            : String.format("%d/%d", done, total);
    err.printf(
        "\r%s [%s%s] %3d%% %s",
        label,
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * done / Math.max(1, total),
        rate);
    err.flush();
    drawn = true;
  }

  @Override
  public void close() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
