package io.github.dockerarchive.testkit.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two pieces of Go's {@code encoding/json} the legacy layer IDs depend on (docs/reference.md
 * §6.6). Jackson's streaming parser finds and validates the raw values; Jackson's generator writes
 * the objects.
 *
 * <ul>
 *   <li>{@link #topLevelRawValues}: {@code json.Unmarshal} into {@code map[string]*json.RawMessage}
 *       — each member's value as the exact bytes of the input, the last of duplicate keys winning.
 *   <li>{@link #compact}: how {@code json.Marshal} re-emits such a raw value — Go's {@code compact}
 *       with HTML escaping: whitespace outside strings removed, {@code < > &} and U+2028/U+2029
 *       escaped as {@code \u003c} etc., everything else (number text, other escapes, member order)
 *       kept byte for byte. Re-encoding decoded values instead would change {@code 1.0} or {@code
 *       \u00e9} and so the IDs.
 * </ul>
 */
final class GoJson {
  static final JsonFactory FACTORY = new JsonFactory();

  private GoJson() {}

  /** A JSON value to embed as it is. */
  record Raw(byte[] bytes) {}

  /**
   * The members of a JSON object, raw.
   *
   * @throws IOException with a parser message when the input is not one JSON object
   */
  static Map<String, byte[]> topLevelRawValues(byte[] json) throws IOException {
    Map<String, byte[]> values = new LinkedHashMap<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("unexpected end of JSON input");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new IOException("json: cannot unmarshal " + kind(first) + " into a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        long start = parser.currentTokenLocation().getByteOffset();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else {
          parser.finishToken();
        }
        long end = parser.currentLocation().getByteOffset();
        byte[] raw = new byte[(int) (end - start)];
        System.arraycopy(json, (int) start, raw, 0, raw.length);
        values.remove(name);
        values.put(name, raw);
      }
      if (parser.nextToken() != null) {
        throw new IOException("invalid data after the top-level JSON value");
      }
    }
    return values;
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      default -> token.asString();
    };
  }

  /** Go's {@code compact(dst, src, escapeHTML=true)} of one valid JSON value. */
  static byte[] compact(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < raw.length; i++) {
      int c = raw[i] & 0xff;
      if (!inString) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          continue;
        }
        inString = c == '"';
        out.write(c);
      } else if (escaped) {
        escaped = false;
        out.write(c);
      } else if (c == '\\') {
        escaped = true;
        out.write(c);
      } else if (c == '"') {
        inString = false;
        out.write(c);
      } else if (c == '<' || c == '>' || c == '&') {
        out.writeBytes(String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII));
      } else if (c == 0xe2
          && i + 2 < raw.length
          && (raw[i + 1] & 0xff) == 0x80
          && ((raw[i + 2] & 0xff) == 0xa8 || (raw[i + 2] & 0xff) == 0xa9)) {
        out.writeBytes(((raw[i + 2] & 0xff) == 0xa8 ? "\\u2028" : "\\u2029").getBytes());
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /**
   * A compact JSON object of {@code members} in their iteration order: {@link String} values as
   * JSON strings, {@link Raw} values embedded unchanged.
   */
  static byte[] object(Map<String, ?> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      gen.writeStartObject();
      for (Map.Entry<String, ?> member : members.entrySet()) {
        gen.writeFieldName(member.getKey());
        if (member.getValue() instanceof Raw raw) {
          gen.writeRawValue(new String(raw.bytes(), StandardCharsets.UTF_8));
        } else {
          gen.writeString((String) member.getValue());
        }
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.toByteArray();
  }
}
