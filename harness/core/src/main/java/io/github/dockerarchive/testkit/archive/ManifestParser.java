package io.github.dockerarchive.testkit.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.InvalidManifestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code manifest.json} with the leniency of Go's {@code encoding/json} (ARC-2): keys match
 * case-insensitively (an exact match preferred), unknown keys are ignored, {@code null} is an empty
 * document or list; a value of the wrong type anywhere is an error naming the item and the field.
 */
final class ManifestParser {
  /** JSON nesting deeper than this is refused (a hostile manifest cannot exhaust the stack). */
  static final int MAX_NESTING = 64;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ManifestParser() {}

  static List<ManifestItem> parse(byte[] json) throws InvalidManifestException {
    JsonNode root = readTree(json, "manifest.json");
    if (root == null || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new InvalidManifestException(
          "ARC-2",
          "decoding tar manifest.json: expected a JSON array of items, got "
              + JsonFields.kind(root));
    }
    List<ManifestItem> items = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      items.add(item(root.get(i), "manifest.json item @" + i));
    }
    return List.copyOf(items);
  }

  static JsonNode readTree(byte[] json, String what) throws InvalidManifestException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidManifestException(
          "ARC-2", "decoding tar " + what + ": " + firstLine(e.getMessage()), e);
    }
    if (node == null || node.isMissingNode()) {
      // No JSON value at all: Go says "unexpected end of JSON input"; only a literal null is an
      // empty document (ARC-2).
      throw new InvalidManifestException(
          "ARC-2", "decoding tar " + what + ": unexpected end of JSON input");
    }
    return node;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "invalid JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static ManifestItem item(JsonNode node, String where) throws InvalidManifestException {
    if (node.isNull()) {
      return new ManifestItem("", List.of(), List.of(), null, Map.of());
    }
    if (!node.isObject()) {
      throw wrongType(where, "an object", node);
    }
    JsonFields fields = new JsonFields(node);
    String config = string(fields.get("Config"), where + " field \"Config\"");
    List<String> repoTags = strings(fields.get("RepoTags"), where + " field \"RepoTags\"");
    List<String> layers = strings(fields.get("Layers"), where + " field \"Layers\"");
    String parent = string(fields.get("Parent"), where + " field \"Parent\"");
    Map<String, LayerSource> sources =
        layerSources(fields.get("LayerSources"), where + " field \"LayerSources\"");
    return new ManifestItem(config == null ? "" : config, repoTags, layers, parent, sources);
  }

  private static Map<String, LayerSource> layerSources(JsonNode node, String where)
      throws InvalidManifestException {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw wrongType(where, "an object", node);
    }
    Map<String, LayerSource> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = where + "[\"" + e.getKey() + "\"]";
      JsonNode d = e.getValue();
      if (d.isNull()) {
        result.put(e.getKey(), new LayerSource(null, -1, null, List.of()));
        continue;
      }
      if (!d.isObject()) {
        throw wrongType(at, "an object", d);
      }
      JsonFields f = new JsonFields(d);
      JsonNode size = f.get("size");
      if (size != null && !size.isNull() && !(size.isIntegralNumber() && size.canConvertToLong())) {
        throw wrongType(at + ".size", "a 64-bit integer", size);
      }
      result.put(
          e.getKey(),
          new LayerSource(
              string(f.get("mediaType"), at + ".mediaType"),
              size == null || size.isNull() ? -1 : size.asLong(),
              string(f.get("digest"), at + ".digest"),
              strings(f.get("urls"), at + ".urls")));
    }
    return result;
  }

  static String string(JsonNode node, String where) throws InvalidManifestException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(where, "a string", node);
    }
    return node.textValue();
  }

  static List<String> strings(JsonNode node, String where) throws InvalidManifestException {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(where, "an array of strings", node);
    }
    List<String> result = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (element.isNull()) {
        result.add("");
      } else if (element.isTextual()) {
        result.add(element.textValue());
      } else {
        throw wrongType(where + "[" + i + "]", "a string", element);
      }
    }
    return result;
  }

  static InvalidManifestException wrongType(String where, String expected, JsonNode actual) {
    return new InvalidManifestException(
        "ARC-2",
        "decoding tar manifest.json: "
            + where
            + " must be "
            + expected
            + ", got "
            + JsonFields.kind(actual));
  }

  /** Case-insensitive field access preferring an exact match, as Go's decoder does. */
  static final class JsonFields {
    private final JsonNode object;

    JsonFields(JsonNode object) {
      this.object = object;
    }

    JsonNode get(String name) {
      JsonNode exact = object.get(name);
      if (exact != null) {
        return exact;
      }
      JsonNode found = null;
      Iterator<Map.Entry<String, JsonNode>> it = object.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          found = e.getValue();
        }
      }
      return found;
    }

    static String kind(JsonNode node) {
      if (node.isNumber()) {
        return "a number (" + node.asText() + ")";
      }
      if (node.isTextual()) {
        String text = node.textValue();
        return "a string (\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\")";
      }
      if (node.isBoolean()) {
        return "a boolean (" + node.asText() + ")";
      }
      if (node.isArray()) {
        return "an array";
      }
      if (node.isObject()) {
        return "an object";
      }
      return "null";
    }
  }
}
