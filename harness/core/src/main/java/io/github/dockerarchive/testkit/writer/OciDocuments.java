package io.github.dockerarchive.testkit.writer;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The OCI documents of the hybrid layout (WR-12): image manifests, descriptors, oci-layout. */
final class OciDocuments {
  /** The {@code oci-layout} file. */
  static final byte[] OCI_LAYOUT =
      "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);

  private OciDocuments() {}

  /** An OCI image manifest of uncompressed layers, in the field order of Go's ocispec types. */
  static byte[] imageManifest(BlobRecord config, List<BlobRecord> layers) {
    return CommittedImages.json(
        gen -> {
          gen.writeStartObject();
          gen.writeNumberField("schemaVersion", 2);
          gen.writeStringField("mediaType", MediaTypes.OCI_MANIFEST);
          gen.writeFieldName("config");
          descriptor(gen, MediaTypes.OCI_CONFIG, config, null);
          gen.writeArrayFieldStart("layers");
          for (BlobRecord layer : layers) {
            descriptor(gen, MediaTypes.OCI_LAYER_TAR, layer, null);
          }
          gen.writeEndArray();
          gen.writeEndObject();
        });
  }

  /**
   * A descriptor; with a tag, annotated as Docker annotates {@code index.json} entries: {@code
   * io.containerd.image.name} the full reference, {@code org.opencontainers.image.ref.name} the
   * tag.
   */
  static void descriptor(JsonGenerator gen, String mediaType, BlobRecord blob, DockerReference tag)
      throws IOException {
    gen.writeStartObject();
    gen.writeStringField("mediaType", mediaType);
    gen.writeStringField("digest", blob.digest().toString());
    gen.writeNumberField("size", blob.size());
    if (tag != null) {
      gen.writeObjectFieldStart("annotations");
      gen.writeStringField("io.containerd.image.name", tag.canonical());
      gen.writeStringField("org.opencontainers.image.ref.name", tag.tag());
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }
}
