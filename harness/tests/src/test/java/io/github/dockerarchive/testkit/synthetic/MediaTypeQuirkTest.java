package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Each quirk of the MEDIA_TYPES family has its exact shape in the materialised bytes. */
@DisplayName("Quirks, media types: each shape is in the bytes (spellings, zstd, lying labels)")
class MediaTypeQuirkTest extends QuirkFamilyShapeTest {
  MediaTypeQuirkTest() {
    super(QuirkFamily.MEDIA_TYPES, MediaTypeQuirkTest::assertShape);
  }

  private static final String FOREIGN = MediaTypes.DOCKER_FOREIGN_LAYER_GZIP;

  static void assertShape(Quirk quirk, QuirkArchive a) throws IOException {
    JsonNode item = a.manifest().get(0);
    List<String> layers = a.layers(item);
    List<String> diffIds = a.diffIds(item);
    switch (quirk) {
      case LAYER_SOURCES_DOCKER_MEDIA_TYPES, LAYER_SOURCES_OCI_MEDIA_TYPES -> {
        String expected =
            quirk == Quirk.LAYER_SOURCES_DOCKER_MEDIA_TYPES
                ? MediaTypes.DOCKER_LAYER_GZIP
                : MediaTypes.OCI_LAYER_GZIP;
        assertThat(expected)
            .isIn(
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(FOREIGN).isEqualTo("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
        int spelled = 0;
        for (int i = 0; i < layers.size(); i++) {
          JsonNode source = item.get("LayerSources").get(diffIds.get(i));
          if (source.get("mediaType").asText().equals(FOREIGN)) {
            continue; // a foreign layer keeps its own media type
          }
          spelled++;
          assertThat(source.get("mediaType").asText()).isEqualTo(expected);
          assertThat(QuirkArchive.gzip(a.bytes(layers.get(i)))).isTrue();
        }
        assertThat(spelled).as("LayerSources descriptors in that spelling").isPositive();
      }
      case ZSTD_LAYERS -> {
        assertThat(layers).isNotEmpty();
        for (String layer : layers) {
          assertThat(QuirkArchive.zstd(a.bytes(layer))).as(layer).isTrue();
        }
      }
      case RAW_TAR_LABELLED_GZIP -> {
        JsonNode manifest = a.ociManifest(a.index().get("manifests").get(0));
        assertThat(manifest.get("layers")).hasSize(layers.size());
        for (int i = 0; i < layers.size(); i++) {
          assertThat(QuirkArchive.uncompressedTar(a.bytes(layers.get(i))))
              .as(layers.get(i))
              .isTrue();
          assertThat(manifest.get("layers").get(i).get("mediaType").asText())
              .isEqualTo(MediaTypes.OCI_LAYER_GZIP);
          if (item.has("LayerSources")) {
            assertThat(item.get("LayerSources").get(diffIds.get(i)).get("mediaType").asText())
                .isEqualTo(MediaTypes.OCI_LAYER_GZIP);
          }
        }
      }
      case FOREIGN_LAYER_URLS -> {
        byte[] stored = a.bytes(layers.get(0));
        JsonNode source = item.get("LayerSources").get(diffIds.get(0));
        assertThat(source.get("mediaType").asText()).isEqualTo(FOREIGN);
        assertThat(source.get("urls")).hasSize(1);
        assertThat(source.get("urls").get(0).asText()).startsWith("https://");
        assertThat(source.get("digest").asText()).isEqualTo(Digest.sha256(stored).toString());
        assertThat(source.get("size").asLong()).isEqualTo(stored.length);
        assertThat(QuirkArchive.gzip(stored)).isTrue();
      }
      default -> fail("no shape assertion for " + quirk);
    }
  }
}
