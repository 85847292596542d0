package io.github.dockerarchive.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.InvalidManifestException;
import java.util.Iterator;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reading JSON documents with the leniency of Go's {@code encoding/json} (ARC-2): Go's syntax check
 * ({@link GoJsonValue}), field access that matches keys as Go's struct decoding does (exact or
 * case-folded, the last such key winning), and Go-like names of the kind of value found where
 * another was expected.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GoJsonFields {
  /**
   * JSON nesting deeper than this is refused, as Go's decoder does (the parsers do not recurse).
   */
  public static final int MAX_NESTING = GoJsonValue.MAX_NESTING;

  private final JsonNode object;

  /**
   * Field access to one JSON object.
   *
   * @param object the object node
   */
  public GoJsonFields(JsonNode object) {
    this.object = object;
  }

  /**
   * Parses one JSON document; a literal {@code null} is returned as a null node.
   *
   * @param json the bytes
   * @param what what is parsed, for the message (for example {@code manifest.json})
   * @return the root node
   * @throws InvalidManifestException (ARC-2) when the bytes are not one JSON value
   */
  public static JsonNode readTree(byte[] json, String what) throws InvalidManifestException {
    // One pass, as Go reads it (byte-order mark, invalid UTF-8, nesting, trailing data), then the
    // tree of what it read.
    return JsonTrees.of(GoJsonValue.parse(json, what));
  }

  /**
   * The first line of a parser message.
   *
   * @param message the message, possibly null
   * @return its first line, or {@code "invalid JSON"} without a message
   */
  public static String firstLine(String message) {
    if (message == null) {
      return "invalid JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * A member of the object as Go's decoder fills a struct field from it: the last key that is the
   * name exactly or equal to it under Go's case folding ({@link GoJsonStruct#field}).
   *
   * @param name the field name
   * @return the value, or null when absent
   */
  public JsonNode get(String name) {
    JsonNode found = null;
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(name) || GoJsonStruct.foldEquals(name, e.getKey())) {
        found = e.getValue();
      }
    }
    return found;
  }

  /**
   * The kind of a value with a short excerpt, for messages.
   *
   * @param node the value
   * @return for example {@code a number (3)} or {@code an array}
   */
  public static String kind(JsonNode node) {
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
