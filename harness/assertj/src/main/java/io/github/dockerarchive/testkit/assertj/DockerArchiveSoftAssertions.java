package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions for docker-save archives: every failure is collected, including those of image
 * asserts reached through {@link AbstractArchiveAssert#image}, and reported together by {@link
 * #assertAll()}. Works with AssertJ's {@code SoftAssertionsExtension} too. As with the plain
 * asserts, each assertion opens and closes the archive it reads.
 *
 * <pre>{@code
 * DockerArchiveSoftAssertions.assertSoftly(softly -> {
 *   softly.assertThat(fixture).hasImageCount(2);
 *   softly.assertThat(fixture).image("app:1").hasLayerCount(3);
 * });
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class DockerArchiveSoftAssertions extends AbstractSoftAssertions {

  /** Empty soft assertions; call {@link #assertAll()} at the end. */
  public DockerArchiveSoftAssertions() {}

  /**
   * Runs assertions softly and fails with every collected error at the end.
   *
   * @param assertions the assertions
   */
  public static void assertSoftly(Consumer<DockerArchiveSoftAssertions> assertions) {
    SoftAssertionsProvider.assertSoftly(DockerArchiveSoftAssertions.class, assertions);
  }

  /**
   * Soft assertions on an open reader; the caller keeps owning it.
   *
   * @param actual the reader
   * @return the assert
   */
  public ArchiveReaderAssert assertThat(ArchiveReader actual) {
    return soft(ArchiveReaderAssert.class, ArchiveReader.class, actual);
  }

  /**
   * Soft assertions on an archive file.
   *
   * @param actual the file
   * @return the assert
   */
  public PathArchiveAssert assertThat(Path actual) {
    return soft(PathArchiveAssert.class, Path.class, actual);
  }

  /**
   * Soft assertions on an archive file, under a name that does not clash with AssertJ's {@code
   * assertThat(Path)}.
   *
   * @param actual the file
   * @return the assert
   */
  public PathArchiveAssert assertThatArchive(Path actual) {
    return soft(PathArchiveAssert.class, Path.class, actual);
  }

  /**
   * Soft assertions on a synthetic archive.
   *
   * @param actual the fixture
   * @return the assert
   */
  public ArchiveFixtureAssert assertThat(ArchiveFixture actual) {
    return soft(ArchiveFixtureAssert.class, ArchiveFixture.class, actual);
  }

  /**
   * Soft assertions on one image; the caller keeps owning it.
   *
   * @param actual the image
   * @return the assert
   */
  public ImageAssert assertThat(ImageSource actual) {
    return proxy(ImageAssert.class, ImageSource.class, actual);
  }

  private <A extends AbstractArchiveAssert<A, T>, T> A soft(
      Class<A> assertType, Class<T> actualType, T actual) {
    A archive = proxy(assertType, actualType, actual);
    archive.images = new SoftImages();
    return archive;
  }

  /** Image asserts that are proxies of this collector; a missing image is one collected error. */
  private final class SoftImages implements ImageAsserts {
    @Override
    public ImageAssert create(ImageSource image, ImageOrigin origin) {
      ImageAssert assertion = proxy(ImageAssert.class, ImageSource.class, image);
      assertion.origin = origin;
      return assertion;
    }

    @Override
    public ImageAssert missing(AssertionError error) {
      collectAssertionError(error);
      ImageAssert assertion = proxy(ImageAssert.class, ImageSource.class, null);
      assertion.skipped = true;
      return assertion;
    }
  }
}
