package io.github.dockerarchive.testkit.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A test class as a user would write it: 1,000 tests, each injected with a small archive (one
 * image, two 1 KiB layers). {@link FixturesBenchmark} runs it through the JUnit Platform launcher.
 */
@DockerArchiveTest
public class InjectedArchives {
  /** Creates the test class (JUnit instantiates it). */
  public InjectedArchives() {}

  /**
   * One test with one archive.
   *
   * @param archive the injected archive
   */
  @RepeatedTest(1000)
  public void each(@SyntheticArchive ArchiveFixture archive) {
    assertTrue(archive.path().toFile().length() > 0);
  }
}
