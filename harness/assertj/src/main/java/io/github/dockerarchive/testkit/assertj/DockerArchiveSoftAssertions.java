package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions for docker-save archives: every failure is collected, including those of image
 * asserts reached through {@link ArchiveAssert#image}, and reported together by {@link
 * #assertAll()}. Works with AssertJ's {@code SoftAssertionsExtension} too.
 *
 * <pre>{@code
 * DockerArchiveSoftAssertions.assertSoftly(softly -> {
 *   softly.assertThat(fixture).hasImageCount(2);
 *   softly.assertThat(fixture).image("app:1").hasLayerCount(3);
 * });
 * }</pre>
 */
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
   * Soft assertions on an open reader.
   *
   * @param actual the reader
   * @return the assert
   */
  public ArchiveAssert assertThat(ArchiveReader actual) {
    return soft(ArchiveReader.class, actual);
  }

  /**
   * Soft assertions on an archive file.
   *
   * @param actual the file
   * @return the assert
   */
  public ArchiveAssert assertThat(Path actual) {
    return soft(Path.class, actual);
  }

  /**
   * Soft assertions on a synthetic archive.
   *
   * @param actual the fixture
   * @return the assert
   */
  public ArchiveAssert assertThat(ArchiveFixture actual) {
    return soft(ArchiveFixture.class, actual);
  }

  /**
   * Soft assertions on one image.
   *
   * @param actual the image
   * @return the assert
   */
  public ImageAssert assertThat(ImageSource actual) {
    return proxy(ImageAssert.class, ImageSource.class, actual);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private ArchiveAssert soft(Class<?> type, Object actual) {
    ArchiveAssert archive =
        (ArchiveAssert) proxy((Class) ArchiveAssert.class, (Class) type, actual);
    archive.images = new SoftImages();
    return archive;
  }

  /** Image asserts that are proxies of this collector; a missing image is one collected error. */
  private final class SoftImages implements ImageAsserts {
    @Override
    public ImageAssert create(ImageSource source, ArchiveAccess access) {
      ImageAssert image = proxy(ImageAssert.class, ImageSource.class, source);
      image.access = access;
      return image;
    }

    @Override
    public ImageAssert missing(AssertionError error, ArchiveAccess access) {
      collectAssertionError(error);
      ImageAssert image = proxy(ImageAssert.class, ImageSource.class, null);
      image.skipped = true;
      return image;
    }
  }
}
