package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties over materialised fixtures, one passing and one failing on purpose; {@link
 * FixtureCleanupTest} runs them through the jqwik engine. Not a test class of the build.
 */
class CleanupDemo {
  /** Every archive a try saw, with whether it existed during the try. */
  static final List<Path> SEEN = new CopyOnWriteArrayList<>();

  @Property(tries = 20, seed = "7")
  void passes(@ForAll @Images(max = 2) @MaxFileSize(512) ArchiveFixture fixture) {
    SEEN.add(fixture.path());
    assertThat(fixture.path()).exists();
  }

  @Property(tries = 20, seed = "7", afterFailure = AfterFailureMode.RANDOM_SEED)
  void failsWhenALayerHasFiles(@ForAll @MaxFileSize(512) ArchiveFixture fixture) throws Exception {
    SEEN.add(fixture.path());
    assertThat(Files.size(fixture.path())).isPositive();
    assertThat(fixture.spec().images())
        .allSatisfy(i -> assertThat(i.layers()).allSatisfy(l -> assertThat(l.files()).isEmpty()));
  }
}
