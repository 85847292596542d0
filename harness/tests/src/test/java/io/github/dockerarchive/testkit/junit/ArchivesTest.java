package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link Archives}: bound to the context it was resolved for, usable from any thread, with the
 * registered extension's defaults.
 */
@DisplayName("Archives: archives created from specs, owned by the context they were resolved for")
class ArchivesTest {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  @TempDir Path root;

  private Map<String, String> config() {
    return Map.of(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.toString());
  }

  /** The tags of every image as read back from the file. */
  static List<List<String>> tagsOnDisk(Path archive) {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      return reader.manifest().stream().map(ManifestItem::repoTags).toList();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + archive, e);
    }
  }

  /** The layer count of every image as read back from the file. */
  static List<Integer> layersOnDisk(Path archive) {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      return reader.manifest().stream().map(m -> m.layers().size()).toList();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + archive, e);
    }
  }

  /** Asserts that the file holds what the fixture's truth says. */
  static void assertTruthMatches(ArchiveFixture fixture) {
    assertThat(fixture.path()).isRegularFile();
    assertThat(tagsOnDisk(fixture.path()))
        .isEqualTo(fixture.images().stream().map(ImageTruth::repoTags).toList());
    assertThat(layersOnDisk(fixture.path()))
        .isEqualTo(fixture.images().stream().map(t -> t.diffIds().size()).toList());
  }

  /** Asserts that no test or container of a run failed, showing the failures otherwise. */
  static void assertNoFailures(EngineExecutionResults results) {
    assertThat(
            results.allEvents().executions().failed().stream()
                .map(
                    e ->
                        e.getTestDescriptor().getDisplayName()
                            + ": "
                            + e.getTerminationInfo()
                                .getExecutionResult()
                                .getThrowable()
                                .map(Throwable::toString)
                                .orElse("no exception"))
                .toList())
        .as("failures of the run")
        .isEmpty();
  }

  private List<Path> leftUnder(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> left = Files.list(directory)) {
      return left.toList();
    }
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class OffThread {
    @BeforeEach
    void before() {
      SEEN.put("beforeEach thread", Thread.currentThread().getName());
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void onTheTimeoutThread(Archives archives) {
      SEEN.put("test thread", Thread.currentThread().getName());
      ArchiveFixture fixture =
          archives.create(
              b ->
                  b.image(List.of("timeout/a:1"), LayerSpec.filler(32), LayerSpec.filler(8))
                      .image(List.of("timeout/b:1"), LayerSpec.filler(16)));
      assertTruthMatches(fixture);
      assertThat(tagsOnDisk(fixture.path()))
          .containsExactly(List.of("docker.io/timeout/a:1"), List.of("docker.io/timeout/b:1"));
      SEEN.put("timeout archive", fixture.path());
    }

    @Test
    void fromAnExecutor(Archives archives) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<ArchiveFixture>> made = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String tag = "pool/t" + i + ":1";
          made.add(pool.submit(() -> archives.create(b -> b.image(List.of(tag)))));
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
          ArchiveFixture fixture = made.get(i).get();
          assertTruthMatches(fixture);
          assertThat(tagsOnDisk(fixture.path()))
              .containsExactly(List.of("docker.io/pool/t" + i + ":1"));
          paths.add(fixture.path());
        }
        assertThat(paths).doesNotHaveDuplicates();
        SEEN.put("executor archives", paths);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName(
      "in a @Timeout(SEPARATE_THREAD) test and from an executor's threads, archives belong to the"
          + " test, match their truth and are deleted when it ends")
  void offThread() throws IOException {
    SEEN.clear();
    EngineExecutionResults results = TestKit.run(config(), OffThread.class);
    assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(SEEN.get("test thread"))
        .as("the test body ran on a thread of its own")
        .isNotEqualTo(SEEN.get("beforeEach thread"));
    assertThat((Path) SEEN.get("timeout archive")).isNotNull().doesNotExist();
    @SuppressWarnings("unchecked")
    List<Path> pooled = (List<Path>) SEEN.get("executor archives");
    assertThat(pooled).hasSize(8).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(leftUnder(root)).isEmpty();
  }

  @TestKit.Fixture
  @DockerArchiveTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ClassLevel {
    static Archives staticField;
    static ArchiveFixture shared;

    Archives instanceField;

    @BeforeAll
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void writeOnce(Archives archives) {
      shared = archives.create(b -> b.image(List.of("class/shared:1"), LayerSpec.filler(16)));
      assertTruthMatches(shared);
      SEEN.put("class archive", shared.path());
      SEEN.put("class Archives", archives);
    }

    @BeforeEach
    void before(Archives archives) {
      SEEN.put("beforeEach Archives", archives);
    }

    @Test
    @Order(1)
    void first(Archives archives) {
      assertThat(staticField).as("static field: the class's").isSameAs(SEEN.get("class Archives"));
      assertThat(archives)
          .as("one Archives per test: parameter, @BeforeEach parameter and instance field")
          .isSameAs(SEEN.get("beforeEach Archives"))
          .isSameAs(instanceField)
          .isNotSameAs(SEEN.get("class Archives"));
      assertTruthMatches(shared);
      ArchiveFixture mine = archives.create(b -> b.image(List.of("class/first:1")));
      assertTruthMatches(mine);
      SEEN.put("first", mine.path());
    }

    @Test
    @Order(2)
    void second(Archives archives) {
      assertThat((Path) SEEN.get("first"))
          .as("the first test's archive, deleted when that test ended")
          .doesNotExist();
      assertThat(archives)
          .isSameAs(instanceField)
          .isSameAs(SEEN.get("beforeEach Archives"))
          .isNotSameAs(SEEN.get("class Archives"));
      SEEN.put("second Archives", archives);
      assertTruthMatches(shared);
      SEEN.put("second", archives.create(b -> b.image(List.of("class/second:1"))).path());
    }

    @AfterAll
    static void classEnds(Archives archives) {
      assertThat(archives).isSameAs(SEEN.get("class Archives"));
      assertThat((Path) SEEN.get("second")).doesNotExist();
      assertThat(shared.path()).as("the class's archive, until the class ends").isRegularFile();
    }
  }

  @Test
  @DisplayName(
      "a static @BeforeAll parameter and a static field get the class's Archives, whose archives"
          + " live until the class ends; a stale Archives refuses to write")
  void classLevel() throws IOException {
    SEEN.clear();
    EngineExecutionResults results = TestKit.run(config(), ClassLevel.class);
    assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat((Path) SEEN.get("class archive")).isNotNull().doesNotExist();
    assertThat(leftUnder(root)).isEmpty();

    Archives stale = (Archives) SEEN.get("class Archives");
    assertThatThrownBy(() -> stale.create(b -> b.image(List.of("late:1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("used after it ended")
        .hasMessageContaining("ArchivesTest$ClassLevel");
    assertThatThrownBy(stale::newSpec).isInstanceOf(IllegalStateException.class);
    Archives staleTest = (Archives) SEEN.get("second Archives");
    assertThatThrownBy(
            () -> staleTest.create(ArchiveSpec.builder().image(List.of("late:2")).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("used after it ended")
        .hasMessageContaining("second");
    assertThat(leftUnder(root)).as("nothing written for the stale call").isEmpty();
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Constructed {
    private final Archives fromConstructor;

    Constructed(Archives archives) {
      this.fromConstructor = archives;
    }

    @Test
    void sameAsTheTests(Archives archives) {
      assertThat(fromConstructor).isNotNull().isSameAs(archives);
      ArchiveFixture fixture = fromConstructor.create(b -> b.image(List.of("ctor:1")));
      assertTruthMatches(fixture);
      SEEN.put("constructor archive", fixture.path());
    }
  }

  @Test
  @DisplayName(
      "a constructor parameter gets the test's Archives (per-method lifecycle); a final field"
          + " keeps what the constructor set")
  void constructor() throws IOException {
    SEEN.clear();
    EngineExecutionResults results = TestKit.run(config(), Constructed.class);
    assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat((Path) SEEN.get("constructor archive")).isNotNull().doesNotExist();
    assertThat(leftUnder(root)).isEmpty();
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Outer {
    static ArchiveFixture outerArchive;

    @BeforeAll
    static void outerClass(Archives archives) {
      outerArchive = archives.create(b -> b.image(List.of("nested/outer:1")));
      SEEN.put("outer class", outerArchive.path());
      SEEN.put("outer Archives", archives);
    }

    @Test
    void outerTest(Archives archives) {
      ArchiveFixture mine = archives.create(b -> b.image(List.of("nested/outer-test:1")));
      assertTruthMatches(mine);
      SEEN.put("outer test", mine.path());
    }

    @AfterAll
    static void outerEnds() {
      assertThat(outerArchive.path()).isRegularFile();
      assertThat((Path) SEEN.get("inner class"))
          .as("the @Nested class's archive, deleted when it ended")
          .doesNotExist();
    }

    @Nested
    class Inner {
      static ArchiveFixture innerClassArchive;

      @BeforeAll
      static void innerClass(Archives archives) {
        assertThat(archives).isNotSameAs(SEEN.get("outer Archives"));
        innerClassArchive = archives.create(b -> b.image(List.of("nested/inner:1")));
        SEEN.put("inner class", innerClassArchive.path());
      }

      @Test
      void innerTest(Archives archives) {
        assertThat(archives).isNotSameAs(SEEN.get("outer Archives"));
        assertTruthMatches(outerArchive);
        assertTruthMatches(innerClassArchive);
        ArchiveFixture mine =
            archives.create(
                b -> b.image(List.of("nested/inner-test:1"), LayerSpec.filler(3)).seed(11));
        assertTruthMatches(mine);
        assertThat(mine.spec().seed()).isEqualTo(11);
        SEEN.put("inner test", mine.path());
      }

      @AfterAll
      static void innerEnds() {
        assertThat((Path) SEEN.get("inner test")).doesNotExist();
        assertThat(innerClassArchive.path()).isRegularFile();
        assertThat(outerArchive.path()).isRegularFile();
      }
    }
  }

  @Test
  @DisplayName(
      "@Nested classes: each class and each test has its own Archives; the outer class's archive"
          + " outlives the nested class's, which outlives its tests'")
  void nested() throws IOException {
    SEEN.clear();
    EngineExecutionResults results = TestKit.run(config(), Outer.class);
    assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(List.of("outer class", "outer test", "inner class", "inner test"))
        .allSatisfy(k -> assertThat((Path) SEEN.get(k)).as(k).isNotNull().doesNotExist());
    assertThat(leftUnder(root)).isEmpty();
  }

  @TestKit.Fixture
  static class Defaults {
    @RegisterExtension
    static DockerArchiveExtension extension =
        DockerArchiveExtension.builder().defaultDialect(Dialect.DOCKER_LEGACY).seed(77).build();

    @Test
    void carriesTheBuildersDefaults(Archives archives) {
      ArchiveFixture fixture = archives.create(b -> b.image(List.of("defaults:1")));
      assertTruthMatches(fixture);
      assertThat(fixture.spec().seed()).isEqualTo(77);
      assertThat(fixture.spec().dialect()).isEqualTo(Dialect.DOCKER_LEGACY);
      ArchiveSpec preset = archives.newSpec().image(List.of("preset:1")).build();
      assertThat(preset.seed()).isEqualTo(77);
      assertThat(preset.dialect()).isEqualTo(Dialect.DOCKER_LEGACY);
      ArchiveFixture explicit = archives.create(preset.toBuilder().seed(3).build());
      assertTruthMatches(explicit);
      assertThat(explicit.spec().seed()).isEqualTo(3);
      SEEN.put("defaults", List.of(fixture.path(), explicit.path()));
    }
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Configured {
    @Test
    void takesConfigurationParameters(Archives archives) {
      ArchiveFixture fixture = archives.create(b -> b.image(List.of("configured:1")));
      assertTruthMatches(fixture);
      assertThat(fixture.spec().seed()).isEqualTo(99);
      assertThat(fixture.spec().dialect()).isEqualTo(Dialect.JIB);
      SEEN.put("configured", List.of(fixture.path()));
    }
  }

  @Test
  @DisplayName(
      "Archives carries the registered builder's defaults, or else the configuration parameters")
  void defaults() throws IOException {
    SEEN.clear();
    EngineExecutionResults builder = TestKit.run(config(), Defaults.class);
    assertNoFailures(builder);
    builder.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    Map<String, String> config = new java.util.HashMap<>(config());
    config.put(SyntheticArchive.DEFAULT_SEED_PROPERTY_NAME, "99");
    config.put(SyntheticArchive.DEFAULT_DIALECT_PROPERTY_NAME, "jib");
    EngineExecutionResults results = TestKit.run(config, Configured.class);
    assertNoFailures(results);
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    @SuppressWarnings("unchecked")
    List<Path> made = new ArrayList<>((List<Path>) SEEN.get("defaults"));
    @SuppressWarnings("unchecked")
    List<Path> configured = (List<Path>) SEEN.get("configured");
    made.addAll(configured);
    assertThat(made).hasSize(3).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(leftUnder(root)).isEmpty();
  }
}
