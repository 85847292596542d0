package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import org.apiguardian.api.API;

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
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DockerArchiveAssertions {
  private DockerArchiveAssertions() {}

  /**
   * Assertions on an open reader; the caller keeps owning it.
   *
   * @param actual the reader
   * @return the assert
   */
  public static ArchiveReaderAssert assertThat(ArchiveReader actual) {
    return new ArchiveReaderAssert(actual);
  }

  /**
   * Assertions on an archive file; each assertion opens and closes it.
   *
   * @param actual the file
   * @return the assert
   */
  public static PathArchiveAssert assertThat(Path actual) {
    return new PathArchiveAssert(actual);
  }

  /**
   * Assertions on an archive file, under a name that does not clash with AssertJ's {@code
   * assertThat(Path)}.
   *
   * @param actual the file
   * @return the assert
   */
  public static PathArchiveAssert assertThatArchive(Path actual) {
    return new PathArchiveAssert(actual);
  }

  /**
   * Assertions on a synthetic archive; each assertion opens and closes its file.
   *
   * @param actual the fixture
   * @return the assert
   */
  public static ArchiveFixtureAssert assertThat(ArchiveFixture actual) {
    return new ArchiveFixtureAssert(actual);
  }

  /**
   * Assertions on one image; the caller keeps owning it.
   *
   * @param actual the image
   * @return the assert
   */
  public static ImageAssert assertThat(ImageSource actual) {
    return new ImageAssert(actual);
  }
}
