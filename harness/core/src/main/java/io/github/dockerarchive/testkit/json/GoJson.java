package io.github.dockerarchive.testkit.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A small JSON writer producing compact output with Go's {@code encoding/json} string escaping
 * ({@code < > &}, U+2028 and U+2029 and control characters escaped as {@code \}{@code u00xx}), so
 * documents are byte-stable and look like those Go producers write: members come out exactly in the
 * order they are written. Not thread-safe; one instance writes one document.
 *
 * <p>The static helpers are the other two pieces of Go's encoder the harness depends on
 * (docs/reference.md §6.6): {@link #topLevelRawValues}, {@code json.Unmarshal} into {@code
 * map[string]*json.RawMessage} (each member's value as the exact bytes of the input, the last of
 * duplicate keys winning), and {@link #compact}, how {@code json.Marshal} re-emits such a raw value
 * (whitespace outside strings removed, HTML characters and U+2028/U+2029 escaped, everything else
 * kept byte for byte).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GoJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_DEPTH = 64;

  private final StringBuilder out = new StringBuilder(256);
  private final boolean[] first = new boolean[MAX_DEPTH + 1];
  private int depth;
  private boolean afterName;

  /** An empty document. */
  public GoJson() {}

  /**
   * Opens an object.
   *
   * @return this writer
   */
  public GoJson beginObject() {
    return open('{');
  }

  /**
   * Closes the innermost object.
   *
   * @return this writer
   */
  public GoJson endObject() {
    return close('}');
  }

  /**
   * Opens an array.
   *
   * @return this writer
   */
  public GoJson beginArray() {
    return open('[');
  }

  /**
   * Closes the innermost array.
   *
   * @return this writer
   */
  public GoJson endArray() {
    return close(']');
  }

  private GoJson open(char c) {
    separate();
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("JSON nesting deeper than " + MAX_DEPTH);
    }
    out.append(c);
    first[++depth] = true;
    return this;
  }

  private GoJson close(char c) {
    if (depth == 0) {
      throw new IllegalStateException("'" + c + "' without an open object or array");
    }
    out.append(c);
    depth--;
    return this;
  }

  /**
   * Writes a member name; its value comes next.
   *
   * @param name the name
   * @return this writer
   */
  public GoJson name(String name) {
    separate();
    quote(out, name);
    out.append(':');
    afterName = true;
    return this;
  }

  /**
   * Writes a string, or {@code null}.
   *
   * @param value the string, or null
   * @return this writer
   */
  public GoJson value(String value) {
    if (value == null) {
      return nullValue();
    }
    separate();
    quote(out, value);
    return this;
  }

  /**
   * Writes an integer.
   *
   * @param value the number
   * @return this writer
   */
  public GoJson value(long value) {
    separate();
    out.append(value);
    return this;
  }

  /**
   * Writes {@code null}.
   *
   * @return this writer
   */
  public GoJson nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /**
   * Writes an already encoded JSON value as it is.
   *
   * @param json the encoded value
   * @return this writer
   */
  public GoJson raw(String json) {
    separate();
    out.append(json);
    return this;
  }

  /**
   * Writes a member with a string value.
   *
   * @param name the name
   * @param value the value, or null
   * @return this writer
   */
  public GoJson field(String name, String value) {
    return name(name).value(value);
  }

  /**
   * Writes a member with an integer value.
   *
   * @param name the name
   * @param value the value
   * @return this writer
   */
  public GoJson field(String name, long value) {
    return name(name).value(value);
  }

  /**
   * Writes an array of strings.
   *
   * @param values the strings
   * @return this writer
   */
  public GoJson stringArray(Iterable<String> values) {
    beginArray();
    for (String v : values) {
      value(v);
    }
    return endArray();
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (first[depth]) {
        first[depth] = false;
      } else {
        out.append(',');
      }
    }
  }

  /**
   * The document written so far.
   *
   * @return the JSON text
   */
  @Override
  public String toString() {
    return out.toString();
  }

  /**
   * The document written so far.
   *
   * @return the JSON text in UTF-8
   */
  public byte[] toBytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Appends {@code s} as a JSON string the way Go's encoder does (with HTML escaping).
   *
   * @param out where the quoted string goes
   * @param s the string
   */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(StringBuilder out, int c) {
    String hex = Integer.toHexString(c);
    out.append("\\u").append("0000", 0, 4 - hex.length()).append(hex);
  }

  /**
   * Go's {@code compact(dst, src, escapeHTML=true)} of one valid JSON value, as applied when Go
   * re-encodes a {@code json.RawMessage}: whitespace outside strings dropped, {@code < > &} and
   * U+2028/U+2029 inside strings escaped, everything else (number text, other escapes, member
   * order) kept byte for byte. Re-encoding decoded values instead would change {@code 1.0} or
   * {@code \}{@code u00e9}.
   *
   * @param raw the UTF-8 bytes of the value
   * @return the compact bytes
   */
  public static byte[] compact(byte[] raw) {
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
        out.writeBytes(
            ((raw[i + 2] & 0xff) == 0xa8 ? "\\u2028" : "\\u2029")
                .getBytes(StandardCharsets.US_ASCII));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /**
   * {@link #compact(byte[])} of a value given as text.
   *
   * @param raw the value
   * @return the compact text
   */
  public static String compact(String raw) {
    return new String(compact(raw.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /**
   * The members of a JSON object, each value as the exact bytes of the input; the last of duplicate
   * keys wins, as with Go's {@code json.Unmarshal} into a map of raw messages.
   *
   * @param json the UTF-8 bytes of one JSON object
   * @return the members in input order
   * @throws IOException with a Go-like message when the input is not one JSON object
   */
  public static Map<String, byte[]> topLevelRawValues(byte[] json) throws IOException {
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
}
