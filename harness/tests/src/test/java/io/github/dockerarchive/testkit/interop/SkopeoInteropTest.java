package io.github.dockerarchive.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.testing.SkopeoTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives written by the real skopeo ({@code skopeo copy oci:... docker-archive:...}) read back
 * with the digests skopeo itself reports, and our schema 2 manifest in reference-compatible mode is
 * byte-identical to the one skopeo synthesises from the same archive (SRC-3, SRC-4).
 */
@DisplayName("Interop: archives written by skopeo (RD-1, SRC-3, SRC-4, SRC-6, SRC-7)")
class SkopeoInteropTest extends SkopeoTestSupport {

  @ParameterizedTest(name = "{0} layers, gzip in the OCI layout: {0}")
  @ValueSource(ints = {0, 1, 3})
  void readsWhatSkopeoWrites(int layerCount) throws Exception {
    for (boolean gzip : new boolean[] {false, true}) {
      Path oci = Files.createDirectories(dir.resolve("oci-" + layerCount + gzip));
      List<byte[]> layers = new ArrayList<>();
      for (int i = 0; i < layerCount; i++) {
        layers.add(OciLayout.layerTar("file" + i + ".txt", "content " + i + " " + gzip));
      }
      byte[] config = OciLayout.write(oci, "v1", layers, gzip);
      Path archive = dir.resolve("out-" + layerCount + gzip + ".tar");
      SKOPEO.run("copy", "oci:" + oci + ":v1", "docker-archive:" + archive + ":example.com/app:v1");

      String raw = SKOPEO.run("inspect", "--raw", "docker-archive:" + archive);
      JsonNode inspect = JSON.readTree(SKOPEO.run("inspect", "docker-archive:" + archive));
      try (ArchiveReader reader =
          ArchiveReader.open(archive, ReaderOptions.defaults().withReferenceMediaTypes(true))) {
        ImageSource image =
            reader.imageSource(DockerReference.parseNormalized("example.com/app:v1"), -1);
        assertThat(image.configDigest()).isEqualTo(Digest.sha256(config));
        assertThat(new String(image.manifestBytes(), StandardCharsets.UTF_8)).isEqualTo(raw);
        assertThat(image.manifestDigest().toString()).isEqualTo(inspect.get("Digest").asText());
        List<String> skopeoLayers = new ArrayList<>();
        inspect.get("Layers").forEach(l -> skopeoLayers.add(l.asText()));
        assertThat(image.diffIds().stream().map(Digest::toString).toList()).isEqualTo(skopeoLayers);
        for (LayerInfo layer : image.layers()) {
          try (BlobStream blob = image.getBlob(layer.diffId())) {
            assertThat(blob.drain()).isEqualTo(layer.size());
          }
        }
        assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
            .isTrue();
      }
    }
  }
}
