package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel execution: no collisions, and the shared cache writes each spec once. */
@DisplayName("DockerArchiveExtension: parallel execution and the shared cache")
class ParallelTest {
  static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();
  @TempDir Path root;

  private Map<String, String> parallel() {
    return Map.of(
        "junit.jupiter.execution.parallel.enabled",
        "true",
        "junit.jupiter.execution.parallel.mode.default",
        "concurrent",
        "junit.jupiter.execution.parallel.config.strategy",
        "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism",
        "8",
        SyntheticArchive.TEMP_DIR_PROPERTY_NAME,
        root.toString());
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Many {
    @SyntheticArchive Path field;

    @RepeatedTest(200)
    void each(@SyntheticArchive(layerSize = 64) Path param) throws IOException {
      assertThat(Files.size(param)).isPositive();
      assertThat(PATHS.add(param)).isTrue();
      assertThat(PATHS.add(field)).isTrue();
    }
  }

  @Test
  @DisplayName("200 concurrent tests get 400 distinct archives, all deleted afterwards")
  void concurrent() throws IOException {
    PATHS.clear();
    TestKit.run(parallel(), Many.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(200).failed(0));
    assertThat(PATHS).hasSize(400);
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Shared {
    @RepeatedTest(100)
    void each(@SyntheticArchive(shared = true, images = 2) Path archive) {
      PATHS.add(archive);
    }

    @RepeatedTest(20)
    void other(@SyntheticArchive(shared = true, images = 3) Path archive) {
      PATHS.add(archive);
    }
  }

  @Test
  @DisplayName(
      "shared = true writes each distinct spec once per run, even under parallel execution, and deletes it at the end")
  void sharedCache() throws IOException {
    PATHS.clear();
    TestKit.run(parallel(), Shared.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(120).failed(0));
    assertThat(PATHS).hasSize(2);
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }

  @TestKit.Fixture
  static class CreateInParallel {
    @org.junit.jupiter.api.extension.RegisterExtension
    static DockerArchiveExtension extension = DockerArchiveExtension.builder().build();

    @RepeatedTest(100)
    void each(org.junit.jupiter.api.RepetitionInfo info, Archives archives) {
      var fixture =
          archives.create(
              b ->
                  b.image(
                      java.util.List.of("t:" + info.getCurrentRepetition()),
                      io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(16)));
      assertThat(fixture.path()).isRegularFile();
      assertThat(PATHS.add(fixture.path())).isTrue();
    }
  }

  @Test
  @DisplayName(
      "Archives.create() from 100 concurrent tests: each archive belongs to its own test and is"
          + " deleted with it")
  void createConcurrently() throws IOException {
    PATHS.clear();
    TestKit.run(parallel(), CreateInParallel.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(100).failed(0));
    assertThat(PATHS).hasSize(100).allSatisfy(p -> assertThat(p).doesNotExist());
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class CachedByConfig {
    @RepeatedTest(30)
    void each(@SyntheticArchive Path archive) {
      PATHS.add(archive);
    }
  }

  @Test
  @DisplayName("dockerarchive.cache=true shares identical archives without the attribute")
  void cacheByConfiguration() {
    PATHS.clear();
    var config = new java.util.HashMap<>(parallel());
    config.put(SyntheticArchive.CACHE_PROPERTY_NAME, "true");
    TestKit.run(config, CachedByConfig.class).testEvents().assertStatistics(s -> s.succeeded(30));
    assertThat(PATHS).hasSize(1);
  }

  static final Map<String, Set<String>> CONTENT = new ConcurrentHashMap<>();
  static final Set<Path> SHARED = ConcurrentHashMap.newKeySet();

  @TestKit.Fixture
  @DockerArchiveTest
  static class Thousand {
    @SyntheticArchive(shared = true, images = 2, layerSize = 256)
    static Path shared;

    @RepeatedTest(1000)
    void each(
        @SyntheticArchive(layerSize = 128, tags = "parallel/each:1") Path mine,
        @SyntheticArchive(shared = true, images = 2, layerSize = 256) Path sharedParam)
        throws IOException {
      assertThat(PATHS.add(mine)).as("a per-test archive is never handed out twice").isTrue();
      SHARED.add(sharedParam);
      SHARED.add(shared);
      CONTENT
          .computeIfAbsent("mine", k -> ConcurrentHashMap.newKeySet())
          .add(
              io.github.dockerarchive.testkit.digest.Digest.sha256(Files.readAllBytes(mine)).hex());
      CONTENT
          .computeIfAbsent("shared", k -> ConcurrentHashMap.newKeySet())
          .add(
              io.github.dockerarchive.testkit.digest.Digest.sha256(Files.readAllBytes(sharedParam))
                  .hex());
    }
  }

  @Test
  @DisplayName(
      "1,000 tests on 8 threads: distinct per-test archives of identical content, one shared"
          + " archive, nothing left")
  void thousandTestsOnEightThreads() throws IOException {
    PATHS.clear();
    CONTENT.clear();
    SHARED.clear();
    TestKit.run(parallel(), Thousand.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1000).failed(0));
    assertThat(PATHS).hasSize(1000).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(CONTENT.get("mine")).as("deterministic per-test content").hasSize(1);
    assertThat(CONTENT.get("shared")).as("deterministic shared content").hasSize(1);
    assertThat(SHARED).as("one shared archive for the field and the parameters").hasSize(1);
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }
}
