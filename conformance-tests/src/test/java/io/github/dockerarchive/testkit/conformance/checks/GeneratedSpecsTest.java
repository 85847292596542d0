package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated round trips (WR-1, SRC-6, ARC-1, ARC-5): the built-in implementation passes them,
 * also reading through {@code oci:} when it does not claim {@code read-to-dir}, and the draw is
 * fixed.
 */
class GeneratedSpecsTest {
  @TempDir Path work;

  /** The checks that run on generated specs, from whichever family holds them. */
  private static List<Check> generated() {
    return ConformanceSuite.checks().stream().filter(c -> c.id().contains("/generated-")).toList();
  }

  @Test
  void theGeneratedChecksAreThoseOfTheirRules() {
    assertThat(generated())
        .extracting(Check::id)
        .containsExactlyInAnyOrder(
            "ARC-5/generated-compressed-layers",
            "ARC-1/generated-compressed-archives",
            "SRC-6/generated-reads",
            "WR-1/generated-round-trips",
            "WR-1/generated-multi-image-round-trips");
  }

  /** The built-in implementation without read-to-dir: reads go through oci: instead of dir:. */
  static final class WithoutReadToDir extends BuiltinImplementation {
    WithoutReadToDir() {
      super("builtin-oci-reads", ReaderOptions.defaults());
    }

    @Override
    public Set<Capability> capabilities() {
      Set<Capability> claimed = EnumSet.allOf(Capability.class);
      claimed.remove(Capability.READ_TO_DIR);
      return claimed;
    }
  }

  @Test
  void readsThroughOciPassWithoutReadToDir() throws Exception {
    List<Check> reading = new ArrayList<>();
    for (Check c : generated()) {
      if (c.requires().contains(Capability.READ)) {
        reading.add(c);
      }
    }
    for (Check c : WriteChecks.checks()) {
      if (c.requires().contains(Capability.READ)) {
        reading.add(c);
      }
    }
    assertThat(reading).hasSizeGreaterThanOrEqualTo(5);
    List<CheckResult> results;
    try (WithoutReadToDir impl = new WithoutReadToDir()) {
      results = ConformanceRunner.run(reading, impl, ConformanceRunner.Options.in(work));
    }
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.status())
                    .as(r.check().id() + ": " + r.reason())
                    .isEqualTo(Status.PASS));
  }

  @Test
  void theDrawIsFixedAndVaried() {
    List<ArchiveSpec> first = GeneratedSpecs.draw(GeneratedSpecs.plain().images(1, 1), 25, 7);
    List<ArchiveSpec> again = GeneratedSpecs.draw(GeneratedSpecs.plain().images(1, 1), 25, 7);
    assertThat(again).isEqualTo(first);
    assertThat(first).hasSize(25);
    assertThat(first.stream().map(s -> s.images().get(0).layers().size()).distinct())
        .as("layer counts drawn")
        .hasSizeGreaterThan(2);
    assertThat(first.stream().map(s -> s.images().get(0)).map(ImageSpec::layers).distinct())
        .hasSizeGreaterThan(10);
  }
}
