package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Every valid quirk of the catalogue loads in the real tools: a private Docker Engine ({@code
 * docker load}), skopeo ({@code skopeo copy docker-archive:PATH:@N dir:DIR}) and podman ({@code
 * podman load}, storage of its own), each image under its config digest. A tool that is not
 * installed skips its tests with the reason; Docker starts once for the class.
 *
 * <p>A loader version known to refuse a valid quirk (a defect of that version, described in the
 * quirk's {@link Quirk#broke()}) is asserted to refuse it, so that a fixed version shows up here.
 */
@DisplayName("Interop: docker load, skopeo copy and podman load take every valid quirk")
class QuirkInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExternalTool SKOPEO = ExternalTool.of("skopeo", "--insecure-policy");

  /** The system property that names the quirks to load, expensive ones included. */
  static final String QUIRKS_PROPERTY = "dockerarchive.interop.quirks";

  /**
   * Valid quirks that a loader version of this machine refuses, by tool and the version text its
   * {@code --version} prints.
   */
  private static final Map<String, Set<Quirk>> REFUSED_BY_VERSION =
      Map.of(
          "skopeo version 1.9.3", Set.of(Quirk.OUTER_GZIP),
          "podman version 4.3.1", Set.of(Quirk.OUTER_GZIP),
          "docker 20.10", Set.of(Quirk.OUTER_ZSTD));

  @TempDir static Path podmanDir;
  static TestDaemon daemon;
  static String noDocker;

  @TempDir Path dir;

  @BeforeAll
  static void startDocker() throws Exception {
    try {
      daemon = TestDaemon.dockerOrSkip();
    } catch (TestAbortedException e) {
      noDocker = e.getMessage();
      System.err.println("SKIPPED docker load of the quirks: " + noDocker);
    }
  }

  @AfterAll
  static void stopDocker() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  /**
   * Skips an expensive quirk with the cost, unless the system property {@value #QUIRKS_PROPERTY}
   * names it: {@code -Ddockerarchive.interop.quirks=layer-8-gib-member} loads that quirk (and only
   * the quirks it names) in every tool. {@link LargeEntryQuirkTest} copies the expensive quirks
   * with skopeo in the large-entries execution.
   */
  private static void assumeCheap(Quirk quirk) {
    assumeFalse(
        quirk.expensive() && !named().contains(quirk.id()),
        () ->
            quirk.id()
                + " is expensive: a load unpacks 8 GiB (skopeo copy about 45 s and 8 GiB of"
                + " disk, docker and podman load more); LargeEntryQuirkTest copies it with skopeo"
                + " in the large-entries execution, -D"
                + QUIRKS_PROPERTY
                + "="
                + quirk.id()
                + " loads it here");
  }

  /** The quirk ids {@value #QUIRKS_PROPERTY} names, empty when it is not set. */
  private static Set<String> named() {
    String ids = System.getProperty(QUIRKS_PROPERTY, "").strip();
    return ids.isEmpty() ? Set.of() : Set.of(ids.split("\\s*,\\s*"));
  }

  static Stream<Quirk> validQuirks() {
    Set<String> named = named();
    return Arrays.stream(Quirk.values())
        .filter(q -> q.validity() == QuirkValidity.VALID)
        .filter(q -> named.isEmpty() || named.contains(q.id()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validQuirks")
  @DisplayName("Docker 20.10: docker load, every image by its config digest and its tags")
  void dockerLoads(Quirk quirk) throws Exception {
    assumeCheap(quirk);
    assumeTrue(daemon != null, () -> "Docker is not available: " + noDocker);
    ArchiveFixture fixture = materialize(quirk);
    ExternalTool docker = daemon.docker();
    ExternalTool.Result load = docker.tryRun("load", "--input", fixture.path().toString());
    String version = "docker " + docker.run("version", "--format", "{{.Server.Version}}").strip();
    if (refusedAsKnown(version, quirk, load)) {
      return;
    }
    assertThat(load.exitCode())
        .as("docker load of %s: %s%s%nlog: %s", quirk, load.out(), load.err(), daemon.logTail())
        .isZero();
    for (com.fasterxml.jackson.databind.JsonNode item :
        QuirkArchive.read(fixture.path()).manifest()) {
      if (item.has("Parent")) { // Docker links the child to the parent the item names
        String child = "sha256:" + QuirkArchive.configPath(item).replace(".json", "");
        assertThat(docker.run("image", "inspect", "--format", "{{.Parent}}", child).strip())
            .isEqualTo(item.get("Parent").asText());
      }
    }
    for (ImageTruth image : fixture.images()) {
      String id = image.configDigest().toString();
      assertThat(docker.run("image", "inspect", "--format", "{{.Id}}", id).strip()).isEqualTo(id);
      for (String tag : image.repoTags()) {
        assertThat(docker.run("image", "inspect", "--format", "{{.Id}}", tag).strip())
            .as("image tagged %s", tag)
            .isEqualTo(id);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validQuirks")
  @DisplayName("skopeo: copy docker-archive:PATH:@N to dir:, manifest and config unchanged")
  void skopeoCopies(Quirk quirk) throws Exception {
    assumeCheap(quirk);
    SKOPEO.assumeInstalled();
    ArchiveFixture fixture = materialize(quirk);
    String version = SKOPEO.run("--version").strip();
    for (ImageTruth image : fixture.images()) {
      Path copied = dir.resolve("dir-" + image.index());
      ExternalTool.Result copy =
          SKOPEO.tryRun(
              "copy", "docker-archive:" + fixture.path() + ":@" + image.index(), "dir:" + copied);
      if (refusedAsKnown(version, quirk, copy)) {
        continue;
      }
      assertThat(copy.exitCode())
          .as("skopeo copy of %s @%d: %s%s", quirk, image.index(), copy.out(), copy.err())
          .isZero();
      JsonNode manifest = JSON.readTree(copied.resolve("manifest.json").toFile());
      String config = manifest.get("config").get("digest").asText();
      assertThat(config).isEqualTo(image.configDigest().toString());
      assertThat(copied.resolve(image.configDigest().hex())).isRegularFile();
      assertThat(manifest.get("layers")).hasSize(image.diffIds().size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validQuirks")
  @DisplayName("podman: podman load, every image by its config digest")
  void podmanLoads(Quirk quirk) throws Exception {
    assumeCheap(quirk);
    ExternalTool podman = ExternalTool.isolatedPodman(podmanDir);
    podman.assumeInstalled();
    ArchiveFixture fixture = materialize(quirk);
    ExternalTool.Result load = podman.tryRun("load", "--input", fixture.path().toString());
    String version = podman.run("--version").strip();
    if (refusedAsKnown(version, quirk, load)) {
      return;
    }
    assertThat(load.exitCode())
        .as("podman load of %s: %s%s", quirk, load.out(), load.err())
        .isZero();
    for (ImageTruth image : fixture.images()) {
      String hex = image.configDigest().hex();
      assertThat(podman.run("image", "inspect", "--format", "{{.Id}}", hex).strip()).isEqualTo(hex);
    }
  }

  /**
   * For a loader version known to refuse the quirk: asserts that it did refuse it (so that a fixed
   * version shows) and answers true; otherwise false, and the caller asserts the load.
   */
  private static boolean refusedAsKnown(String version, Quirk quirk, ExternalTool.Result result) {
    if (!refuses(version, quirk)) {
      return false;
    }
    assertThat(result.exitCode())
        .as("%s refuses %s (%s)", version, quirk, quirk.broke())
        .isNotZero();
    return true;
  }

  /** Whether the loader that printed {@code version} is known to refuse the quirk. */
  private static boolean refuses(String version, Quirk quirk) {
    return REFUSED_BY_VERSION.entrySet().stream()
        .anyMatch(e -> version.startsWith(e.getKey()) && e.getValue().contains(quirk));
  }

  private ArchiveFixture materialize(Quirk quirk) throws Exception {
    return SyntheticArchives.materialize(quirk.spec(), dir.resolve(quirk.id() + ".tar"));
  }
}
