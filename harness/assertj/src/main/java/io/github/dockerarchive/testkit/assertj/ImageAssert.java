package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ImageSource;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Assertions on one image. Get one from {@link AbstractArchiveAssert#image(String)} or {@link
 * DockerArchiveAssertions#assertThat(ImageSource)}; see {@link AbstractImageAssert} for the
 * assertions.
 *
 * <pre>{@code
 * assertThat(archive).image("app:1").hasLayerCount(3).hasLayerFile("app/run.sh");
 * assertThat(reader.imageSource(null, 0)).hasDiffIds(expectedDiffIds);
 * }</pre>
 *
 * <p>An image source given by the caller is read as it is and never closed. An image reached
 * through an archive assert is opened from that archive again by each assertion and closed before
 * the assertion returns; its {@code actual} then only describes the image: it was read from a
 * reader that is closed now, unless the archive assert is on a reader the caller opened.
 *
 * <p>Non-final with a public constructor, for soft assertions and subclasses.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ImageAssert extends AbstractImageAssert<ImageAssert, ImageSource> {
  /** Where to open the image from for each assertion; null for an image source of the caller. */
  ImageOrigin origin;

  /**
   * An assert on an image; the caller keeps owning it.
   *
   * @param actual the image
   */
  public ImageAssert(ImageSource actual) {
    super(actual, ImageAssert.class);
  }

  /**
   * The image: the caller's as it is, or the one the archive assert selected, opened again.
   *
   * @return the image
   * @throws IOException if the archive the image is in cannot be opened again
   */
  @Override
  protected ImageSource openImage() throws IOException {
    return origin == null ? actual : origin.open();
  }

  /**
   * Closes an image opened again from its archive; leaves the caller's alone.
   *
   * @param image the image {@link #openImage} returned
   * @throws IOException if the archive cannot be closed
   */
  @Override
  protected void closeImage(ImageSource image) throws IOException {
    if (origin != null) {
      origin.close(image);
    }
  }

  /**
   * Names the image as its source does.
   *
   * @return for example {@code image archive "/tmp/app.tar" image docker.io/library/app:1}
   */
  @Override
  protected String describeImage() {
    return "image " + actual.describe();
  }
}
