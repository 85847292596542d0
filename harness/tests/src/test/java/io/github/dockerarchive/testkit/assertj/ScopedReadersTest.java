package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each assertion opens what it reads and closes it before it returns; what the caller opened stays
 * open.
 */
@DockerArchiveTest
@DisplayName("archives opened per assertion")
class ScopedReadersTest {

  @Test
  @DisplayName(
      "20 assertions on a .tar.gz decompress into a private directory and leave it empty after"
          + " each one, passing or failing, hard or soft")
  void privateDirectoryStaysEmpty(
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"},
              compression = Compression.GZIP)
          Path archive,
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"})
          Path plain,
      @TempDir Path scratch)
      throws IOException {
    ReaderOptions options = ReaderOptions.defaults().withTemporaryDirectory(scratch);
    List<Integer> seenWhileOpen = new ArrayList<>();
    Map<String, ThrowingCallable> assertions = new LinkedHashMap<>();
    assertions.put(
        "hasImageCount", () -> watched(archive, options, seenWhileOpen).hasImageCount(2));
    assertions.put("hasImage", () -> watched(archive, options, seenWhileOpen).hasImage("app:1"));
    assertions.put("isValid", () -> watched(archive, options, seenWhileOpen).isValid());
    assertions.put(
        "hasSameContentAs", () -> watched(archive, options, seenWhileOpen).hasSameContentAs(plain));
    assertions.put(
        "image(tag) chain",
        () ->
            watched(archive, options, seenWhileOpen)
                .image("app:2")
                .hasLayerCount(2)
                .hasTag("app:2")
                .hasLayerFile("data/1-0.bin"));
    assertions.put(
        "image(index) hasTag",
        () -> watched(archive, options, seenWhileOpen).image(0).hasTag("app:1"));
    assertions.put(
        "path assert",
        () -> assertThat(archive).usingReaderOptions(options).isValid().hasImageCount(2));
    assertions.put(
        "reverse hasSameContentAs",
        () -> assertThat(plain).usingReaderOptions(options).hasSameContentAs(archive));
    assertions.put(
        "soft, holding",
        () ->
            DockerArchiveSoftAssertions.assertSoftly(
                softly -> {
                  softly.assertThat(archive).usingReaderOptions(options).hasImageCount(2);
                  softly.assertThat(archive).usingReaderOptions(options).image(1).hasLayerCount(2);
                }));
    assertions.put(
        "failing hasImageCount", () -> watched(archive, options, seenWhileOpen).hasImageCount(3));
    assertions.put(
        "failing hasImage", () -> watched(archive, options, seenWhileOpen).hasImage("app:3"));
    assertions.put("failing image(tag)", () -> watched(archive, options, seenWhileOpen).image("x"));
    assertions.put("failing image(index)", () -> watched(archive, options, seenWhileOpen).image(2));
    assertions.put(
        "failing hasLayerCount",
        () -> watched(archive, options, seenWhileOpen).image(0).hasLayerCount(5));
    assertions.put(
        "failing hasLayerFile",
        () -> watched(archive, options, seenWhileOpen).image(0).hasLayerFile("etc/none"));
    assertions.put(
        "failing hasTag", () -> watched(archive, options, seenWhileOpen).image(0).hasTag("app:2"));
    assertions.put(
        "failing hasVerificationProblem",
        () -> watched(archive, options, seenWhileOpen).hasVerificationProblem("SRC-7"));
    assertions.put(
        "failing hasSameContentAs",
        () -> watched(archive, options, seenWhileOpen).hasSameContentAs(Path.of("no/such.tar")));
    assertions.put(
        "failing inherited isNull",
        () -> watched(archive, options, seenWhileOpen).hasImageCount(2).isNull());
    assertions.put(
        "soft, failing",
        () ->
            DockerArchiveSoftAssertions.assertSoftly(
                softly -> {
                  softly.assertThat(archive).usingReaderOptions(options).hasImageCount(7);
                  softly.assertThat(archive).usingReaderOptions(options).image("y").hasTag("y");
                  softly.assertThat(archive).usingReaderOptions(options).image(0).hasTag("z");
                }));
    Assertions.assertThat(assertions).hasSize(20);

    int failed = 0;
    for (Map.Entry<String, ThrowingCallable> assertion : assertions.entrySet()) {
      Throwable thrown = catchThrowable(assertion.getValue());
      Assertions.assertThat(thrown)
          .as(assertion.getKey())
          .satisfiesAnyOf(
              t -> Assertions.assertThat(t).isNull(),
              t -> Assertions.assertThat(t).isInstanceOf(AssertionError.class));
      if (thrown != null) {
        failed++;
        Assertions.assertThat(assertion.getKey()).contains("failing");
      }
      Assertions.assertThat(filesIn(scratch)).as("left after " + assertion.getKey()).isEmpty();
    }
    Assertions.assertThat(failed).isEqualTo(11);
    // The copies were made where the options say: one at a time, while an assertion ran.
    Assertions.assertThat(seenWhileOpen).isNotEmpty().containsOnly(1);
  }

  @Test
  @DisplayName("a reader the caller opened stays open through passing and failing assertions")
  void callersReaderStaysOpen(
      @SyntheticArchive(compression = Compression.GZIP) ArchiveReader reader,
      @SyntheticArchive ArchiveFixture same)
      throws IOException {
    assertThat(reader).isValid().hasImageCount(1).hasSameContentAs(same);
    assertThat(reader).image(0).hasLayerCount(2).hasLayerFile("data/0-1.bin");
    assertThat(same).hasSameContentAs(reader);
    catchThrowable(() -> assertThat(reader).hasImageCount(4));
    catchThrowable(() -> assertThat(reader).image(0).hasLayerFile("nothing"));
    catchThrowable(() -> assertThat(same).hasSameContentAs(reader).hasImageCount(5));
    DockerArchiveSoftAssertions softly = new DockerArchiveSoftAssertions();
    softly.assertThat(reader).hasImageCount(2).image(0).hasLayerCount(3);
    Assertions.assertThat(softly.errorsCollected()).hasSize(2);

    try (InputStream manifest = reader.openEntry("manifest.json")) {
      Assertions.assertThat(manifest.readAllBytes()).isNotEmpty();
    }
  }

  @Test
  @DisplayName("an image source the caller opened, owning its reader, is not closed either")
  void callersImageSourceStaysOpen(@SyntheticArchive(compression = Compression.GZIP) Path archive)
      throws Exception {
    try (ImageSource image =
        ImageSource.open(
            ArchiveReference.ofIndex(archive.toString(), 0), ReaderOptions.defaults())) {
      assertThat(image).hasLayerCount(2).hasLayerFile("data/0-0.bin");
      catchThrowable(() -> assertThat(image).hasLayerCount(1));
      try (InputStream layer = image.getBlob(image.diffIds().get(0))) {
        Assertions.assertThat(layer.readAllBytes()).isNotEmpty();
      }
    }
  }

  @Test
  @DisplayName("an image assert holds nothing open: each assertion opens the archive again")
  void imageAssertReopens(@SyntheticArchive ArchiveFixture fixture, @TempDir Path dir)
      throws IOException {
    Path copy = Files.copy(fixture.path(), dir.resolve("copy.tar"));
    ImageAssert image = assertThat(copy).image(0);
    image.hasLayerCount(2);
    Files.delete(copy);
    assertThatThrownBy(() -> image.hasLayerCount(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(
            "Expecting image archive \"" + copy + "\" image @0",
            "to be readable, but reading failed:",
            "no such file");
  }

  @Test
  @DisplayName(
      "a failure to close after a passing assertion is an I/O error naming the archive; after a"
          + " failing one it is suppressed by the assertion error")
  void closingFails(@SyntheticArchive Path archive) throws IOException {
    assertThatThrownBy(() -> new FailingToClose(archive).hasImageCount(1))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("closing archive \"" + archive + "\": disk went away");
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      assertThatThrownBy(
              () -> new ImageFailingToClose(reader.imageSource(null, 0)).hasLayerCount(2))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("closing image archive \"" + archive + "\" image @0: disk went away");
      Throwable failure =
          catchThrowable(
              () -> new ImageFailingToClose(reader.imageSource(null, 0)).hasLayerCount(3));
      Assertions.assertThat(failure)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("to have 3 layer(s) but it has 2");
      Assertions.assertThat(failure.getSuppressed())
          .singleElement()
          .satisfies(s -> Assertions.assertThat(s).hasMessage("disk went away"));
    }
  }

  private static WatchingAssert watched(Path archive, ReaderOptions options, List<Integer> seen) {
    return new WatchingAssert(archive, seen).usingReaderOptions(options);
  }

  private static List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** Records how many files the temporary directory holds while the archive is open. */
  static class WatchingAssert extends AbstractArchiveAssert<WatchingAssert, Path> {
    private final List<Integer> seen;

    WatchingAssert(Path actual, List<Integer> seen) {
      super(actual, WatchingAssert.class);
      this.seen = seen;
    }

    @Override
    protected ArchiveReader openArchive(ReaderOptions options) throws ArchiveException {
      ArchiveReader reader = ArchiveReader.open(actual, options);
      try {
        seen.add(filesIn(options.temporaryDirectory()).size());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return reader;
    }
  }

  /** Closes the archive, then reports a failure. */
  static class FailingToClose extends PathArchiveAssert {
    FailingToClose(Path actual) {
      super(actual);
    }

    @Override
    protected void closeArchive(ArchiveReader reader) throws IOException {
      super.closeArchive(reader);
      throw new IOException("disk went away");
    }
  }

  /** Lets the caller's image go, then reports a failure. */
  static class ImageFailingToClose extends ImageAssert {
    ImageFailingToClose(ImageSource actual) {
      super(actual);
    }

    @Override
    protected void closeImage(ImageSource image) throws IOException {
      super.closeImage(image);
      throw new IOException("disk went away");
    }
  }
}
