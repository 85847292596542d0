package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import org.apiguardian.api.API;

/**
 * Assertions on an archive the caller opened. The reader stays the caller's: no assertion closes
 * it, and the image asserts reached through {@link #image(String)} read from it too. See {@link
 * AbstractArchiveAssert} for the assertions.
 *
 * <pre>{@code
 * try (ArchiveReader reader = ArchiveReader.open(path)) {
 *   assertThat(reader).hasImageCount(1).image(0).hasLayerCount(3);
 * }
 * }</pre>
 *
 * <p>Non-final with a public constructor, for soft assertions and subclasses.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ArchiveReaderAssert extends AbstractArchiveAssert<ArchiveReaderAssert, ArchiveReader> {

  /**
   * An assert on an open reader; the caller keeps owning it.
   *
   * @param actual the reader
   */
  public ArchiveReaderAssert(ArchiveReader actual) {
    super(actual, ArchiveReaderAssert.class);
  }

  /**
   * The caller's reader, as it is.
   *
   * @param options ignored: the reader is open already
   * @return the actual reader
   */
  @Override
  protected ArchiveReader openArchive(ReaderOptions options) {
    return actual;
  }

  /**
   * Does nothing: the reader is the caller's to close.
   *
   * @param reader the actual reader
   */
  @Override
  protected void closeArchive(ArchiveReader reader) {
    // The caller's.
  }

  /**
   * The reader's own description.
   *
   * @return for example {@code archive "/tmp/app.tar"}
   */
  @Override
  protected String describeArchive() {
    return Describe.reader(actual);
  }
}
