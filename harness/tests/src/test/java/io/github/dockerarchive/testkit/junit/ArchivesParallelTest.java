package io.github.dockerarchive.testkit.junit;

import static io.github.dockerarchive.testkit.junit.ArchivesTest.assertTruthMatches;
import static io.github.dockerarchive.testkit.junit.ArchivesTest.tagsOnDisk;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link Archives} under concurrent execution of whole classes: several classes run at once, each
 * creating archives for itself and its tests; none sees another's archive or deletes it.
 */
@DisplayName("Archives: concurrent classes")
class ArchivesParallelTest {
  static final int CLASSES = 4;
  static final int REPETITIONS = 5;

  /** Archive path to the owner that created it ("Class/class" or "Class/repetition"). */
  static final Map<Path, String> OWNERS = new ConcurrentHashMap<>();

  /** Per class: its own archive, alive for the class. */
  static final Map<Class<?>, Path> CLASS_ARCHIVES = new ConcurrentHashMap<>();

  /** Every Archives handed out, by identity. */
  static final Set<Archives> HANDED_OUT = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Every class waits here in its @BeforeAll until all are running at once. */
  static volatile CyclicBarrier allClassesRunning;

  @TempDir Path root;

  static String tag(Class<?> type, String what) {
    return "crowd/" + type.getSimpleName().toLowerCase(Locale.ROOT) + ":" + what;
  }

  /** The tag as the archive stores it: normalised with the default registry. */
  static String stored(Class<?> type, String what) {
    return "docker.io/" + tag(type, what);
  }

  static synchronized void handedOut(Archives archives) {
    assertThat(HANDED_OUT.add(archives)).as("an Archives handed to two contexts").isTrue();
  }

  @DockerArchiveTest
  abstract static class Crowd {
    @BeforeAll
    static void classArchive(Archives archives, TestInfo info) throws Exception {
      Class<?> type = info.getTestClass().orElseThrow();
      handedOut(archives);
      ArchiveFixture fixture =
          archives.create(b -> b.image(List.of(tag(type, "class")), LayerSpec.filler(48)));
      assertTruthMatches(fixture);
      assertThat(OWNERS.putIfAbsent(fixture.path(), type.getSimpleName() + "/class")).isNull();
      CLASS_ARCHIVES.put(type, fixture.path());
      allClassesRunning.await(60, TimeUnit.SECONDS);
      assertThat(fixture.path())
          .as("still there once every class has written its own")
          .isRegularFile();
      assertThat(tagsOnDisk(fixture.path())).containsExactly(List.of(stored(type, "class")));
    }

    @RepeatedTest(REPETITIONS)
    void each(Archives archives, RepetitionInfo repetition) {
      handedOut(archives);
      String what = "r" + repetition.getCurrentRepetition();
      ArchiveFixture fixture =
          archives.create(
              b ->
                  b.image(
                      List.of(tag(getClass(), what)),
                      LayerSpec.filler(64 + repetition.getCurrentRepetition())));
      assertTruthMatches(fixture);
      assertThat(tagsOnDisk(fixture.path())).containsExactly(List.of(stored(getClass(), what)));
      assertThat(OWNERS.putIfAbsent(fixture.path(), getClass().getSimpleName() + "/" + what))
          .as("a path handed out twice")
          .isNull();
      Path classArchive = CLASS_ARCHIVES.get(getClass());
      assertThat(classArchive).isRegularFile();
      assertThat(tagsOnDisk(classArchive)).containsExactly(List.of(stored(getClass(), "class")));
    }

    @AfterAll
    static void classEnds(TestInfo info) {
      Class<?> type = info.getTestClass().orElseThrow();
      String prefix = type.getSimpleName() + "/r";
      List<Path> tests = new ArrayList<>();
      OWNERS.forEach(
          (path, owner) -> {
            if (owner.startsWith(prefix)) {
              tests.add(path);
            }
          });
      assertThat(tests)
          .as("archives of %s's tests, each deleted when its test ended", type.getSimpleName())
          .hasSize(REPETITIONS)
          .allSatisfy(p -> assertThat(p).doesNotExist());
      assertThat(CLASS_ARCHIVES.get(type)).isRegularFile();
    }
  }

  @TestKit.Fixture
  static class Alpha extends Crowd {}

  @TestKit.Fixture
  static class Bravo extends Crowd {}

  @TestKit.Fixture
  static class Charlie extends Crowd {}

  @TestKit.Fixture
  static class Delta extends Crowd {}

  @Test
  @DisplayName(
      "four classes running at once, each creating archives in @BeforeAll and in its tests: every"
          + " archive distinct and its creator's, every Archives distinct, all deleted afterwards")
  void concurrentClasses() throws IOException {
    OWNERS.clear();
    CLASS_ARCHIVES.clear();
    HANDED_OUT.clear();
    allClassesRunning = new CyclicBarrier(CLASSES);
    Map<String, String> config =
        Map.of(
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.classes.default",
            "concurrent",
            "junit.jupiter.execution.parallel.mode.default",
            "same_thread",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            "6",
            SyntheticArchive.TEMP_DIR_PROPERTY_NAME,
            root.toString());
    EngineExecutionResults results =
        TestKit.run(config, Alpha.class, Bravo.class, Charlie.class, Delta.class);
    ArchivesTest.assertNoFailures(results);
    results.containerEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(CLASSES * REPETITIONS).failed(0));
    assertThat(OWNERS).hasSize(CLASSES * (REPETITIONS + 1));
    assertThat(CLASS_ARCHIVES).hasSize(CLASSES);
    assertThat(HANDED_OUT).hasSize(CLASSES * (REPETITIONS + 1));
    assertThat(OWNERS.keySet()).allSatisfy(p -> assertThat(p).doesNotExist());
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }
}
