package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("dockerarchive inspect")
class InspectCommandTest {
  @TempDir Path dir;

  static Stream<Arguments> corpus() {
    List<Arguments> result = new ArrayList<>();
    CorpusFiles.expected().fields().forEachRemaining(e -> result.add(Arguments.of(e.getKey())));
    return result.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("--json agrees with EXPECTED.json for every real archive")
  void jsonAgreesWithExpected(String file) throws Exception {
    Path archive = CorpusFiles.copy(file, dir);
    CliRun run = CliRun.of("inspect", "--json", archive.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode images = new ObjectMapper().readTree(run.out()).get("images");
    JsonNode expected = CorpusFiles.expected().get(file);
    assertThat(images.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      JsonNode got = images.get(i);
      assertThat(got.get("index")).isEqualTo(want.get("index"));
      assertThat(got.get("repoTags")).isEqualTo(want.get("repoTags"));
      assertThat(got.get("configDigest")).isEqualTo(want.get("configDigest"));
      List<JsonNode> diffIds = new ArrayList<>();
      got.get("layers").forEach(l -> diffIds.add(l.get("diffId")));
      List<JsonNode> wantIds = new ArrayList<>();
      want.get("diffIds").forEach(wantIds::add);
      assertThat(diffIds).isEqualTo(wantIds);
      got.get("layers")
          .forEach(
              l -> {
                assertThat(l.get("size").asLong()).isPositive();
                assertThat(l.get("mediaType").asText())
                    .isEqualTo("application/vnd.docker.image.rootfs.diff.tar");
              });
    }
  }

  @Test
  @DisplayName("an archive whose manifest.json is null prints {\"images\":[]}")
  void nullManifestPrintsNoImages() {
    Path archive =
        CorpusFiles.copy(
            "google_go-containerregistry__pkg_v1_tarball_testdata_null_manifest.tar", dir);
    CliRun run = CliRun.of("inspect", "--json", archive.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo("{\"images\":[]}");
  }

  @Test
  @DisplayName("docker-archive:PATH:REF selects by normalised tag (REF-1, SEL-2)")
  void selectsByTag() throws Exception {
    Path archive =
        CorpusFiles.copy("containers_podman__test_e2e_testdata_docker-two-images.tar.xz", dir);
    CliRun run =
        CliRun.of(
            "inspect", "--json", "docker-archive:" + archive + ":example.com/empty/but:different");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode images = new ObjectMapper().readTree(run.out()).get("images");
    assertThat(images.size()).isEqualTo(1);
    assertThat(images.get(0).get("index").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("docker-archive:PATH:@N selects by index (REF-1, SEL-3)")
  void selectsByIndex() throws Exception {
    Path archive =
        CorpusFiles.copy("containers_podman__test_e2e_testdata_docker-two-images.tar.xz", dir);
    CliRun run = CliRun.of("inspect", "--json", "docker-archive:" + archive + ":@0");
    JsonNode images = new ObjectMapper().readTree(run.out()).get("images");
    assertThat(images.get(0).get("repoTags").get(0).asText()).isEqualTo("example.com/empty:latest");
  }

  @Test
  @DisplayName("text output lists tags, config and layers")
  void textOutput() {
    Path archive =
        CorpusFiles.copy("containers_image__docker_archive_fixtures_almostempty.tar", dir);
    CliRun run = CliRun.of("inspect", archive.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("image @0  emptyimage:latest")
        .contains("sha256:9d7f147c0d0c4d4538a04c7ef385809e56eb1aac7bf800fbe976612188025b68")
        .contains("sha256:0b916d257bd406111a3fced53f81b47de9a30f7c7d514a89769b3483aaddca7e");
  }

  @Test
  @DisplayName("errors are one line on stderr with the rule ID, exit 2, no partial output")
  void errorsAreOneLine() {
    Path archive =
        CorpusFiles.copy("containers_image__docker_archive_fixtures_almostempty.tar", dir);
    CliRun run = CliRun.of("inspect", "docker-archive:" + archive + ":@5");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip())
        .isEqualTo(
            "dockerarchive: error: Invalid source index @5, only 1 manifest items available"
                + " [SEL-3]");
  }

  @Test
  @DisplayName("--debug adds the stack trace")
  void debugShowsStackTrace() throws Exception {
    Path notTar = Files.writeString(dir.resolve("x.tar"), "this is not a tar");
    CliRun run = CliRun.of("--debug", "inspect", notTar.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("dockerarchive: error: ").contains("\tat ");
    CliRun plain = CliRun.of("inspect", notTar.toString());
    assertThat(plain.err().lines().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a missing file is reported by name")
  void missingFile() {
    CliRun run = CliRun.of("inspect", dir.resolve("absent.tar").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("absent.tar").contains("no such file");
  }
}
