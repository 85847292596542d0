package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.testkit.engine.Event;

/**
 * @ArchiveDialects runs a parameterized test per dialect and compression.
 */
@DisplayName("@ArchiveDialects: one run per dialect and compression")
class ArchiveDialectsTest {
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();
  static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();

  @TestKit.Fixture
  static class Specs {
    @ParameterizedTest
    @ArchiveDialects
    void everyDialect(ArchiveSpec spec, Dialect dialect) {
      assertThat(spec.dialect()).isEqualTo(dialect);
      SEEN.add(dialect);
    }

    @ParameterizedTest
    @ArchiveDialects(exclude = Dialect.JIB)
    void allButJib(ArchiveSpec spec) {
      assertThat(spec.dialect()).isNotEqualTo(Dialect.JIB);
    }
  }

  @Test
  @DisplayName("no value means every dialect; specs alone write nothing")
  void everyDialect() {
    SEEN.clear();
    var results = TestKit.run(Specs.class);
    int all = Dialect.values().length;
    results.testEvents().assertStatistics(s -> s.succeeded(all + all - 1).failed(0));
    assertThat(SEEN).containsExactlyInAnyOrder((Object[]) Dialect.values());
    assertThat(results.testEvents().started().stream().map(Event::getTestDescriptor))
        .anySatisfy(
            d -> assertThat(d.getDisplayName()).matches("\\[1\\] (spec=)?containers-image, tar"));
  }

  @TestKit.Fixture
  static class Fixtures {
    @ParameterizedTest
    @ArchiveDialects(
        value = Dialect.CONTAINERS_IMAGE,
        compressions = {Compression.NONE, Compression.GZIP, Compression.XZ},
        archive = @SyntheticArchive(images = 2, layerSize = 100))
    void compressed(ArchiveFixture fixture, Path path, Compression compression) {
      assertThat(fixture.spec().compression()).isEqualTo(compression);
      assertThat(fixture.path()).isEqualTo(path).isRegularFile();
      assertThat(fixture.images()).hasSize(2);
      PATHS.add(path);
    }

    @ParameterizedTest
    @ArchiveDialects(
        value = Dialect.CONTAINERS_IMAGE,
        archive = @SyntheticArchive(cleanup = CleanupMode.ON_SUCCESS))
    void failing(Path path) {
      PATHS.add(path);
      throw new AssertionError("boom");
    }
  }

  @Test
  @DisplayName(
      "fixtures per dialect × compression, deleted when the test ends unless ON_SUCCESS and an invocation failed")
  void fixtures(@TempDir Path root) {
    PATHS.clear();
    TestKit.run(Map.of(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.toString()), Fixtures.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(3).failed(1));
    assertThat(PATHS).hasSize(4).allMatch(p -> p.startsWith(root));
    assertThat(PATHS).filteredOn(p -> p.toFile().exists()).hasSize(1);
  }

  @TestKit.Fixture
  static class EveryDialectWritten {
    @ParameterizedTest
    @ArchiveDialects(archive = @SyntheticArchive(images = 2))
    void readable(ArchiveFixture fixture) throws Exception {
      try (var reader =
          io.github.dockerarchive.testkit.archive.ArchiveReader.open(fixture.path())) {
        assertThat(reader.manifest()).hasSize(2);
        assertThat(reader.imageSource(null, 1).diffIds()).isEqualTo(fixture.image(1).diffIds());
      }
      SEEN.add(fixture.spec().dialect());
    }

    @ParameterizedTest
    @ArchiveDialects(value = Dialect.JIB, archive = @SyntheticArchive(images = 2))
    void jibNamedExplicitly(ArchiveFixture fixture) {}
  }

  @Test
  @DisplayName(
      "every dialect that can hold two images writes a readable archive; Jib named explicitly fails with the reason")
  void everyDialectWritten() {
    SEEN.clear();
    var results = TestKit.run(EveryDialectWritten.class);
    results.testEvents().assertStatistics(s -> s.succeeded(Dialect.values().length - 2));
    assertThat(SEEN).doesNotContain(Dialect.JIB, Dialect.JIB_LEGACY);
    results
        .allEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            finishedWithFailure(
                message(
                    m ->
                        m.contains("jibNamedExplicitly(ArchiveFixture)")
                            && m.contains("writes exactly one image"))));
  }

  @TestKit.Fixture
  static class Unsupported {
    @ParameterizedTest
    @ArchiveDialects
    void wrong(String text) {}
  }

  @Test
  @DisplayName("an unsupported first parameter fails naming the method and the supported types")
  void unsupported() {
    TestKit.run(Unsupported.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains(
                                "@ArchiveDialects on method ArchiveDialectsTest$Unsupported.wrong(String)")
                            && m.contains("ArchiveFixture, ArchiveSpec"))));
  }
}
