package io.github.dockerarchive.testkit.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' asserts built on the abstract ones: an assertion of their own chains with the inherited
 * ones in either order and keeps the subclass's type, and the open-read-close discipline holds for
 * what they add.
 */
@DockerArchiveTest
@DisplayName("user asserts extending AbstractArchiveAssert and AbstractImageAssert")
class CustomAssertTest {

  @Test
  @DisplayName("an archive assert of one's own chains with inherited assertions both ways")
  void archiveChains(
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"})
          ArchiveFixture fixture,
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "db:1"})
          ArchiveFixture mixed) {
    AppArchiveAssert app = new AppArchiveAssert(fixture);
    AppArchiveAssert chained =
        app.hasOnlyImagesOf("app")
            .hasImageCount(2)
            .hasOnlyImagesOf("app")
            .isValid()
            .hasImage("app:2")
            .as("the app export")
            .hasOnlyImagesOf("app")
            .usingReaderOptions(ReaderOptions.defaults())
            .hasSameContentAs(fixture)
            .hasOnlyImagesOf("app");
    assertThat(chained).isSameAs(app);
    assertThat(app.opened).isEqualTo(8).isEqualTo(app.closed);

    assertThatThrownBy(() -> new AppArchiveAssert(mixed).hasImageCount(2).hasOnlyImagesOf("app"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(
            "Expecting archive \"" + mixed.path() + "\"",
            "to hold only images of repository app",
            "but image @1 is tagged [docker.io/library/db:1]");
    assertThatThrownBy(() -> new AppArchiveAssert(mixed).as("mixed").hasOnlyImagesOf("db"))
        .hasMessageStartingWith("[mixed] ");
  }

  @Test
  @DisplayName("an image assert of one's own chains with inherited assertions both ways")
  void imageChains(@SyntheticArchive(layers = 3, layerSize = 100) ArchiveReader reader)
      throws ArchiveException {
    ImageSource image = reader.imageSource(null, 0);
    SmallLayersAssert small = new SmallLayersAssert(image);
    SmallLayersAssert chained =
        small
            .hasLayersAtMost(4096)
            .hasLayerCount(3)
            .hasLayersAtMost(4096)
            .hasDiffIds(image.diffIds())
            .hasLayerFile("data/0-2.bin")
            .hasLayersAtMost(4096);
    assertThat(chained).isSameAs(small);

    assertThatThrownBy(() -> new SmallLayersAssert(image).hasLayerCount(3).hasLayersAtMost(10))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(
            "Expecting image archive", "to have layers of at most 10 bytes", "but layer 0 has");
  }

  @Test
  @DisplayName(
      "an image assert on a single-image file, using the default closeImage, leaves no copy of a"
          + " .tar.xz behind")
  void imageOnFile(
      @SyntheticArchive(compression = Compression.XZ, tags = "one:1") Path archive,
      @TempDir Path scratch)
      throws IOException {
    ReaderOptions options = ReaderOptions.defaults().withTemporaryDirectory(scratch);
    SingleImageFileAssert image = new SingleImageFileAssert(archive, options);
    image
        .hasTag("one:1")
        .hasLayerCount(2)
        .hasLayerFile("data/0-0.bin")
        .hasTag("docker.io/library/one:1");
    assertThatThrownBy(() -> image.hasLayerCount(1))
        .hasMessageContaining("to have 1 layer(s) but it has 2");
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  @DisplayName("AssertJ's SoftAssertions proxy a user's assert and collect its failures")
  void softProxy(
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "db:1"})
          ArchiveFixture mixed) {
    SoftAssertions softly = new SoftAssertions();
    softly
        .proxy(AppArchiveAssert.class, ArchiveFixture.class, mixed)
        .hasOnlyImagesOf("app")
        .hasImageCount(3)
        .hasImage("db:1");
    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("to hold only images of repository app"))
        .anySatisfy(m -> assertThat(m).contains("to have 3 image(s) but it has 2"));
  }

  /** A team's archive assert: adds one assertion, counts opens and closes. */
  public static class AppArchiveAssert
      extends AbstractArchiveAssert<AppArchiveAssert, ArchiveFixture> {
    int opened;
    int closed;

    /**
     * An assert on a fixture.
     *
     * @param actual the fixture
     */
    public AppArchiveAssert(ArchiveFixture actual) {
      super(actual, AppArchiveAssert.class);
    }

    @Override
    protected ArchiveReader openArchive(ReaderOptions options) throws ArchiveException {
      opened++;
      return ArchiveReader.open(actual.path(), options);
    }

    @Override
    protected void closeArchive(ArchiveReader reader) throws IOException {
      closed++;
      super.closeArchive(reader);
    }

    @Override
    protected String describeArchive() {
      return "archive \"" + actual.path() + "\"";
    }

    /**
     * Checks that every tag names the repository.
     *
     * @param repository for example {@code app}
     * @return this assert
     */
    public AppArchiveAssert hasOnlyImagesOf(String repository) {
      List<ManifestItem> items = withArchive(ArchiveReader::manifest);
      for (int i = 0; i < items.size(); i++) {
        List<String> tags = items.get(i).repoTags();
        if (tags.stream()
            .anyMatch(t -> !t.substring(t.lastIndexOf('/') + 1).startsWith(repository + ":"))) {
          failWithMessage(
              "%nExpecting %s%nto hold only images of repository %s%nbut image @%s is tagged %s",
              describeArchive(), repository, i, tags);
        }
      }
      return myself;
    }
  }

  /** An image assert on a caller's source that adds a size check. */
  static class SmallLayersAssert extends AbstractImageAssert<SmallLayersAssert, ImageSource> {
    SmallLayersAssert(ImageSource actual) {
      super(actual, SmallLayersAssert.class);
    }

    @Override
    protected ImageSource openImage() {
      return actual;
    }

    @Override
    protected void closeImage(ImageSource image) {
      // The caller's.
    }

    @Override
    protected String describeImage() {
      return "image " + actual.describe();
    }

    SmallLayersAssert hasLayersAtMost(long bytes) {
      List<LayerInfo> layers = withImage(ImageSource::layers);
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i).size() > bytes) {
          failWithMessage(
              "%nExpecting %s%nto have layers of at most %s bytes%nbut layer %s has %s",
              describeImage(), bytes, i, layers.get(i).size());
        }
      }
      return myself;
    }
  }

  /** The only image of an archive file, opened by each assertion with {@link ImageSource#open}. */
  static class SingleImageFileAssert extends AbstractImageAssert<SingleImageFileAssert, Path> {
    private final ReaderOptions options;

    SingleImageFileAssert(Path actual, ReaderOptions options) {
      super(actual, SingleImageFileAssert.class);
      this.options = options;
    }

    @Override
    protected ImageSource openImage() throws IOException {
      return ImageSource.open(ArchiveReference.ofIndex(actual.toString(), 0), options);
    }
  }
}
