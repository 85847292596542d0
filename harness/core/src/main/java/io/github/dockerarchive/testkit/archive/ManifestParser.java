package io.github.dockerarchive.testkit.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.internal.GoJsonFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code manifest.json} with the leniency of Go's {@code encoding/json} (ARC-2): keys match
 * case-insensitively (an exact match preferred), unknown keys are ignored, {@code null} is an empty
 * document or list; a value of the wrong type anywhere is an error naming the item and the field.
 */
final class ManifestParser {
  private ManifestParser() {}

  static List<ManifestItem> parse(byte[] json) throws InvalidManifestException {
    JsonNode root = GoJsonFields.readTree(json, "manifest.json");
    if (root == null || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new InvalidManifestException(
          "ARC-2",
          "decoding tar manifest.json: expected a JSON array of items, got "
              + GoJsonFields.kind(root));
    }
    List<ManifestItem> items = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      items.add(item(root.get(i), "manifest.json item @" + i));
    }
    return List.copyOf(items);
  }

  private static ManifestItem item(JsonNode node, String where) throws InvalidManifestException {
    if (node.isNull()) {
      return new ManifestItem("", List.of(), List.of(), null, Map.of());
    }
    if (!node.isObject()) {
      throw wrongType(where, "an object", node);
    }
    GoJsonFields fields = new GoJsonFields(node);
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
      GoJsonFields f = new GoJsonFields(d);
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
            + GoJsonFields.kind(actual));
  }
}
