package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's legacy layer IDs and documents, without Docker (DockerSaveIdentityTest runs it). */
@DisplayName("DIA-2: the v1 layer IDs and json documents docker save derives")
class DockerV1LayersTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the IDs Docker 20.10 gave the default two-layer image")
  void idsOfDocker() throws Exception {
    // The spec `generate --dialect docker-legacy --layers 2 --tag example.com/leg:1` prints.
    String spec =
        "{\"dialect\":\"docker-legacy\",\"images\":[{\"tags\":[\"example.com/leg:1\"],"
            + "\"layers\":[{\"files\":[{\"path\":\"layer-0-0.bin\",\"kind\":\"file\","
            + "\"size\":1024}]},{\"files\":[{\"path\":\"layer-0-1.bin\",\"kind\":\"file\","
            + "\"size\":1024}]}]}]}";
    ArchiveFixture fixture =
        SyntheticArchives.materialize(SpecJson.fromJson(spec), dir.resolve("a.tar"));
    // What `docker save` wrote after `docker load` of this archive (Docker 20.10.24).
    assertThat(fixture.image(0).layerPaths())
        .containsExactly(
            "97dfe241d104c56ce863c3ef91922291cb54687dc81f503d6ae5389ae3c8e6a3/layer.tar",
            "437ea2691ce4b443a1272091af7733d2cdd2564217a966bcad85657658a06f92/layer.tar");
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(
              reader
                  .openEntry(
                      "97dfe241d104c56ce863c3ef91922291cb54687dc81f503d6ae5389ae3c8e6a3/json")
                  .readAllBytes())
          .asString()
          .isEqualTo(
              "{\"id\":\"97dfe241d104c56ce863c3ef91922291cb54687dc81f503d6ae5389ae3c8e6a3\","
                  + "\"created\":\"1970-01-01T00:00:00Z\",\"container_config\":{\"Hostname\":\"\","
                  + "\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,"
                  + "\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,"
                  + "\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,"
                  + "\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,"
                  + "\"OnBuild\":null,\"Labels\":null},\"os\":\"linux\"}");
      assertThat(reader.openEntry("repositories").readAllBytes())
          .asString()
          .isEqualTo(
              "{\"example.com/leg\":{\"1\":"
                  + "\"437ea2691ce4b443a1272091af7733d2cdd2564217a966bcad85657658a06f92\"}}\n");
      assertThat(reader.openEntry("manifest.json").readAllBytes()).endsWith((byte) '\n');
    }
  }

  @Test
  @DisplayName("times as Go marshals a time.Time: trailing zeros dropped, Z for UTC")
  void goTimes() {
    assertThat(DockerV1Layers.goTime("2024-02-29T12:34:56.120000Z"))
        .isEqualTo("2024-02-29T12:34:56.12Z");
    assertThat(DockerV1Layers.goTime("2024-02-29T12:34:56+00:00"))
        .isEqualTo("2024-02-29T12:34:56Z");
    assertThat(DockerV1Layers.goTime("2024-02-29T12:34:56.000000001-07:30"))
        .isEqualTo("2024-02-29T12:34:56.000000001-07:30");
  }
}
