package io.github.dockerarchive.testkit.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.internal.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the writer needs from the Docker schema 2 manifest given to {@code putManifest} (WR-5): the
 * config digest and the layer digests, bottom first.
 *
 * @param config the config descriptor's digest
 * @param layers the layer descriptors' digests, bottom first, duplicates kept
 */
record SchemaTwoManifest(Digest config, List<Digest> layers) {
  static final String RULE = "WR-5";

  /** Docker manifest list and OCI index: lists of manifests, never stored here. */
  static final Set<String> LIST_TYPES =
      Set.of(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX);

  private static final JsonFactory JSON = new JsonFactory();

  SchemaTwoManifest {
    layers = List.copyOf(layers);
  }

  /**
   * Parses and checks a manifest.
   *
   * @throws ManifestTypeRejectedException for a manifest list or any type but Docker schema 2
   * @throws InvalidManifestException when it is not JSON or a digest is missing or invalid
   */
  static SchemaTwoManifest parse(byte[] bytes) throws ArchiveException {
    JsonNode root;
    try {
      root = JsonTrees.read(JSON, bytes, false);
    } catch (IOException e) {
      throw new InvalidManifestException(RULE, "parsing manifest: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidManifestException(RULE, "parsing manifest: not a JSON object");
    }
    JsonNode mediaTypeNode = root.get("mediaType");
    String mediaType =
        mediaTypeNode == null || !mediaTypeNode.isTextual() ? null : mediaTypeNode.asText();
    if (mediaType == null ? root.has("manifests") : LIST_TYPES.contains(mediaType)) {
      throw new ManifestTypeRejectedException(
          RULE,
          "Manifest lists are not supported for docker tar files: got "
              + describe(mediaType)
              + ", a Docker schema 2 image manifest ("
              + MediaTypes.DOCKER_MANIFEST_V2
              + ") is required",
          mediaType);
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null
        || !version.isIntegralNumber()
        || version.asInt() != 2
        || !MediaTypes.DOCKER_MANIFEST_V2.equals(mediaType)) {
      throw new ManifestTypeRejectedException(
          RULE,
          "Unsupported manifest type "
              + describe(mediaType)
              + " (schemaVersion "
              + version
              + "), need a Docker schema 2 manifest ("
              + MediaTypes.DOCKER_MANIFEST_V2
              + ", schemaVersion 2)",
          mediaType);
    }
    Digest config = digest(root.path("config").get("digest"), "config.digest");
    List<Digest> layers = new ArrayList<>();
    JsonNode layerNodes = root.get("layers");
    if (layerNodes != null && !layerNodes.isNull()) {
      if (!layerNodes.isArray()) {
        throw new InvalidManifestException(RULE, "parsing manifest: layers is not an array");
      }
      for (int i = 0; i < layerNodes.size(); i++) {
        layers.add(digest(layerNodes.get(i).get("digest"), "layers[" + i + "].digest"));
      }
    }
    return new SchemaTwoManifest(config, layers);
  }

  private static String describe(String mediaType) {
    return mediaType == null ? "no mediaType" : "\"" + mediaType + "\"";
  }

  private static Digest digest(JsonNode node, String field) throws InvalidManifestException {
    if (node == null || !node.isTextual()) {
      throw new InvalidManifestException(
          RULE, "parsing manifest: " + field + " is missing or not a string");
    }
    try {
      return Digest.parse(node.asText());
    } catch (InvalidReferenceException e) {
      throw new InvalidManifestException(
          RULE, "parsing manifest: " + field + ": " + e.getMessage(), e);
    }
  }
}
