package io.github.dockerarchive.testkit.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.checks.ConformanceSuite;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped adapter through the runner: the suite (whatever it holds now) plus two checks of
 * this test's own, so that the adapter, the runner and the checks meet even while the suite is
 * being filled. An adapter may pass or fail checks; an ERROR (the suite or the adapter's plumbing
 * broke) may not happen, and the scratch directories must be gone afterwards.
 *
 * <p>By default the suite is sampled: the first check of every rule, which reaches every check
 * group and every kind of copy. The whole suite against all five adapters takes about 17 minutes on
 * two cores (podman about 1 s a command, copies that hang are stopped after the timeout), so it
 * runs with {@code -Dconformance.smoke=full}.
 */
class AdapterSmokeTest {
  @TempDir Path dir;

  private static final ArchiveSpec SPEC =
      ArchiveSpec.builder()
          .image(List.of("example.com/smoke/a:1"), LayerSpec.filler(1500), LayerSpec.filler(900))
          .image(List.of("example.com/smoke/b:2"), LayerSpec.filler(1200))
          .seed(3)
          .build();

  /** A read by index and a write by tag, judged like the suite's checks judge. */
  private static List<Check> ownChecks() {
    Check read =
        Check.of(
            "SEL-3",
            "smoke-read-by-index",
            "(adapter smoke test) image @1 read into oci: is the archive's image @1",
            Set.of(Capability.READ),
            c -> {
              ArchiveFixture f = c.fixture("in.tar", SPEC);
              Path out = c.path("out");
              c.copySucceeds(
                  CopyRequest.of(CheckContext.archive(f.path(), ":@1"), "oci:" + out + ":read"));
              ImageContent got = c.readOci(out, "read", "the image read");
              CheckContext.require(
                  got.diffIds()
                      .equals(
                          ImageContent.ofArchive(CheckContext.archive(f.path(), ":@1")).diffIds()),
                  "the layers read differ from image @1's");
            });
    Check write =
        Check.of(
            "WR-1",
            "smoke-write-tagged",
            "(adapter smoke test) an oci: image written with a tag holds the same layers",
            Set.of(Capability.WRITE),
            c -> {
              Path layout = c.ociLayout("src", SPEC, 0);
              Path out = c.path("out.tar");
              c.copySucceeds(
                  CopyRequest.of(
                      CheckContext.oci(layout), CheckContext.archive(out, ":example.com/w:1")));
              ImageContent got = c.readArchive(CheckContext.archive(out, ""), "the archive");
              CheckContext.require(
                  got.diffIds().equals(ImageContent.ofOci(layout, CheckContext.OCI_NAME).diffIds()),
                  "the layers written differ from the source's");
              CheckContext.require(
                  got.repoTags().equals(List.of("example.com/w:1")),
                  "RepoTags " + got.repoTags() + " instead of [example.com/w:1]");
            });
    return List.of(read, write);
  }

  @ParameterizedTest
  @ValueSource(strings = {"builtin", "dockerarchive-cli", "skopeo", "podman", "jib"})
  void theSuiteRunsWithoutErrors(String name) throws Exception {
    if (name.equals("dockerarchive-cli")) {
      assumeTrue(
          DockerArchiveCliProvider.onClassPath(),
          "the command-line tool is not on this module's class path (it depends on this module);"
              + " the dockerarchive-cli adapter runs where the tool is");
    }
    if (name.equals("skopeo") || name.equals("podman")) {
      boolean installed = ScriptProvider.findOnPath(name) != null;
      if (!installed) {
        System.err.println(
            "SKIPPED: " + name + " is not installed (apt-get install -y " + name + ")");
      }
      assumeTrue(installed, name + " is not installed (apt-get install -y " + name + ")");
    }
    List<Check> checks = new ArrayList<>(suite());
    checks.addAll(ownChecks());
    Path work = Files.createDirectories(dir.resolve("work"));
    List<CheckResult> results;
    try (ArchiveImplementation impl =
        Implementations.create(
                name,
                new ImplementationSettings(
                    Files.createDirectories(dir.resolve("impl")), Duration.ofSeconds(15)))
            .implementation()) {
      results =
          ConformanceRunner.run(
              checks,
              impl,
              new ConformanceRunner.Options(work, false, Duration.ofMinutes(3), r -> {}));
    }
    String summary =
        results.stream()
            .map(r -> r.check().id() + " " + r.status() + " " + r.reason())
            .collect(Collectors.joining("\n"));
    System.out.println("[" + name + "] " + results.size() + " checks:\n" + summary);
    assertThat(results).hasSize(checks.size());
    assertThat(results)
        .as("no check may end in ERROR for %s:%n%s", name, summary)
        .noneMatch(r -> r.status() == Status.ERROR);
    // The adapter's own checks: what it claims must work.
    for (CheckResult r : results.subList(results.size() - 2, results.size())) {
      boolean claimed = r.check().requires().stream().allMatch(caps(name)::contains);
      assertThat(r.status())
          .as("%s: %s", r.check().id(), r.reason())
          .isEqualTo(claimed ? Status.PASS : Status.UNSUPPORTED);
    }
    try (var left = Files.list(work)) {
      assertThat(left.flatMap(AdapterSmokeTest::children).toList())
          .as("scratch directories left behind")
          .isEmpty();
    }
  }

  /** The whole suite with {@code -Dconformance.smoke=full}, else the first check of each rule. */
  private static List<Check> suite() {
    List<Check> all = ConformanceSuite.checks();
    if ("full".equals(System.getProperty("conformance.smoke"))) {
      return all;
    }
    Set<String> rules = new HashSet<>();
    return all.stream().filter(c -> rules.add(c.rule().id())).toList();
  }

  private static Set<Capability> caps(String name) {
    return switch (name) {
      case "jib" -> Set.of(Capability.WRITE);
      default -> Set.of(Capability.READ, Capability.WRITE);
    };
  }

  private static java.util.stream.Stream<Path> children(Path p) {
    try {
      return Files.list(p).toList().stream();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
