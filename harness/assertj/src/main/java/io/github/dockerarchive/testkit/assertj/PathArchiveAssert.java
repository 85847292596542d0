package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Assertions on an archive file, plain or compressed (gzip, bzip2, xz, zstd). Each assertion opens
 * the file and closes it again before it returns, deleting the decompressed copy of a compressed
 * archive. See {@link AbstractArchiveAssert} for the assertions.
 *
 * <pre>{@code
 * assertThat(Path.of("app.tar.gz")).isValid().hasImageCount(1).image(0).hasLayerCount(3);
 * }</pre>
 *
 * <p>Non-final with a public constructor, for soft assertions and subclasses.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class PathArchiveAssert extends AbstractArchiveAssert<PathArchiveAssert, Path> {

  /**
   * An assert on an archive file.
   *
   * @param actual the file
   */
  public PathArchiveAssert(Path actual) {
    super(actual, PathArchiveAssert.class);
  }

  /**
   * Opens the file.
   *
   * @param options the reader options
   * @return a reader of the file, closed at the end of the assertion
   * @throws ArchiveException if the file is not a readable archive
   */
  @Override
  protected ArchiveReader openArchive(ReaderOptions options) throws ArchiveException {
    return ArchiveReader.open(actual, options);
  }

  /**
   * Names the file.
   *
   * @return for example {@code archive "/tmp/app.tar"}
   */
  @Override
  protected String describeArchive() {
    return Describe.file(actual);
  }
}
