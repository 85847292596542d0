package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape Docker 29 writes with its containerd image store (DIA-7): {@code index.json} points at
 * a nested multi-platform index with the image's own manifest, an absent other-platform manifest
 * and an attestation manifest; {@code manifest.json} names the gzip layers by their compressed
 * digest; a reader reads it as its truth.
 */
@DisplayName("docker-containerd-store: nested index, attestation, absent platform (DIA-7)")
class DockerContainerdStoreDialectTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @DisplayName("index.json -> nested index -> own manifest, absent arm64 manifest, attestation")
  void nestedIndex() throws Exception {
    ArchiveFixture fixture =
        SyntheticArchives.materialize(
            ArchiveSpec.builder()
                .dialect(Dialect.DOCKER_CONTAINERD_STORE)
                .image(List.of("example.com/app:1"), LayerSpec.filler(2000), LayerSpec.filler(10))
                .image(List.of(), LayerSpec.filler(30))
                .build(),
            dir.resolve("a.tar"));
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      Set<String> names = reader.entries().stream().map(TarEntry::name).collect(Collectors.toSet());
      JsonNode index = json(reader, "index.json");
      assertThat(index.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
      JsonNode top = index.get("manifests");
      assertThat(top).hasSize(2);
      assertThat(top.get(0).get("annotations").get("io.containerd.image.name").asText())
          .isEqualTo("example.com/app:1");
      assertThat(top.get(0).get("annotations").get("org.opencontainers.image.ref.name").asText())
          .isEqualTo("1");
      assertThat(top.get(1).has("annotations")).as("the untagged image").isFalse();

      for (int i = 0; i < 2; i++) {
        ImageTruth truth = fixture.image(i);
        assertThat(top.get(i).get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
        JsonNode nested = blob(reader, top.get(i));
        JsonNode platforms = nested.get("manifests");
        assertThat(platforms).hasSize(3);

        JsonNode own = platforms.get(0);
        assertThat(own.get("platform").get("architecture").asText()).isEqualTo("amd64");
        assertThat(own.get("platform").get("os").asText()).isEqualTo("linux");
        JsonNode manifest = blob(reader, own);
        assertThat(manifest.get("config").get("digest").asText())
            .isEqualTo(truth.configDigest().toString());
        List<String> layers = new ArrayList<>();
        manifest.get("layers").forEach(l -> layers.add(l.get("digest").asText()));
        assertThat(layers).isEqualTo(truth.storedDigests().stream().map(Digest::toString).toList());
        manifest
            .get("layers")
            .forEach(
                l -> assertThat(l.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP));

        JsonNode other = platforms.get(1);
        assertThat(other.get("platform").get("architecture").asText()).isEqualTo("arm64");
        assertThat(other.get("platform").get("variant").asText()).isEqualTo("v8");
        assertThat(names).doesNotContain(blobName(other));

        JsonNode attestation = platforms.get(2);
        assertThat(attestation.get("annotations").get("vnd.docker.reference.type").asText())
            .isEqualTo("attestation-manifest");
        assertThat(attestation.get("annotations").get("vnd.docker.reference.digest").asText())
            .isEqualTo(own.get("digest").asText());
        assertThat(attestation.get("platform").get("os").asText()).isEqualTo("unknown");
        JsonNode attestationManifest = blob(reader, attestation);
        JsonNode inToto = attestationManifest.get("layers").get(0);
        assertThat(inToto.get("mediaType").asText()).isEqualTo(MediaTypes.IN_TOTO);
        JsonNode statement = blob(reader, inToto);
        assertThat(statement.get("subject").get(0).get("digest").get("sha256").asText())
            .isEqualTo(Digest.parse(own.get("digest").asText()).hex());
        assertThat(names).contains(blobName(attestationManifest.get("config")));
      }

      JsonNode manifestJson = json(reader, "manifest.json");
      assertThat(manifestJson.get(0).has("LayerSources")).isFalse();
      assertThat(manifestJson.get(0).get("Layers").get(0).asText())
          .isEqualTo("blobs/sha256/" + fixture.image(0).storedDigests().get(0).hex());
      assertThat(names).doesNotContain("repositories");
      Readback.assertReadsAsTruth(reader, fixture);
    }
  }

  private static String blobName(JsonNode descriptor) throws Exception {
    return "blobs/sha256/" + Digest.parse(descriptor.get("digest").asText()).hex();
  }

  /** Reads the blob a descriptor names, checking its size and digest. */
  private static JsonNode blob(ArchiveReader reader, JsonNode descriptor) throws Exception {
    byte[] bytes;
    try (InputStream in = reader.openEntry(blobName(descriptor))) {
      bytes = in.readAllBytes();
    }
    assertThat(bytes.length).isEqualTo(descriptor.get("size").asInt());
    assertThat(Digest.sha256(bytes).toString()).isEqualTo(descriptor.get("digest").asText());
    return JSON.readTree(bytes);
  }

  private static JsonNode json(ArchiveReader reader, String name) throws Exception {
    try (InputStream in = reader.openEntry(name)) {
      return JSON.readTree(in);
    }
  }
}
