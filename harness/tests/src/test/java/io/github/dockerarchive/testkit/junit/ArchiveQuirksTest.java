package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkFamily;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * @ArchiveQuirks runs a test once per quirk of the catalogue.
 */
@DisplayName("@ArchiveQuirks: one test per quirk")
class ArchiveQuirksTest {
  static final List<Quirk> SEEN = new CopyOnWriteArrayList<>();
  static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();
  static final Set<String> THREADS = ConcurrentHashMap.newKeySet();
  static volatile Path root;

  /** The quirks that run by default: every quirk but the expensive ones, which are skipped. */
  static final List<Quirk> CHEAP = where(q -> !q.expensive());

  static final List<Quirk> EXPENSIVE = where(Quirk::expensive);

  @TempDir Path dir;

  private EngineExecutionResults run(Map<String, String> extra, Class<?> fixture) {
    root = dir;
    var config = new java.util.HashMap<>(extra);
    config.put(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, dir.toString());
    return TestKit.run(config, fixture);
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return run(Map.of(), fixture);
  }

  private static List<String> names(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(Event::getTestDescriptor)
        .map(d -> d.getDisplayName())
        .toList();
  }

  private static List<Quirk> where(java.util.function.Predicate<Quirk> filter) {
    return Arrays.stream(Quirk.values()).filter(filter).toList();
  }

  private List<Path> left() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @TestKit.Fixture
  static class Every {
    @ArchiveQuirks
    void each(Quirk quirk, ArchiveSpec spec) throws IOException {
      assertThat(spec).isEqualTo(quirk.applyTo(Quirk.baseSpec()));
      assertThat(spec.has(quirk)).isTrue();
      try (Stream<Path> files = Files.list(root)) {
        assertThat(files).as("a test that asks only for specs writes nothing").isEmpty();
      }
      SEEN.add(quirk);
    }
  }

  @Test
  @DisplayName(
      "no attribute means every quirk, in catalogue order, each named [id] validity: description")
  void everyQuirkNamedAfterIt() throws IOException {
    SEEN.clear();
    var results = run(Every.class);

    results
        .testEvents()
        .assertStatistics(s -> s.succeeded(CHEAP.size()).skipped(EXPENSIVE.size()).failed(0));
    assertThat(SEEN).containsExactlyInAnyOrderElementsOf(CHEAP);
    assertThat(names(results))
        .containsExactly(
            CHEAP.stream()
                .map(
                    q ->
                        "["
                            + q.id()
                            + "] "
                            + q.validity().name().toLowerCase(java.util.Locale.ROOT)
                            + ": "
                            + q.description())
                .toArray(String[]::new));
    assertThat(results.testEvents().skipped().stream())
        .as("each expensive quirk is skipped, visibly, with the reason")
        .hasSize(EXPENSIVE.size())
        .allSatisfy(
            e ->
                assertThat(e.getPayload(String.class).orElseThrow())
                    .contains("is expensive")
                    .contains("@ArchiveQuirks(includeExpensive = true)"));
    assertThat(left()).isEmpty();
  }

  @TestKit.Fixture
  static class Expensive {
    @ArchiveQuirks(families = QuirkFamily.OUTER_TAR, includeExpensive = true, name = "{id}")
    void included(Quirk quirk, ArchiveSpec spec) {
      assertThat(spec.has(quirk)).isTrue();
    }

    @ArchiveQuirks(value = "layer-8-gib-member", name = "named {id}")
    void named(Quirk quirk, ArchiveSpec spec) {
      assertThat(quirk.expensive()).isTrue();
    }
  }

  @Test
  @DisplayName("includeExpensive = true runs the expensive quirks, and so does naming one")
  void expensiveOptIn() {
    var results = run(Expensive.class);

    List<Quirk> outer = where(q -> q.family() == QuirkFamily.OUTER_TAR);
    results.testEvents().assertStatistics(s -> s.succeeded(outer.size() + 1).skipped(0).failed(0));
    assertThat(names(results))
        .contains(Quirk.OUTER_8_GIB_ENTRY.id(), "named " + Quirk.LAYER_8_GIB_MEMBER.id());
  }

  @TestKit.Fixture
  static class Filters {
    @ArchiveQuirks(validity = QuirkValidity.VALID, name = "{id}")
    void valid(Quirk quirk) {
      assertThat(quirk.validity()).isEqualTo(QuirkValidity.VALID);
    }

    @ArchiveQuirks(validity = QuirkValidity.DEFECT, name = "{id}")
    void defect(Quirk quirk) {
      assertThat(quirk.validity()).isEqualTo(QuirkValidity.DEFECT);
    }

    @ArchiveQuirks(
        validity = {QuirkValidity.VALID, QuirkValidity.DEFECT},
        families = QuirkFamily.OUTER_TAR,
        name = "{id}")
    void outerTar(Quirk quirk) {
      assertThat(quirk.family()).isEqualTo(QuirkFamily.OUTER_TAR);
    }
  }

  @Test
  @DisplayName("validity and families select the quirks they name")
  void filters() {
    var results = run(Filters.class);

    List<Quirk> expected = new java.util.ArrayList<>();
    expected.addAll(where(q -> !q.expensive() && q.validity() == QuirkValidity.VALID));
    expected.addAll(where(q -> !q.expensive() && q.validity() == QuirkValidity.DEFECT));
    expected.addAll(where(q -> !q.expensive() && q.family() == QuirkFamily.OUTER_TAR));
    results.testEvents().assertStatistics(s -> s.succeeded(expected.size()).failed(0));
    assertThat(names(results))
        .containsExactlyInAnyOrder(expected.stream().map(Quirk::id).toArray(String[]::new));
  }

  @Test
  @DisplayName("value includes quirks by id or constant name; exclude leaves them out")
  void includeAndExclude() {
    Quirk first = Quirk.values()[0];
    var included = run(Included.class);
    included.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(names(included))
        .containsExactly(
            "1:"
                + Quirk.OUTER_GZIP.id()
                + ":"
                + Quirk.OUTER_GZIP.family().id()
                + ":"
                + Quirk.OUTER_GZIP.rule());

    var excluded = run(Excluded.class);
    excluded.testEvents().assertStatistics(s -> s.succeeded(CHEAP.size() - 1).failed(0));
    assertThat(names(excluded))
        .doesNotContain(Quirk.OUTER_GZIP.id())
        .contains(first == Quirk.OUTER_GZIP ? Quirk.values()[1].id() : first.id());
  }

  @TestKit.Fixture
  static class Included {
    @ArchiveQuirks(value = "OUTER_GZIP", name = "{index}:{id}:{family}:{rule}")
    void one(Quirk quirk) {
      assertThat(quirk).isEqualTo(Quirk.OUTER_GZIP);
    }
  }

  @TestKit.Fixture
  static class Excluded {
    @ArchiveQuirks(exclude = "outer-gzip", name = "{id}")
    void allBut(Quirk quirk) {
      assertThat(quirk).isNotEqualTo(Quirk.OUTER_GZIP);
    }
  }

  @TestKit.Fixture
  static class Misconfigured {
    @ArchiveQuirks("no-such-quirk")
    void unknown(Quirk quirk) {}

    @ArchiveQuirks(value = "outer-gzip", exclude = "outer-gzip")
    void nothingLeft(Quirk quirk) {}
  }

  @Test
  @DisplayName(
      "an unknown id fails naming the method and every accepted id; an empty selection fails")
  void misconfigured() {
    var results = run(Misconfigured.class);
    String accepted = String.join(", ", Arrays.stream(Quirk.values()).map(Quirk::id).toList());
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains(
                                "@ArchiveQuirks on method ArchiveQuirksTest$Misconfigured.unknown(Quirk)")
                            && m.contains("\"no-such-quirk\"")
                            && m.contains(accepted))))
        .haveExactly(
            1,
            finishedWithFailure(
                message(m -> m.contains("nothingLeft(Quirk): no quirk left to run"))));
  }

  @TestKit.Fixture
  static class Injection {
    @ArchiveQuirks
    void everything(
        ArchiveFixture fixture,
        Quirk quirk,
        Path path,
        File file,
        ArchiveSpec spec,
        byte[] bytes,
        TestInfo info)
        throws IOException {
      assertThat(spec).isEqualTo(quirk.applyTo(Quirk.baseSpec()));
      assertThat(fixture.spec()).isEqualTo(spec);
      assertThat(fixture.path()).isEqualTo(path).isEqualTo(file.toPath()).isRegularFile();
      assertThat(path).startsWith(root);
      assertThat(bytes).isEqualTo(Files.readAllBytes(path));
      assertThat(info.getDisplayName()).startsWith("[" + quirk.id() + "]");
      PATHS.add(path);
    }

    @ArchiveQuirks(validity = QuirkValidity.VALID)
    void readers(ArchiveReader reader, ArchiveFixture fixture) throws Exception {
      assertThat(reader.manifest()).hasSameSizeAs(fixture.images());
      PATHS.add(fixture.path());
    }

    @ArchiveQuirks(
        archive =
            @SyntheticArchive(
                images = 2,
                tags = {"base/a:1", "base/b:1"}))
    void ownBase(Quirk quirk, ArchiveFixture fixture) {
      assertThat(fixture.spec().has(quirk)).isTrue();
      assertThat(fixture.spec().images()).hasSizeGreaterThanOrEqualTo(2);
      PATHS.add(fixture.path());
    }
  }

  @Test
  @DisplayName(
      "injects the quirk, its spec and the archive as every type; each archive deleted after its"
          + " invocation")
  void injection() throws IOException {
    PATHS.clear();
    var results = run(Injection.class);

    int valid = where(q -> !q.expensive() && q.validity() == QuirkValidity.VALID).size();
    int all = CHEAP.size();
    results.testEvents().assertStatistics(s -> s.succeeded(all + valid + all).failed(0));
    assertThat(PATHS).hasSize(all + valid + all).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(left()).isEmpty();
  }

  @TestKit.Fixture
  static class Kept {
    @ArchiveQuirks(archive = @SyntheticArchive(cleanup = CleanupMode.ON_SUCCESS))
    void failsForOne(Quirk quirk, Path path) {
      PATHS.add(path);
      if (quirk == Quirk.values()[0]) {
        throw new AssertionError("fails for " + quirk.id());
      }
    }
  }

  @Test
  @DisplayName("with ON_SUCCESS only the failing invocation's archive is kept")
  void keptOnFailure() {
    PATHS.clear();
    var results = run(Kept.class);

    results.testEvents().assertStatistics(s -> s.succeeded(CHEAP.size() - 1).failed(1));
    assertThat(PATHS).hasSize(CHEAP.size());
    assertThat(PATHS.stream().filter(Files::exists).toList())
        .singleElement()
        .satisfies(p -> assertThat(p.getFileName().toString()).startsWith(Quirk.values()[0].id()));
  }

  @TestKit.Fixture
  static class Parallel {
    @ArchiveQuirks
    void each(Quirk quirk, Path path) throws InterruptedException {
      THREADS.add(Thread.currentThread().getName());
      assertThat(PATHS.add(path)).isTrue();
      Thread.sleep(50);
    }

    @ArchiveQuirks
    void again(Quirk quirk, Path path) {
      THREADS.add(Thread.currentThread().getName());
      assertThat(PATHS.add(path)).isTrue();
    }
  }

  @Test
  @DisplayName("invocations run in parallel, each with its own archive, nothing left afterwards")
  void parallel() throws IOException {
    PATHS.clear();
    THREADS.clear();
    var results =
        run(
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"),
            Parallel.class);

    int all = CHEAP.size();
    results.testEvents().assertStatistics(s -> s.succeeded(2 * all).failed(0));
    assertThat(PATHS).hasSize(2 * all).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(THREADS).hasSizeGreaterThan(1);
    assertThat(left()).isEmpty();
  }

  @TestKit.Fixture
  static class Shared {
    @ArchiveQuirks(archive = @SyntheticArchive(shared = true))
    void first(Path path) {
      PATHS.add(path);
    }

    @ArchiveQuirks(archive = @SyntheticArchive(shared = true))
    void second(Path path) {
      PATHS.add(path);
    }
  }

  @Test
  @DisplayName("shared = true writes each quirk's archive once per run and deletes it at the end")
  void shared() throws IOException {
    PATHS.clear();
    run(Shared.class).testEvents().assertStatistics(s -> s.succeeded(2 * CHEAP.size()).failed(0));
    assertThat(PATHS).hasSize(CHEAP.size());
    assertThat(left()).isEmpty();
  }

  @TestKit.Fixture
  static class Inapplicable {
    // the jib dialect holds exactly one image
    @ArchiveQuirks(
        families = QuirkFamily.OUTER_TAR,
        archive =
            @SyntheticArchive(
                images = 2,
                dialect = io.github.dockerarchive.testkit.synthetic.Dialect.JIB))
    void implicit(Quirk quirk, Path path) {}

    @ArchiveQuirks(
        value = "outer-gzip",
        archive =
            @SyntheticArchive(
                images = 2,
                dialect = io.github.dockerarchive.testkit.synthetic.Dialect.JIB))
    void named(Quirk quirk) {}
  }

  @Test
  @DisplayName(
      "a quirk that cannot shape the base spec is skipped with the reason, or fails when named")
  void inapplicable() {
    var results = run(Inapplicable.class);

    assertThat(results.testEvents().skipped().stream())
        .anySatisfy(
            e -> {
              assertThat(e.getTestDescriptor().getDisplayName()).startsWith("[outer-gzip]");
              assertThat(e.getPayload(String.class).orElseThrow())
                  .contains("outer-gzip cannot shape the base spec")
                  .contains("exactly one image");
            });
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains("named(Quirk) [outer-gzip]")
                            && m.contains("exactly one image"))));
  }
}
