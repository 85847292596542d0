package io.github.dockerarchive.testkit.synthetic;

import java.nio.charset.StandardCharsets;

/**
 * A tiny JSON writer producing compact output with Go's {@code encoding/json} string escaping (HTML
 * characters and U+2028/U+2029 escaped), so generated documents look like the ones Go producers
 * write and are byte-stable: keys come out exactly in the order they are written.
 */
final class Json {
  private final StringBuilder out = new StringBuilder(256);
  private final boolean[] first = new boolean[64];
  private int depth;
  private boolean afterName;

  Json beginObject() {
    separate();
    out.append('{');
    first[++depth] = true;
    return this;
  }

  Json endObject() {
    out.append('}');
    depth--;
    return this;
  }

  Json beginArray() {
    separate();
    out.append('[');
    first[++depth] = true;
    return this;
  }

  Json endArray() {
    out.append(']');
    depth--;
    return this;
  }

  Json name(String name) {
    separate();
    quote(out, name);
    out.append(':');
    afterName = true;
    return this;
  }

  Json value(String value) {
    if (value == null) {
      return nullValue();
    }
    separate();
    quote(out, value);
    return this;
  }

  Json value(long value) {
    separate();
    out.append(value);
    return this;
  }

  Json nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /** Appends an already encoded JSON value. */
  Json raw(String json) {
    separate();
    out.append(json);
    return this;
  }

  Json field(String name, String value) {
    return name(name).value(value);
  }

  Json field(String name, long value) {
    return name(name).value(value);
  }

  Json stringArray(Iterable<String> values) {
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

  @Override
  public String toString() {
    return out.toString();
  }

  byte[] toBytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Appends {@code s} as a JSON string the way Go's encoder does (with HTML escaping). */
  static void quote(StringBuilder out, String s) {
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

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u");
    String hex = Integer.toHexString(c);
    out.append("0000", 0, 4 - hex.length()).append(hex);
  }

  /**
   * Go's {@code json.Compact} with HTML escaping, as applied when Go re-encodes a {@code
   * json.RawMessage}: whitespace outside strings is dropped and {@code < > &}, U+2028 and U+2029
   * inside strings are escaped; everything else is kept byte for byte.
   */
  static String compact(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean inString = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (inString) {
        if (c == '\\') {
          out.append(c).append(raw.charAt(++i));
          continue;
        }
        if (c == '"') {
          inString = false;
          out.append(c);
        } else if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
          unicodeEscape(out, c);
        } else {
          out.append(c);
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
