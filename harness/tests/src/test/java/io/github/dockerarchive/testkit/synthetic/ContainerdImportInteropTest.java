package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real containerd (a private daemon) imports every synthetic dialect with {@code ctr images
 * import}, naming each image by its tag, with our config under it (through the nested platform
 * index for DIA-7). containerd itself refuses compressed outer archives, so the archives are plain.
 */
@DisplayName("Interop: ctr images import takes every synthetic dialect (DIA-1..7)")
class ContainerdImportInteropTest extends ContainerdTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName("ctr images import names each image by its tag, with our config under it")
  void containerdImportsIt(Dialect dialect) throws Exception {
    String repository = "example.com/ctr-" + dialect.id();
    boolean one = dialect == Dialect.JIB || dialect == Dialect.JIB_LEGACY;
    ArchiveSpec.Builder spec =
        ArchiveSpec.builder()
            .dialect(dialect)
            .image(List.of(repository + ":1"), LayerSpec.filler(800), LayerSpec.filler(90));
    if (!one) {
      spec.image(List.of(repository + ":2"), LayerSpec.filler(300));
    }
    ArchiveFixture fixture = SyntheticArchives.materialize(spec.build(), dir.resolve("a.tar"));
    ExternalTool ctr = daemon.ctr();
    ExternalTool.Result imported =
        ctr.tryRun("images", "import", "--no-unpack", fixture.path().toString());
    assertThat(imported.exitCode())
        .as("ctr images import: %s%s%nlog: %s", imported.out(), imported.err(), daemon.logTail())
        .isZero();
    Map<String, String> targets = targets(ctr.run("images", "ls"));
    for (int i = 0; i < fixture.images().size(); i++) {
      String tag = repository + ":" + (i + 1);
      assertThat(targets).as("images after the import").containsKey(tag);
      JsonNode target = JSON.readTree(ctr.run("content", "get", targets.get(tag)));
      if (MediaTypes.OCI_INDEX.equals(target.path("mediaType").asText())) {
        target = JSON.readTree(ctr.run("content", "get", ownPlatform(target)));
      }
      assertThat(target.get("config").get("digest").asText())
          .as(tag)
          .isEqualTo(fixture.image(i).configDigest().toString());
    }
  }

  /** Image name to target digest, from the table {@code ctr images ls} prints. */
  private static Map<String, String> targets(String table) {
    Map<String, String> targets = new HashMap<>();
    for (String line : table.split("\n")) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 3 && columns[2].startsWith("sha256:")) {
        targets.put(columns[0], columns[2]);
      }
    }
    return targets;
  }

  /** The digest of an index's linux/amd64 manifest. */
  private static String ownPlatform(JsonNode index) {
    for (JsonNode manifest : index.get("manifests")) {
      JsonNode platform = manifest.path("platform");
      if ("amd64".equals(platform.path("architecture").asText())
          && "linux".equals(platform.path("os").asText())) {
        return manifest.get("digest").asText();
      }
    }
    throw new AssertionError("no linux/amd64 manifest in " + index);
  }
}
