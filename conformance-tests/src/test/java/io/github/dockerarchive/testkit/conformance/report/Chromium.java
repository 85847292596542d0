package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's {@code chromium}) rendering a page and dumping its DOM. */
final class Chromium {
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private Chromium() {}

  /** The browser on the PATH, if any. */
  static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : NAMES) {
      for (String dir : path.split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Renders a URL (scripts run) and returns the serialised DOM.
   *
   * @param chromium the browser
   * @param url a file: URL, with a fragment if wanted
   * @param scratch a directory for the profile and the output (left empty)
   */
  static String dumpDom(Path chromium, String url, Path scratch)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "profile-");
    Path dom = Files.createTempFile(scratch, "dom-", ".html");
    Path log = Files.createTempFile(scratch, "stderr-", ".txt");
    try {
      Process p =
          new ProcessBuilder(
                  chromium.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--disable-dev-shm-usage",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=3000",
                  "--dump-dom",
                  url)
              .redirectOutput(dom.toFile())
              .redirectError(log.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException("chromium did not finish within 120 s");
      }
      String out = Files.readString(dom, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || out.isBlank()) {
        throw new IOException(
            "chromium exited with "
                + p.exitValue()
                + "; stderr: "
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      return out;
    } finally {
      FileTrees.delete(profile);
      Files.deleteIfExists(dom);
      Files.deleteIfExists(log);
    }
  }
}
