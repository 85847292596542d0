package io.github.dockerarchive.testkit.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Soft assertions collect archive- and image-level failures and report them together. */
@DockerArchiveTest
@DisplayName("DockerArchiveSoftAssertions")
class SoftAssertionsTest {

  @Test
  @DisplayName("collects every failure, including those of image asserts and missing images")
  void collects(
      @SyntheticArchive(
              images = 2,
              tags = {"a:1", "b:1"})
          ArchiveFixture fixture) {
    DockerArchiveSoftAssertions softly = new DockerArchiveSoftAssertions();
    softly.assertThat(fixture).hasImageCount(5).hasImage("a:1").hasImage("c:1");
    softly.assertThat(fixture).image("a:1").hasLayerCount(7).hasLayerCount(2);
    softly.assertThat(fixture).image("missing:1").hasLayerCount(1).hasLayerFile("x");
    softly.assertThat(fixture).image(9).hasLayerCount(1);
    softly.assertThat(fixture.path()).isValid();
    assertThat(softly.errorsCollected()).hasSize(5);
    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .anySatisfy(m -> assertThat(m).contains("to have 5 image(s)"))
        .anySatisfy(m -> assertThat(m).contains("\"c:1\""))
        .anySatisfy(m -> assertThat(m).contains("to have 7 layer(s)"))
        .anySatisfy(m -> assertThat(m).contains("\"missing:1\""))
        .anySatisfy(m -> assertThat(m).contains("to have an image @9"));
    Throwable all = catchThrowable(softly::assertAll);
    assertThat(all)
        .isInstanceOf(AssertJMultipleFailuresError.class)
        .hasMessageContaining("(5 failures)");
  }

  @Test
  @DisplayName("assertSoftly passes when everything holds, for readers, paths and image sources")
  void passes(@SyntheticArchive ArchiveReader reader, @SyntheticArchive Path path) {
    DockerArchiveSoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(reader).hasImageCount(1).image(0).hasLayerCount(2);
          softly.assertThat(path).isValid().hasSameContentAs(reader);
          softly.assertThat(reader.imageSource(null, 0)).hasLayerCount(2);
        });
  }

  @Test
  @DisplayName(
      "AssertJ's own SoftAssertions can proxy the assert classes (non-final, public constructors)")
  void proxy(@SyntheticArchive ArchiveReader reader) {
    SoftAssertions softly = new SoftAssertions();
    softly
        .proxy(
            ImageAssert.class,
            io.github.dockerarchive.testkit.archive.ImageSource.class,
            reader.imageSource(null, 0))
        .hasLayerCount(3);
    assertThat(softly.errorsCollected()).hasSize(1);
  }
}
