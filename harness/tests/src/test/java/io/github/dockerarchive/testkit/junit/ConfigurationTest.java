package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration parameters supply the defaults of unset attributes. */
@DisplayName("DockerArchiveExtension: configuration parameters")
class ConfigurationTest {
  @TempDir Path root;

  @TestKit.Fixture
  @DockerArchiveTest
  static class Defaults {
    @Test
    void configured(@SyntheticArchive ArchiveFixture fixture) {
      assertThat(fixture.spec().seed()).isEqualTo(77);
      assertThat(fixture.spec().images()).hasSize(2);
      assertThat(fixture.spec().images().get(0).layers()).hasSize(3);
      assertThat(fixture.spec().images().get(0).layers().get(0).contentBytes()).isEqualTo(5);
      assertThat(fixture.spec().compression()).isEqualTo(Compression.GZIP);
      assertThat(fixture.spec().images().get(0).layers().get(0).compression())
          .isEqualTo(Compression.ZSTD);
      assertThat(fixture.path()).startsWith(ConfigurationTestRoot.root());
    }

    @Test
    void attributesWin(
        @SyntheticArchive(seed = 1, images = 1, compression = Compression.NONE)
            ArchiveFixture fixture) {
      assertThat(fixture.spec().seed()).isEqualTo(1);
      assertThat(fixture.spec().images()).hasSize(1);
      assertThat(fixture.spec().compression()).isEqualTo(Compression.NONE);
    }
  }

  /** The root the outer test configured, read back inside the fixture. */
  static final class ConfigurationTestRoot {
    static volatile Path root;

    static Path root() {
      return root;
    }
  }

  @Test
  @DisplayName(
      "dockerarchive.seed, images, layers, layerSize, compression, layerCompression and tempdir set defaults; attributes win")
  void defaults() {
    ConfigurationTestRoot.root = root;
    TestKit.run(
            Map.of(
                "dockerarchive.seed", "77",
                "dockerarchive.images", "2",
                "dockerarchive.layers", "3",
                "dockerarchive.layerSize", "5",
                "dockerarchive.compression", "gzip",
                "dockerarchive.layerCompression", "ZSTD",
                "dockerarchive.dialect", "containers-image",
                "dockerarchive.tempdir", root.resolve("nested/dir").toString()),
            Defaults.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2).failed(0));
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Any {
    @Test
    void any(@SyntheticArchive Path archive) {}
  }

  @Test
  @DisplayName("an invalid configuration value fails naming the parameter and the accepted values")
  void invalid() {
    TestKit.run(Map.of("dockerarchive.cleanup", "sometimes"), Any.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    "configuration parameter dockerarchive.cleanup = \"sometimes\" is invalid:"
                        + " expected one of ALWAYS, ON_SUCCESS, NEVER")));
    TestKit.run(Map.of("dockerarchive.dialect", "moby"), Any.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.startsWith(
                                "configuration parameter dockerarchive.dialect = \"moby\" is"
                                    + " invalid: unknown dialect \"moby\"")
                            && m.contains("containers-image"))));
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class RandomSeed {
    static volatile long seen;

    @Test
    void one(@SyntheticArchive ArchiveFixture a, @SyntheticArchive ArchiveFixture b) {
      assertThat(a.spec().seed()).isEqualTo(b.spec().seed());
      seen = a.spec().seed();
    }
  }

  @Test
  @DisplayName("dockerarchive.seed=random picks one seed for the whole run")
  void randomSeed() {
    TestKit.run(Map.of("dockerarchive.seed", "random"), RandomSeed.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
  }
}
