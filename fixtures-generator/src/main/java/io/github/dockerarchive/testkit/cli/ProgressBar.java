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
  private final long started = System.nanoTime();
  private boolean drawn;

  ProgressBar(PrintWriter err, String label, boolean quiet) {
    this.err = err;
    this.label = label;
    String forced = System.getenv("DOCKERARCHIVE_PROGRESS");
    this.enabled = !quiet && (forced != null ? forced.equals("1") : System.console() != null);
  }

  void update(long done, long total) {
    if (!enabled || total < THRESHOLD) {
      return;
    }
    int filled = (int) (WIDTH * done / Math.max(1, total));
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    err.printf(
        "\r%s [%s%s] %3d%% %6.1f MiB/s",
        label,
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * done / Math.max(1, total),
        done / seconds / (1 << 20));
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
