package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Archives from {@code dockerarchive generate} are read by the real skopeo and podman, which find
 * the config digest and diffIDs of the {@code --truth} file, in every dialect. Skipped, visibly,
 * when a tool is missing.
 */
@DisplayName("Interop: skopeo and podman read generated archives with the --truth digests")
class GenerateInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExternalTool SKOPEO = ExternalTool.of("skopeo", "--insecure-policy");
  private static final String TAG = "example.com/generated:1";

  @TempDir Path dir;

  private JsonNode generate(Dialect dialect) throws Exception {
    Path archive = dir.resolve("a.tar");
    Path truth = dir.resolve("a.json");
    CliRun run =
        CliRun.of(
            "generate",
            "--dialect",
            dialect.id(),
            "--layers",
            "2",
            "--layer-size",
            "3KiB",
            "--tag",
            TAG,
            "--seed",
            "3",
            "-o",
            archive.toString(),
            "--truth",
            truth.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(truth.toFile()).get("images").get(0);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName("skopeo inspect and copy to oci: find the truth's config digest and diffIDs")
  void skopeo(Dialect dialect) throws Exception {
    SKOPEO.assumeInstalled();
    JsonNode truth = generate(dialect);
    String source = "docker-archive:" + dir.resolve("a.tar");

    JsonNode inspect = JSON.readTree(SKOPEO.run("inspect", source));
    assertThat(texts(inspect.get("Layers"))).isEqualTo(texts(truth.get("diffIds")));
    String config = SKOPEO.run("inspect", "--config", "--raw", source);
    assertThat(Digest.sha256(config.getBytes(StandardCharsets.UTF_8)).toString())
        .isEqualTo(truth.get("configDigest").asText());

    Path oci = dir.resolve("oci");
    SKOPEO.run("copy", "--quiet", source, "oci:" + oci + ":x");
    JsonNode index = JSON.readTree(oci.resolve("index.json").toFile());
    assertThat(index.get("manifests")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName("podman load and image inspect: the truth's config digest is the image ID")
  void podman(Dialect dialect) throws Exception {
    ExternalTool podman = ExternalTool.isolatedPodman(dir);
    podman.assumeInstalled();
    JsonNode truth = generate(dialect);

    podman.run("load", "-i", dir.resolve("a.tar").toString());
    JsonNode inspect = JSON.readTree(podman.run("image", "inspect", TAG)).get(0);

    assertThat("sha256:" + inspect.get("Id").asText())
        .isEqualTo(truth.get("configDigest").asText());
    assertThat(texts(inspect.get("RootFS").get("Layers"))).isEqualTo(texts(truth.get("diffIds")));
  }

  private static List<String> texts(JsonNode array) {
    List<String> all = new ArrayList<>();
    array.forEach(n -> all.add(n.asText()));
    return all;
  }
}
