package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.internal.GoJsonStruct;
import io.github.dockerarchive.testkit.internal.GoJsonStruct.StringSlice;
import io.github.dockerarchive.testkit.internal.GoJsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code manifest.json} exactly as Go's {@code encoding/json} decodes it into the
 * reference's {@code []ManifestItem} (ARC-2, docs/reference.md "Go-exact reading"): keys select
 * fields by exact name, else by Go's case folding; unknown keys are ignored; members are applied in
 * order, so the last of duplicate keys wins, except that {@code null} leaves a string or number
 * unchanged, a repeated {@code LayerSources} adds to the map, and a repeated list reuses the
 * previous one's elements where the new one has {@code null}; {@code null} is an empty document or
 * list; a value of the wrong type anywhere is an error naming the item and the field.
 */
final class ManifestParser {
  private static final List<String> ITEM_FIELDS =
      List.of("Config", "RepoTags", "Layers", "Parent", "LayerSources");
  private static final List<String> DESCRIPTOR_FIELDS =
      List.of("mediaType", "size", "digest", "urls");

  private ManifestParser() {}

  static List<ManifestItem> parse(byte[] json) throws InvalidManifestException {
    GoJsonValue root = GoJsonValue.parse(json, "manifest.json");
    if (root instanceof GoJsonValue.Null) {
      return List.of();
    }
    if (!(root instanceof GoJsonValue.Arr array)) {
      throw new InvalidManifestException(
          "ARC-2",
          "decoding tar manifest.json: expected a JSON array of items, got " + root.kind());
    }
    List<ManifestItem> items = new ArrayList<>(array.elements().size());
    for (int i = 0; i < array.elements().size(); i++) {
      items.add(item(array.elements().get(i), "manifest.json item @" + i));
    }
    return List.copyOf(items);
  }

  private static ManifestItem item(GoJsonValue node, String where) throws InvalidManifestException {
    if (node instanceof GoJsonValue.Null) {
      return new ManifestItem("", List.of(), List.of(), null, Map.of());
    }
    if (!(node instanceof GoJsonValue.Obj object)) {
      throw wrongType(where, "an object", node);
    }
    String config = "";
    String parent = null;
    StringSlice repoTags = new StringSlice();
    StringSlice layers = new StringSlice();
    Map<String, LayerSource> sources = null;
    for (Map.Entry<String, GoJsonValue> member : object.members()) {
      GoJsonValue value = member.getValue();
      int field = GoJsonStruct.field(ITEM_FIELDS, member.getKey());
      String at = where + " field \"" + (field < 0 ? "" : ITEM_FIELDS.get(field)) + "\"";
      switch (field) {
        case 0 -> config = string(value, at, config);
        case 1 -> strings(value, at, repoTags);
        case 2 -> strings(value, at, layers);
        case 3 -> parent = string(value, at, parent);
        case 4 -> sources = layerSources(value, at, sources);
        default -> {
          // unknown keys are ignored
        }
      }
    }
    return new ManifestItem(
        config, repoTags.toList(), layers.toList(), parent, sources == null ? Map.of() : sources);
  }

  private static Map<String, LayerSource> layerSources(
      GoJsonValue node, String where, Map<String, LayerSource> current)
      throws InvalidManifestException {
    if (node instanceof GoJsonValue.Null) {
      return null;
    }
    if (!(node instanceof GoJsonValue.Obj object)) {
      throw wrongType(where, "an object", node);
    }
    Map<String, LayerSource> result = current == null ? new LinkedHashMap<>() : current;
    for (Map.Entry<String, GoJsonValue> e : object.members()) {
      result.put(e.getKey(), descriptor(e.getValue(), where + "[\"" + e.getKey() + "\"]"));
    }
    return result;
  }

  private static LayerSource descriptor(GoJsonValue d, String at) throws InvalidManifestException {
    if (d instanceof GoJsonValue.Null) {
      return new LayerSource(null, 0, null, List.of());
    }
    if (!(d instanceof GoJsonValue.Obj object)) {
      throw wrongType(at, "an object", d);
    }
    String mediaType = null;
    long size = 0;
    String digest = null;
    StringSlice urls = new StringSlice();
    for (Map.Entry<String, GoJsonValue> member : object.members()) {
      GoJsonValue value = member.getValue();
      switch (GoJsonStruct.field(DESCRIPTOR_FIELDS, member.getKey())) {
        case 0 -> mediaType = string(value, at + ".mediaType", mediaType);
        case 1 -> size = int64(value, at + ".size", size);
        case 2 -> digest = string(value, at + ".digest", digest);
        case 3 -> strings(value, at + ".urls", urls);
        default -> {
          // unknown keys are ignored
        }
      }
    }
    return new LayerSource(mediaType, size, digest, urls.toList());
  }

  /** Go's number into {@code int64}: only an integer literal in range; {@code null} keeps it. */
  private static long int64(GoJsonValue node, String where, long current)
      throws InvalidManifestException {
    if (node instanceof GoJsonValue.Null) {
      return current;
    }
    if (node instanceof GoJsonValue.Num n) {
      try {
        return Long.parseLong(n.text());
      } catch (NumberFormatException e) {
        throw wrongType(where, "a 64-bit integer", node);
      }
    }
    throw wrongType(where, "a 64-bit integer", node);
  }

  /** Go's string field: {@code null} keeps the current value. */
  static String string(GoJsonValue node, String where, String current)
      throws InvalidManifestException {
    if (node instanceof GoJsonValue.Null) {
      return current;
    }
    if (!(node instanceof GoJsonValue.Str s)) {
      throw wrongType(where, "a string", node);
    }
    return s.value();
  }

  /** Go's {@code []string} field, decoded into {@code slice} with Go's reuse of elements. */
  static void strings(GoJsonValue node, String where, StringSlice slice)
      throws InvalidManifestException {
    if (node instanceof GoJsonValue.Null) {
      slice.setNil();
      return;
    }
    if (!(node instanceof GoJsonValue.Arr array)) {
      throw wrongType(where, "an array of strings", node);
    }
    List<GoJsonValue> elements = array.elements();
    for (int i = 0; i < elements.size(); i++) {
      slice.element(i);
      GoJsonValue element = elements.get(i);
      if (element instanceof GoJsonValue.Str s) {
        slice.set(i, s.value());
      } else if (!(element instanceof GoJsonValue.Null)) {
        throw wrongType(where + "[" + i + "]", "a string", element);
      }
    }
    slice.end(elements.size());
  }

  /**
   * A value of the wrong type for the reference's {@code []ManifestItem} (ARC-11): Go's decoder
   * fails on it, so does every Go-based loader.
   */
  static InvalidManifestException wrongType(String where, String expected, GoJsonValue actual) {
    return new InvalidManifestException(
        "ARC-11",
        "decoding tar manifest.json: " + where + " must be " + expected + ", got " + actual.kind());
  }
}
