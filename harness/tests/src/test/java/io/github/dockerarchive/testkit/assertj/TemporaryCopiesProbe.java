package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs in a JVM of its own whose {@code java.io.tmpdir} is a fresh directory: asserts on compressed
 * archives (passing and failing assertions, hard and soft, archive- and image-level), then lists
 * what is left in the temporary directory before the JVM exits, so that a reader closed only by a
 * garbage collector shows up as a leftover.
 *
 * <p>Arguments: a plain archive, then compressed archives with the same content; each holds two
 * images tagged {@code app:1} and {@code app:2} with two layers each. Prints one {@code CHECKED}
 * line per archive, one {@code UNEXPECTED} line per assertion that passed or failed against
 * expectation and one {@code LEFTOVER} line per file left in the temporary directory; exits with 1
 * after an unexpected outcome and 2 when something is left.
 */
public final class TemporaryCopiesProbe {
  private final List<String> unexpected = new ArrayList<>();
  private int checked;

  private TemporaryCopiesProbe() {}

  /**
   * Entry point.
   *
   * @param args the plain archive, then the compressed ones
   * @throws IOException if the temporary directory cannot be listed
   */
  public static void main(String[] args) throws IOException {
    Path plain = Path.of(args[0]);
    TemporaryCopiesProbe probe = new TemporaryCopiesProbe();
    for (int i = 1; i < args.length; i++) {
      probe.checkAll(Path.of(args[i]), plain);
    }
    probe.unexpected.forEach(u -> System.out.println("UNEXPECTED " + u));
    List<String> leftovers = leftovers(Path.of(System.getProperty("java.io.tmpdir")));
    leftovers.forEach(l -> System.out.println("LEFTOVER " + l));
    System.out.flush();
    if (!probe.unexpected.isEmpty()) {
      System.exit(1);
    }
    if (!leftovers.isEmpty()) {
      System.exit(2);
    }
  }

  private void checkAll(Path archive, Path plain) {
    int before = checked;
    passes(archive, "hasImageCount", () -> assertThat(archive).hasImageCount(2));
    passes(archive, "hasImage", () -> assertThat(archive).hasImage("app:1").hasImage("app:2"));
    passes(archive, "isValid", () -> assertThat(archive).isValid());
    passes(archive, "hasSameContentAs", () -> assertThat(archive).hasSameContentAs(plain));
    passes(archive, "reverse hasSameContentAs", () -> assertThat(plain).hasSameContentAs(archive));
    passes(archive, "image by tag", () -> assertThat(archive).image("app:2").hasLayerCount(2));
    passes(
        archive,
        "image chain",
        () ->
            assertThat(archive)
                .image(0)
                .hasLayerCount(2)
                .hasTag("app:1")
                .hasLayerFile("data/0-0.bin")
                .hasLayerFile("data/0-1.bin"));
    passes(
        archive,
        "config digest",
        () -> assertThat(archive).image(1).hasConfigDigest(configDigestOf(plain, 1)));
    passes(
        archive,
        "soft, all holding",
        () ->
            DockerArchiveSoftAssertions.assertSoftly(
                softly -> {
                  softly.assertThat(archive).hasImageCount(2).isValid();
                  softly.assertThat(archive).image("app:1").hasLayerCount(2);
                }));
    fails(archive, "hasImageCount", () -> assertThat(archive).hasImageCount(3));
    fails(archive, "hasImage", () -> assertThat(archive).hasImage("app:9"));
    fails(archive, "image by tag", () -> assertThat(archive).image("app:9"));
    fails(archive, "image by index", () -> assertThat(archive).image(7));
    fails(archive, "hasLayerCount", () -> assertThat(archive).image(0).hasLayerCount(9));
    fails(archive, "hasLayerFile", () -> assertThat(archive).image(1).hasLayerFile("nowhere"));
    fails(archive, "hasTag", () -> assertThat(archive).image(1).hasTag("app:1"));
    fails(archive, "hasVerificationProblem", () -> assertThat(archive).hasVerificationProblem("X"));
    fails(
        archive,
        "hasConfigDigest",
        () -> assertThat(archive).image(0).hasConfigDigest(configDigestOf(plain, 1)));
    fails(
        archive,
        "soft, some failing",
        () ->
            DockerArchiveSoftAssertions.assertSoftly(
                softly -> {
                  softly.assertThat(archive).hasImageCount(5).hasImage("app:1");
                  softly.assertThat(archive).image("missing:1").hasLayerCount(1);
                  softly.assertThat(archive).image(0).hasLayerCount(1).hasLayerFile("x");
                }));
    fails(archive, "null chain", () -> assertThat(archive).image(0).hasLayerCount(2).isNull());
    System.out.println("CHECKED " + (checked - before) + " assertions on " + archive);
  }

  private static String configDigestOf(Path plain, int index) {
    try (ArchiveReader reader = ArchiveReader.open(plain)) {
      return reader.imageSource(null, index).configDigest().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void passes(Path archive, String what, Runnable assertion) {
    checked++;
    try {
      assertion.run();
    } catch (AssertionError e) {
      unexpected.add(what + " failed on " + archive + ": " + e.getMessage());
    }
  }

  private void fails(Path archive, String what, Runnable assertion) {
    checked++;
    try {
      assertion.run();
      unexpected.add(what + " passed on " + archive);
    } catch (AssertionError e) {
      // Expected: the failing path must release the archive as well.
    }
  }

  private static List<String> leftovers(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
