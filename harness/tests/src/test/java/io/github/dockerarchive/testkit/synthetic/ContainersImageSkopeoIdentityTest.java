package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.testing.ExternalTool;
import io.github.dockerarchive.testkit.testing.SkopeoTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code containers-image} dialect (DIA-1) is byte for byte what skopeo writes: {@code skopeo
 * copy docker-archive:OURS docker-archive:THEIRS:TAG} of a generated archive gives the same bytes.
 */
@DisplayName("DIA-1 containers-image: byte for byte what skopeo copy writes")
class ContainersImageSkopeoIdentityTest extends SkopeoTestSupport {

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of(
            "two layers",
            ArchiveSpec.builder()
                .image(List.of("example.com/app:1"), LayerSpec.filler(3000), LayerSpec.filler(70))
                .seed(5)
                .build()),
        Arguments.of(
            "a repeated layer",
            ArchiveSpec.builder()
                .image(
                    List.of("example.com/app:2"),
                    LayerSpec.filler(512),
                    LayerSpec.filler(64),
                    LayerSpec.filler(512))
                .seed(6)
                .build()),
        Arguments.of(
            "directories, links and an empty layer",
            ArchiveSpec.builder()
                .image(
                    List.of("example.com/app:3"),
                    LayerSpec.of(
                        FileSpec.directory("etc"),
                        FileSpec.file("etc/hosts", 40),
                        FileSpec.symlink("etc/localtime", "/usr/share/zoneinfo/UTC"),
                        FileSpec.hardlink("etc/hosts.bak", "etc/hosts")),
                    LayerSpec.of())
                .seed(7)
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  @DisplayName("skopeo copy of a generated archive writes the same bytes")
  void skopeoWritesTheSameBytes(String name, ArchiveSpec spec) throws Exception {
    ArchiveFixture ours = SyntheticArchives.materialize(spec, dir.resolve("ours.tar"));
    Path theirs = dir.resolve("theirs.tar");
    String tag = ours.image(0).repoTags().get(0);
    ExternalTool.Result copy =
        SKOPEO.tryRun(
            "copy", "-q", "docker-archive:" + ours.path(), "docker-archive:" + theirs + ":" + tag);
    assertThat(copy.exitCode()).as("skopeo copy: %s%s", copy.out(), copy.err()).isZero();
    assertThat(Files.readAllBytes(theirs))
        .as("skopeo's archive of %s", name)
        .isEqualTo(Files.readAllBytes(ours.path()));
  }
}
