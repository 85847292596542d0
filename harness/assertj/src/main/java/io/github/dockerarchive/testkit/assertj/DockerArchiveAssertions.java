package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;

/**
 * Entry points of the AssertJ assertions for docker-save archives.
 *
 * <pre>{@code
 * import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;
 *
 * assertThat(fixture).isValid().hasImageCount(1).image(0).hasLayerCount(2);
 * }</pre>
 *
 * <p>{@link #assertThat(Path)} clashes with AssertJ's own {@code assertThat(Path)} when both are
 * statically imported; use {@link #assertThatArchive(Path)} then.
 */
public final class DockerArchiveAssertions {
  private DockerArchiveAssertions() {}

  /**
   * Assertions on an open reader; the caller keeps owning it.
   *
   * @param actual the reader
   * @return the assert
   */
  public static ArchiveAssert assertThat(ArchiveReader actual) {
    return new ArchiveAssert(actual);
  }

  /**
   * Assertions on an archive file.
   *
   * @param actual the file
   * @return the assert
   */
  public static ArchiveAssert assertThat(Path actual) {
    return new ArchiveAssert(actual);
  }

  /**
   * Assertions on an archive file, under a name that does not clash with AssertJ's {@code
   * assertThat(Path)}.
   *
   * @param actual the file
   * @return the assert
   */
  public static ArchiveAssert assertThatArchive(Path actual) {
    return new ArchiveAssert(actual);
  }

  /**
   * Assertions on a synthetic archive.
   *
   * @param actual the fixture
   * @return the assert
   */
  public static ArchiveAssert assertThat(ArchiveFixture actual) {
    return new ArchiveAssert(actual);
  }

  /**
   * Assertions on one image.
   *
   * @param actual the image
   * @return the assert
   */
  public static ImageAssert assertThat(ImageSource actual) {
    return new ImageAssert(actual);
  }
}
