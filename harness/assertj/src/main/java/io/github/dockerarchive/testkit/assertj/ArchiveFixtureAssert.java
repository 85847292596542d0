package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import org.apiguardian.api.API;

/**
 * Assertions on a synthetic archive's file. Each assertion opens the file and closes it again
 * before it returns. See {@link AbstractArchiveAssert} for the assertions; the fixture's truth
 * gives the expected values:
 *
 * <pre>{@code
 * assertThat(fixture).isValid().image(0).matches(fixture.image(0));
 * }</pre>
 *
 * <p>Non-final with a public constructor, for soft assertions and subclasses.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ArchiveFixtureAssert
    extends AbstractArchiveAssert<ArchiveFixtureAssert, ArchiveFixture> {

  /**
   * An assert on a synthetic archive.
   *
   * @param actual the fixture
   */
  public ArchiveFixtureAssert(ArchiveFixture actual) {
    super(actual, ArchiveFixtureAssert.class);
  }

  /**
   * Opens the fixture's file.
   *
   * @param options the reader options
   * @return a reader of the file, closed at the end of the assertion
   * @throws ArchiveException if the file is not a readable archive (a corrupted fixture)
   */
  @Override
  protected ArchiveReader openArchive(ReaderOptions options) throws ArchiveException {
    return ArchiveReader.open(actual.path(), options);
  }

  /**
   * Names the fixture's file.
   *
   * @return for example {@code archive "/tmp/dockerarchive-1/app.tar"}
   */
  @Override
  protected String describeArchive() {
    return Describe.file(actual.path());
  }
}
