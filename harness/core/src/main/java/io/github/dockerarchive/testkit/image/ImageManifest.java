package io.github.dockerarchive.testkit.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.internal.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A single-image manifest, Docker schema 2 or OCI: the config descriptor and the layer descriptors.
 * Parses both, and serialises either as compact JSON in Go's field order.
 *
 * @param mediaType the manifest's media type
 * @param config the config descriptor
 * @param layers the layer descriptors, bottom first
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Copies the list.
   *
   * @param mediaType the manifest's media type
   * @param config the config descriptor
   * @param layers the layer descriptors, bottom first
   */
  public ImageManifest {
    layers = List.copyOf(layers);
  }

  /**
   * Parses a manifest.
   *
   * @param bytes the manifest bytes
   * @param mediaTypeHint the media type known from outside (a descriptor), or null
   * @return the manifest
   * @throws InvalidManifestException if it is not valid JSON of a manifest
   * @throws ManifestTypeRejectedException if it is a list or of an unknown type
   */
  public static ImageManifest parse(byte[] bytes, String mediaTypeHint)
      throws InvalidManifestException, ManifestTypeRejectedException {
    JsonNode root;
    try {
      root = JsonTrees.read(JSON, bytes, false);
    } catch (IOException e) {
      throw new InvalidManifestException("WR-5", "parsing manifest: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidManifestException("WR-5", "parsing manifest: not a JSON object");
    }
    String type = text(root.get("mediaType"));
    if (type == null) {
      type = mediaTypeHint;
    }
    if (type == null && root.has("config") && root.has("layers")) {
      type = MediaTypes.OCI_MANIFEST;
    }
    if (MediaTypes.isList(type) || root.has("manifests")) {
      throw new ManifestTypeRejectedException(
          "WR-5",
          "manifest lists and image indexes are not supported (media type " + type + ")",
          type);
    }
    if (!MediaTypes.DOCKER_MANIFEST_V2.equals(type) && !MediaTypes.OCI_MANIFEST.equals(type)) {
      throw new ManifestTypeRejectedException(
          "WR-5",
          "unsupported manifest type " + type + ": need a Docker schema 2 or OCI image manifest",
          type);
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || version.asInt() != 2) {
      throw new InvalidManifestException(
          "WR-5", "parsing manifest: schemaVersion must be 2, got " + version);
    }
    Descriptor config = descriptor(root.get("config"), "config");
    List<Descriptor> layers = new ArrayList<>();
    JsonNode array = root.get("layers");
    if (array != null && !array.isNull()) {
      if (!array.isArray()) {
        throw new InvalidManifestException("WR-5", "parsing manifest: layers must be an array");
      }
      for (int i = 0; i < array.size(); i++) {
        layers.add(descriptor(array.get(i), "layers[" + i + "]"));
      }
    }
    return new ImageManifest(type, config, layers);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static Descriptor descriptor(JsonNode node, String where)
      throws InvalidManifestException {
    if (node == null || !node.isObject()) {
      throw new InvalidManifestException(
          "WR-5", "parsing manifest: " + where + " must be a descriptor object");
    }
    String digest = text(node.get("digest"));
    if (digest == null || !Digest.isValid(digest)) {
      throw new InvalidManifestException(
          "WR-5", "parsing manifest: " + where + ".digest is not a valid digest: " + digest);
    }
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
      throw new InvalidManifestException(
          "WR-5", "parsing manifest: " + where + ".size must be a non-negative integer");
    }
    List<String> urls = new ArrayList<>();
    JsonNode u = node.get("urls");
    if (u != null && u.isArray()) {
      u.forEach(x -> urls.add(x.asText()));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode a = node.get("annotations");
    if (a != null && a.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = a.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        annotations.put(e.getKey(), e.getValue().asText());
      }
    }
    try {
      return new Descriptor(
          text(node.get("mediaType")), Digest.parse(digest), size.asLong(), urls, annotations);
    } catch (io.github.dockerarchive.testkit.InvalidReferenceException e) {
      throw new InvalidManifestException("WR-5", "parsing manifest: " + e.getMessage(), e);
    }
  }

  /**
   * Serialises as a Docker schema 2 manifest, in the reference's exact byte form.
   *
   * @return compact JSON
   */
  public byte[] toDockerSchema2() {
    return write(MediaTypes.DOCKER_MANIFEST_V2, true);
  }

  /**
   * Serialises as an OCI image manifest (compact, Go field order).
   *
   * @return compact JSON
   */
  public byte[] toOci() {
    return write(MediaTypes.OCI_MANIFEST, false);
  }

  private byte[] write(String type, boolean docker) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 2);
      g.writeStringField("mediaType", type);
      g.writeFieldName("config");
      writeDescriptor(g, config, docker);
      g.writeArrayFieldStart("layers");
      for (Descriptor layer : layers) {
        writeDescriptor(g, layer, docker);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeDescriptor(JsonGenerator g, Descriptor d, boolean docker)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", d.mediaType());
    if (docker) {
      g.writeNumberField("size", d.size());
      g.writeStringField("digest", d.digest().toString());
    } else {
      g.writeStringField("digest", d.digest().toString());
      g.writeNumberField("size", d.size());
    }
    if (!d.urls().isEmpty()) {
      g.writeArrayFieldStart("urls");
      for (String url : d.urls()) {
        g.writeString(url);
      }
      g.writeEndArray();
    }
    if (!docker && !d.annotations().isEmpty()) {
      g.writeObjectFieldStart("annotations");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(d.annotations()).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
