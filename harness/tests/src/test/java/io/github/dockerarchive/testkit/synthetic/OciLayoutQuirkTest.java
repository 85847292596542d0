package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

/** Each quirk of the OCI_LAYOUT family has its exact shape in the materialised bytes. */
@DisplayName("Quirks, OCI layout: each shape is in the bytes (index.json, ref.name, blobs)")
class OciLayoutQuirkTest extends QuirkFamilyShapeTest {
  OciLayoutQuirkTest() {
    super(QuirkFamily.OCI_LAYOUT, OciLayoutQuirkTest::assertShape);
  }

  static void assertShape(Quirk quirk, QuirkArchive a) throws IOException {
    JsonNode items = a.manifest();
    switch (quirk) {
      case DOCKER25_BLOB_PATHS -> {
        for (JsonNode item : items) {
          assertThat(a.layers(item)).allMatch(p -> p.matches("blobs/sha256/[0-9a-f]{64}"));
          assertThat(item.get("LayerSources").size()).isEqualTo(Set.copyOf(a.diffIds(item)).size());
        }
        assertThat(a.text("oci-layout")).isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
      }
      case CONTAINERD_STORE_SPARSE_INDEX -> {
        JsonNode descriptor = a.index().get("manifests").get(0);
        assertThat(descriptor.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
        JsonNode nested = a.blob(descriptor.get("digest").asText()).get("manifests");
        assertThat(nested).hasSize(3);
        assertThat(a.has(QuirkArchive.blobName(nested.get(0).get("digest").asText()))).isTrue();
        assertThat(a.has(QuirkArchive.blobName(nested.get(1).get("digest").asText()))).isFalse();
        assertThat(nested.get(2).get("annotations").get("vnd.docker.reference.type").asText())
            .isEqualTo("attestation-manifest");
      }
      case CONTAINERD_COMPRESSED_DIGEST_PATHS -> {
        JsonNode item = items.get(0);
        List<String> layers = a.layers(item);
        List<String> diffIds = a.diffIds(item);
        for (int i = 0; i < layers.size(); i++) {
          byte[] stored = a.bytes(layers.get(i));
          assertThat(QuirkArchive.gzip(stored)).as(layers.get(i)).isTrue();
          String hex = layers.get(i).substring("blobs/sha256/".length());
          assertThat(Digest.sha256(stored).hex()).isEqualTo(hex);
          assertThat("sha256:" + hex).isNotEqualTo(diffIds.get(i));
        }
      }
      case OCI_INDEX_MANIFESTS_NULL -> {
        JsonNode index = a.index();
        assertThat(index.has("manifests")).isTrue();
        assertThat(index.get("manifests").isNull()).isTrue();
        assertThat(items.size()).isPositive();
      }
      case OCI_INDEX_MISSING_IMAGE -> {
        List<String> configs = new ArrayList<>();
        items.forEach(item -> configs.add(a.configDigest(item)));
        assertThat(configs).hasSizeGreaterThanOrEqualTo(2);
        // exactly one image after the first (the last tagged one) has no descriptor
        List<String> left = new ArrayList<>(configs);
        left.removeAll(a.indexedConfigs());
        assertThat(left).hasSize(1);
        assertThat(configs.indexOf(left.get(0))).isPositive();
        assertThat(Set.copyOf(a.indexedConfigs())).hasSize(Set.copyOf(configs).size() - 1);
      }
      case OCI_REF_NAME_TAG -> assertRefNames(a, (name, digest) -> tagOf(name));
      case OCI_REF_NAME_FULL_REFERENCE -> assertRefNames(a, (name, digest) -> name);
      case OCI_REF_NAME_DIGEST_REFERENCE ->
          assertRefNames(
              a, (name, digest) -> name.substring(0, name.lastIndexOf(':')) + "@" + digest);
      case OCI_REF_NAME_INVALID -> {
        for (JsonNode d : a.index().get("manifests")) {
          JsonNode refName = d.path("annotations").path("org.opencontainers.image.ref.name");
          if (refName.isTextual()) {
            assertThat(refName.asText()).doesNotMatch(OCI_REF_GRAMMAR);
          }
        }
        assertRefNames(a, (name, digest) -> "@" + digest);
      }
      case OCI_MANIFEST_NO_LAYERS -> {
        JsonNode manifest = a.ociManifest(a.index().get("manifests").get(0));
        assertThat(manifest.get("layers").isArray()).isTrue();
        assertThat(manifest.get("layers")).isEmpty();
        assertThat(a.layers(items.get(0))).isEmpty();
      }
      case OCI_DESCRIPTOR_SIZE_MISMATCH -> {
        JsonNode manifest = a.ociManifest(a.index().get("manifests").get(0));
        JsonNode d =
            manifest.get("layers").isEmpty()
                ? manifest.get("config")
                : manifest.get("layers").get(0);
        long actual = a.bytes(QuirkArchive.blobName(d.get("digest").asText())).length;
        assertThat(d.get("size").asLong()).isEqualTo(actual + 1);
      }
      case OCI_SELECTED_BLOB_MISSING -> {
        String named = a.index().get("manifests").get(0).get("digest").asText();
        String own = named;
        if (a.has(QuirkArchive.blobName(named))) {
          JsonNode nested = a.blob(named);
          assertThat(nested.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
          own = nested.get("manifests").get(0).get("digest").asText();
        }
        assertThat(a.has(QuirkArchive.blobName(own))).as("blob of " + own).isFalse();
        assertThat(a.has(QuirkArchive.configPath(items.get(0)))).isTrue();
      }
      default -> fail("no shape assertion for " + quirk);
    }
  }

  /** The OCI image layout's grammar of {@code org.opencontainers.image.ref.name}. */
  static final String OCI_REF_GRAMMAR =
      "[A-Za-z0-9]+((?:[-._:@+]|--)[A-Za-z0-9]+)*(/[A-Za-z0-9]+((?:[-._:@+]|--)[A-Za-z0-9]+)*)*";

  interface Expected {
    String refName(String fullName, String digest);
  }

  /** Every tagged descriptor's ref.name is what {@code expected} makes of its full name. */
  private static void assertRefNames(QuirkArchive a, Expected expected) throws IOException {
    int tagged = 0;
    for (JsonNode d : a.index().get("manifests")) {
      JsonNode annotations = d.get("annotations");
      if (annotations == null || !annotations.has("io.containerd.image.name")) {
        continue;
      }
      tagged++;
      String name = annotations.get("io.containerd.image.name").asText();
      assertThat(annotations.get("org.opencontainers.image.ref.name").asText())
          .isEqualTo(expected.refName(name, d.get("digest").asText()));
    }
    assertThat(tagged).as("tagged index.json descriptors").isPositive();
  }

  private static String tagOf(String name) {
    return name.substring(name.lastIndexOf(':') + 1);
  }
}
