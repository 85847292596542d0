package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real Docker Engine (a private {@code dockerd}) loads every synthetic dialect, plain and gzip,
 * and gives each image the config digest as its ID.
 */
@DisplayName("Interop: docker load takes every synthetic dialect (DIA-1..7)")
class DockerLoadInteropTest extends DockerTestSupport {

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      all.add(Arguments.of(d, Compression.NONE));
      all.add(Arguments.of(d, Compression.GZIP));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, outer {1}")
  @MethodSource("cases")
  @DisplayName("docker load names each image by its tag, with the config digest as its ID")
  void dockerLoadsIt(Dialect dialect, Compression outer) throws Exception {
    String repository = "example.com/" + dialect.id() + "-" + outer.name().toLowerCase(Locale.ROOT);
    // Jib writes one image per archive; the others take two.
    boolean one = dialect == Dialect.JIB || dialect == Dialect.JIB_LEGACY;
    ArchiveSpec.Builder spec =
        ArchiveSpec.builder()
            .dialect(dialect)
            .compression(outer)
            .image(
                List.of(repository + ":1"),
                LayerSpec.of(FileSpec.directory("etc"), FileSpec.file("etc/data", 3000)),
                LayerSpec.filler(700));
    if (!one) {
      spec.image(List.of(repository + ":2"), LayerSpec.filler(900));
    }
    ArchiveFixture fixture = SyntheticArchives.materialize(spec.build(), dir.resolve("a.tar"));
    ExternalTool docker = daemon.docker();
    ExternalTool.Result load = docker.tryRun("load", "--input", fixture.path().toString());
    assertThat(load.exitCode())
        .as("docker load: %s%s%nlog: %s", load.out(), load.err(), daemon.logTail())
        .isZero();
    for (int i = 0; i < fixture.images().size(); i++) {
      String tag = repository + ":" + (i + 1);
      assertThat(load.out()).contains("Loaded image: " + tag);
      String id = docker.run("image", "inspect", "--format", "{{.Id}}", tag).strip();
      assertThat(id).as(tag).isEqualTo(fixture.image(i).configDigest().toString());
    }
  }
}
