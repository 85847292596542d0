package io.github.dockerarchive.testkit.conformance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The TCK base class run by a nested JUnit engine over hand-made checks. */
class DockerArchiveConformanceTest {
  private static final String ENABLED = "dockerarchive.conformance.tck-fixture";

  static final AtomicInteger created = new AtomicInteger();
  static final AtomicInteger closed = new AtomicInteger();
  static volatile Path reports;

  @TempDir Path dir;

  /** Runs fixture classes only inside {@link #run}, never in the build's own test run. */
  static final class OnlyInTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(ENABLED).isPresent()
          ? ConditionEvaluationResult.enabled("run by the test kit")
          : ConditionEvaluationResult.disabled("a fixture of DockerArchiveConformanceTest");
    }
  }

  /** Copies do nothing; the checks decide. Based on the reference, so FIX failures deviate. */
  static final class Fake implements ArchiveImplementation {
    Fake() {
      created.incrementAndGet();
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.READ);
    }

    @Override
    public boolean basedOnReference() {
      return true;
    }

    @Override
    public void copy(CopyRequest request) {}

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  static List<Check> sampleChecks() {
    return List.of(
        Check.of("SEL-1", "passes", "passes", Set.of(), c -> {}),
        Check.of("SEL-1", "also-passes", "passes too", Set.of(), c -> {}),
        Check.of(
            "SEL-2",
            "fails",
            "fails a MUST",
            Set.of(),
            c -> {
              c.note("fake copy docker-archive:in.tar oci:out");
              throw new CheckFailure("picked the last image");
            }),
        Check.of(
            "SRC-4",
            "deviates",
            "fails a FIX",
            Set.of(),
            c -> {
              throw new CheckFailure("the reference's way");
            }),
        Check.of(
            "SRC-9",
            "warns",
            "fails a SHOULD",
            Set.of(),
            c -> {
              throw new CheckFailure("no warning printed");
            }),
        Check.of("WR-12", "needs-hybrid", "unsupported", Set.of(Capability.WRITE_HYBRID), c -> {}),
        Check.of(
            "WR-1",
            "unsupported-at-run-time",
            "declares itself unsupported",
            Set.of(),
            c -> {
              throw new CheckUnsupported("no multi-image sources");
            }),
        Check.of(
            "WR-2",
            "suite-error",
            "the suite breaks",
            Set.of(),
            c -> {
              throw new IllegalStateException("fixture could not be written");
            }));
  }

  @ExtendWith(OnlyInTestKit.class)
  static class Lenient extends DockerArchiveConformance {
    @Override
    protected ArchiveImplementation createImplementation() {
      return new Fake();
    }

    @Override
    protected List<Check> checks() {
      return sampleChecks();
    }

    @Override
    protected Optional<Path> reportDirectory() {
      return Optional.ofNullable(reports);
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  static class Strict extends Lenient {
    @Override
    protected Strictness strictness() {
      return Strictness.STRICT;
    }

    @Override
    protected List<String> rules() {
      return List.of("SRC-9");
    }

    @Override
    protected List<Check> checks() {
      return sampleChecks().stream().filter(c -> rules().contains(c.rule().id())).toList();
    }
  }

  static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(ENABLED, "true")
        .selectors(selectClass(fixture))
        .execute();
  }

  @Test
  void everyCheckIsADynamicTestGroupedByRuleWithTheRightOutcome() {
    created.set(0);
    closed.set(0);
    reports = null;
    Events tests = run(Lenient.class).testEvents();

    tests.assertStatistics(s -> s.started(8).succeeded(2).failed(2).aborted(4));
    tests
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("SEL-2/fails: fails a MUST"),
                finishedWithFailure(
                    instanceOf(AssertionFailedError.class),
                    message(m -> m.contains("SEL-2 (MUST): picked the last image")),
                    message(m -> m.contains("reproduction:\n  fake copy docker-archive:in.tar")))))
        .haveExactly(
            1,
            event(
                displayName("WR-2/suite-error: the suite breaks"),
                finishedWithFailure(
                    instanceOf(IllegalStateException.class),
                    message(m -> m.contains("the suite failed, not the implementation")))));
    tests
        .aborted()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("SRC-4/deviates: fails a FIX"),
                abortedWithReason(
                    message(m -> m.startsWith("known deviation of the reference: SRC-4")))))
        .haveExactly(
            1,
            event(
                displayName("SRC-9/warns: fails a SHOULD"),
                abortedWithReason(
                    message(m -> m.startsWith("warning, SHOULD rule not met: SRC-9")))))
        .haveExactly(
            1,
            event(
                displayName("WR-12/needs-hybrid: unsupported"),
                abortedWithReason(message(m -> m.startsWith("unsupported: needs write-hybrid")))))
        .haveExactly(
            1,
            event(
                displayName("WR-1/unsupported-at-run-time: declares itself unsupported"),
                abortedWithReason(message("unsupported: no multi-image sources"))));
    assertThat(created).hasValue(1);
    assertThat(closed).as("closed once, after the last check").hasValue(1);
  }

  @Test
  void checksAreGroupedInOneContainerPerRule() {
    Events containers = run(Lenient.class).containerEvents();
    assertThat(containers.started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
        .contains(
            "SEL-1 [MUST] "
                + io.github.dockerarchive.testkit.conformance.Rules.byId("SEL-1").summary())
        .filteredOn(n -> n.startsWith("SEL-1 "))
        .hasSize(1);
  }

  @Test
  void strictnessTurnsWarningsIntoFailures() {
    Events tests = run(Strict.class).testEvents();
    tests.assertStatistics(s -> s.started(1).failed(1));
    tests
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(AssertionFailedError.class),
                    message(m -> m.startsWith("SHOULD rule not met: SRC-9")))));
  }

  @Test
  void reportsAndKeptInputsGoToTheReportDirectory() throws Exception {
    reports = dir.resolve("reports");
    try {
      run(Lenient.class);
    } finally {
      Path written = reports;
      reports = null;
      assertThat(written.resolve("results.json")).isRegularFile();
      assertThat(written.resolve("junit.xml")).isRegularFile();
      assertThat(Files.readString(written.resolve("report.html")))
          .contains("picked the last image");
      assertThat(written.resolve("failures/fake/SEL-2_fails")).isDirectory();
      assertThat(written.resolve("failures/fake/SEL-1_passes")).doesNotExist();
    }
  }
}
