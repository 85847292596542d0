package io.github.dockerarchive.testkit.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy v1 layer IDs and {@code <id>/json} documents of REFERENCE.md §6.6 (containers/image's
 * algorithm, which equals Docker's for single-layer images): chain IDs, the config's top-level
 * values copied into the top layer, keys sorted, sha256 of the compact JSON.
 */
final class LegacyIds {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final List<String> TOP_KEYS =
      List.of(
          "architecture",
          "config",
          "container",
          "container_config",
          "created",
          "docker_version",
          "os");

  private LegacyIds() {}

  /**
   * One legacy layer.
   *
   * @param id the 64-hex legacy ID
   * @param json the content of {@code <id>/json}
   * @param chainId the layer's chain ID
   */
  record Legacy(String id, byte[] json, Digest chainId) {}

  static List<Legacy> compute(List<Digest> layerDigests, byte[] config) {
    List<Legacy> result = new ArrayList<>(layerDigests.size());
    if (layerDigests.isEmpty()) {
      return result;
    }
    Map<String, String> top = topLevelRawValues(config);
    Digest chain = null;
    String parent = null;
    for (int i = 0; i < layerDigests.size(); i++) {
      Digest d = layerDigests.get(i);
      chain = chain == null ? d : Digest.sha256((chain + " " + d).getBytes(StandardCharsets.UTF_8));
      boolean isTop = i == layerDigests.size() - 1;
      String withChain = document(isTop ? top : null, "layer_id", chain.toString(), parent);
      String id = Digest.sha256(withChain.getBytes(StandardCharsets.UTF_8)).hex();
      String json = document(isTop ? top : null, "id", id, parent);
      result.add(new Legacy(id, json.getBytes(StandardCharsets.UTF_8), chain));
      parent = id;
    }
    return result;
  }

  /** The sorted, compact layer JSON: the copied config keys, the ID key, and {@code parent}. */
  private static String document(Map<String, String> top, String idKey, String id, String parent) {
    StringBuilder out = new StringBuilder(256).append('{');
    // byte-wise key order: architecture config container container_config created
    // docker_version id layer_id os parent
    if (top != null) {
      for (String key : TOP_KEYS.subList(0, 6)) {
        field(out, key, top.getOrDefault(key, "null"));
      }
    }
    field(out, idKey, quoted(id));
    if (top != null) {
      field(out, "os", top.getOrDefault("os", "null"));
    }
    if (parent != null) {
      field(out, "parent", quoted(parent));
    }
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String key, String rawValue) {
    if (out.length() > 1) {
      out.append(',');
    }
    Json.quote(out, key);
    out.append(':').append(rawValue);
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder();
    Json.quote(b, s);
    return b.toString();
  }

  /** The wanted top-level values of the config, as raw JSON re-encoded the way Go does. */
  static Map<String, String> topLevelRawValues(byte[] config) {
    String text = new String(config, StandardCharsets.UTF_8);
    Map<String, String> values = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the image config is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        } else {
          p.getText();
        }
        int end = (int) p.currentLocation().getCharOffset();
        if (TOP_KEYS.contains(key)) {
          values.put(key, Json.compact(text.substring(start, end)));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the image config is not valid JSON: " + e.getMessage(), e);
    }
    return values;
  }
}
