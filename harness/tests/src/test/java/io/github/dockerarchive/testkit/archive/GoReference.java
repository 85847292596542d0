package io.github.dockerarchive.testkit.archive;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Go's standard library as a differential oracle: the program under {@code src/test/go/goreference}
 * is built once per JVM into {@code target/goreference} (its build cache there too, so nothing is
 * written outside the module) and kept running; each case is written to its stdin as a kind byte, a
 * 4-byte length and the bytes, and answered with one JSON line. Tests that use it are skipped with
 * a reason when {@code go} is not installed.
 */
final class GoReference {
  /** What a case is read as. */
  enum Kind {
    /** A tar stream, read with {@code archive/tar} to its end. */
    TAR('T'),
    /** A {@code manifest.json}, decoded into the reference's {@code []ManifestItem}. */
    MANIFEST('M'),
    /**
     * The start of a tar stream: its headers, read until the first error (such as the data of an
     * entry larger than the case ending early).
     */
    TAR_HEADERS('H');

    final char code;

    Kind(char code) {
      this.code = code;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static GoReference instance;
  private static String unavailable;

  private final Process process;
  private final DataOutputStream in;
  private final BufferedReader out;

  private GoReference(Process process) {
    this.process = process;
    this.in = new DataOutputStream(process.getOutputStream());
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * The running oracle; skips the calling test, with the reason, when Go is missing or the program
   * does not build.
   */
  static synchronized GoReference get() {
    if (instance == null && unavailable == null) {
      if (!ExternalTool.of("go", "version").isInstalled()) {
        String reason =
            "go is not installed: the differential tests against Go's standard library are"
                + " skipped (apt-get install -y golang-go; .ci/run does this)";
        System.err.println("SKIPPED " + reason);
        assumeTrue(false, reason);
      }
      try {
        instance = new GoReference(start(build()));
      } catch (IOException e) {
        unavailable = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = "interrupted while building the Go reference";
      }
    }
    assumeTrue(instance != null, () -> "the Go reference program is unavailable: " + unavailable);
    return instance;
  }

  private static Path build() throws IOException, InterruptedException {
    Path module = Path.of("").toAbsolutePath();
    Path source = module.resolve("src/test/go/goreference");
    if (!Files.isDirectory(source)) {
      throw new IOException("no Go sources at " + source);
    }
    Path work = module.resolve("target/goreference");
    Files.createDirectories(work);
    Path binary = work.resolve("goreference");
    ProcessBuilder pb =
        new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(source.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("GO111MODULE", "off");
    env.put("GOFLAGS", "");
    env.put("GOCACHE", work.resolve("cache").toString());
    env.put("GOPATH", work.resolve("gopath").toString());
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    env.put("GOTMPDIR", tmp.toString());
    env.put("TMPDIR", tmp.toString());
    env.put("CGO_ENABLED", "0");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("go build of " + source + " failed: " + log);
    }
    return binary;
  }

  private static Process start(Path binary) throws IOException {
    Process p =
        new ProcessBuilder(binary.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p;
  }

  /**
   * What Go makes of the bytes.
   *
   * @param kind how to read them
   * @param bytes the case
   * @return the answer: {@code ok}, {@code err}, and {@code entries} or {@code items}
   */
  synchronized JsonNode ask(Kind kind, byte[] bytes) throws IOException {
    if (!process.isAlive()) {
      throw new IOException("the Go reference exited with " + process.exitValue());
    }
    in.writeByte(kind.code);
    in.writeInt(bytes.length);
    in.write(bytes);
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the Go reference closed its output");
    }
    return JSON.readTree(line);
  }
}
