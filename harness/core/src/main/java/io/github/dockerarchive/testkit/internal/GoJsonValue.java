package io.github.dockerarchive.testkit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.dockerarchive.testkit.InvalidManifestException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A JSON document read exactly as Go's {@code encoding/json} reads it before decoding into a type
 * (docs/reference.md, "Go-exact reading"): a UTF-8 byte-order mark is a syntax error, every invalid
 * UTF-8 byte inside a string becomes U+FFFD, an escaped lone surrogate becomes U+FFFD, nesting
 * deeper than 10000 is refused, anything but whitespace after the value is refused, and objects
 * keep every member in order, duplicates included, so that decoders can apply Go's member-by-member
 * assignment (the last of duplicate keys wins, except that {@code null} leaves a string or number
 * unchanged).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public sealed interface GoJsonValue {
  /** Go's {@code maxNestingDepth}. */
  int MAX_NESTING = 10_000;

  /**
   * An object: every member in input order, duplicates included.
   *
   * @param members the members
   */
  record Obj(List<Map.Entry<String, GoJsonValue>> members) implements GoJsonValue {}

  /**
   * An array.
   *
   * @param elements the elements
   */
  record Arr(List<GoJsonValue> elements) implements GoJsonValue {}

  /**
   * A string, after Go's unquoting.
   *
   * @param value the text
   */
  record Str(String value) implements GoJsonValue {}

  /**
   * A number, as written.
   *
   * @param text the literal
   */
  record Num(String text) implements GoJsonValue {}

  /**
   * {@code true} or {@code false}.
   *
   * @param value the value
   */
  record Bool(boolean value) implements GoJsonValue {}

  /** {@code null}. */
  record Null() implements GoJsonValue {}

  /** The one {@code null}. */
  GoJsonValue NULL = new Null();

  /**
   * What a value is, with a short excerpt, for messages.
   *
   * @return for example {@code a number (3)} or {@code an array}
   */
  default String kind() {
    if (this instanceof Num n) {
      return "a number (" + n.text() + ")";
    }
    if (this instanceof Str s) {
      String text = s.value();
      return "a string (\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\")";
    }
    if (this instanceof Bool b) {
      return "a boolean (" + b.value() + ")";
    }
    if (this instanceof Arr) {
      return "an array";
    }
    if (this instanceof Obj) {
      return "an object";
    }
    return "null";
  }

  /**
   * Parses one document as Go's {@code json.Unmarshal} checks it.
   *
   * @param json the bytes
   * @param what what is parsed, for the message (for example {@code manifest.json})
   * @return the value
   * @throws InvalidManifestException (ARC-2) where Go reports a syntax error
   */
  static GoJsonValue parse(byte[] json, String what) throws InvalidManifestException {
    try {
      return Parser.parse(json);
    } catch (IOException e) {
      throw new InvalidManifestException(
          "ARC-2", "decoding tar " + what + ": " + GoJsonFields.firstLine(e.getMessage()), e);
    }
  }

  /** The parser behind {@link #parse}. */
  final class Parser {
    private static final JsonFactory FACTORY = factory();

    /**
     * A JSON factory with Go's limits: nesting up to {@value GoJsonValue#MAX_NESTING}, numbers and
     * strings of any length.
     *
     * @return a new factory
     */
    public static JsonFactory factory() {
      return JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .build();
    }

    private Parser() {}

    static GoJsonValue parse(byte[] json) throws IOException {
      if (json.length >= 3
          && (json[0] & 0xff) == 0xEF
          && (json[1] & 0xff) == 0xBB
          && (json[2] & 0xff) == 0xBF) {
        throw new IOException("invalid character 'ï' looking for beginning of value");
      }
      String text = decodeUtf8(json);
      try (JsonParser parser = FACTORY.createParser(text)) {
        JsonToken first = parser.nextToken();
        if (first == null) {
          throw new IOException("unexpected end of JSON input");
        }
        GoJsonValue root = tree(parser, first);
        if (parser.nextToken() != null) {
          throw new IOException("invalid character after top-level value");
        }
        return root;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IOException(e.getOriginalMessage(), e);
      }
    }

    /** Builds the tree without recursion (nesting may be 10000 deep). */
    private static GoJsonValue tree(JsonParser parser, JsonToken first) throws IOException {
      Deque<Object[]> stack = new ArrayDeque<>();
      JsonToken token = first;
      String pendingName = null;
      while (true) {
        GoJsonValue value = null;
        switch (token) {
          case START_OBJECT -> stack.push(new Object[] {new ArrayList<>(), pendingName, true});
          case START_ARRAY -> stack.push(new Object[] {new ArrayList<>(), pendingName, false});
          case FIELD_NAME -> {
            pendingName = clean(parser.currentName());
            token = parser.nextToken();
            continue;
          }
          case END_OBJECT, END_ARRAY -> {
            Object[] frame = stack.pop();
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) frame[0];
            pendingName = (String) frame[1];
            if ((boolean) frame[2]) {
              List<Map.Entry<String, GoJsonValue>> members = new ArrayList<>(items.size());
              for (Object o : items) {
                @SuppressWarnings("unchecked")
                Map.Entry<String, GoJsonValue> e = (Map.Entry<String, GoJsonValue>) o;
                members.add(e);
              }
              value = new Obj(List.copyOf(members));
            } else {
              List<GoJsonValue> elements = new ArrayList<>(items.size());
              for (Object o : items) {
                elements.add((GoJsonValue) o);
              }
              value = new Arr(List.copyOf(elements));
            }
          }
          case VALUE_STRING -> value = new Str(clean(parser.getText()));
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = new Num(parser.getText());
          case VALUE_TRUE -> value = new Bool(true);
          case VALUE_FALSE -> value = new Bool(false);
          case VALUE_NULL -> value = NULL;
          default -> throw new IOException("unexpected " + token);
        }
        if (value != null) {
          if (stack.isEmpty()) {
            return value;
          }
          Object[] parent = stack.peek();
          @SuppressWarnings("unchecked")
          List<Object> items = (List<Object>) parent[0];
          if ((boolean) parent[2]) {
            items.add(Map.entry(pendingName, value));
          } else {
            items.add(value);
          }
          pendingName = null;
        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          pendingName = null;
        }
        token = parser.nextToken();
        if (token == null) {
          throw new IOException("unexpected end of JSON input");
        }
      }
    }

    /** Go's unquoting of lone surrogate escapes: each becomes U+FFFD. */
    private static String clean(String s) {
      StringBuilder out = null;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean lone;
        if (Character.isHighSurrogate(c)) {
          lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        } else {
          lone = Character.isLowSurrogate(c);
        }
        if (lone && out == null) {
          out = new StringBuilder(s.length());
          out.append(s, 0, i);
        }
        if (out != null) {
          out.append(lone ? '\ufffd' : c);
        }
        if (!lone && Character.isHighSurrogate(c)) {
          i++;
          if (out != null) {
            out.append(s.charAt(i));
          }
        }
      }
      return out == null ? s : out.toString();
    }

    /**
     * UTF-8 as Go reads it: each byte of an invalid sequence is one U+FFFD.
     *
     * @param b the bytes
     * @return the text
     */
    public static String decodeUtf8(byte[] b) {
      StringBuilder out = new StringBuilder(b.length);
      int i = 0;
      while (i < b.length) {
        int c = b[i] & 0xff;
        int cp = c < 0x80 ? c : decodeRune(b, i);
        if (cp < 0) {
          out.append('\ufffd');
          i++;
        } else {
          out.appendCodePoint(cp);
          i += width(cp);
        }
      }
      return out.toString();
    }

    /**
     * The number of UTF-8 bytes of a code point.
     *
     * @param cp the code point
     * @return 1 to 4
     */
    public static int width(int cp) {
      return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * Go's {@code utf8.DecodeRune} of a multi-byte sequence at {@code i}.
     *
     * @param b the bytes
     * @param i where the sequence starts (a byte of 0x80 or more)
     * @return the code point, or -1 where Go returns {@code RuneError} with width 1
     */
    public static int decodeRune(byte[] b, int i) {
      int c0 = b[i] & 0xff;
      int n;
      int cp;
      int lo = 0x80;
      int hi = 0xBF;
      if (c0 >= 0xC2 && c0 <= 0xDF) {
        n = 2;
        cp = c0 & 0x1F;
      } else if (c0 >= 0xE0 && c0 <= 0xEF) {
        n = 3;
        cp = c0 & 0x0F;
        lo = c0 == 0xE0 ? 0xA0 : 0x80;
        hi = c0 == 0xED ? 0x9F : 0xBF;
      } else if (c0 >= 0xF0 && c0 <= 0xF4) {
        n = 4;
        cp = c0 & 0x07;
        lo = c0 == 0xF0 ? 0x90 : 0x80;
        hi = c0 == 0xF4 ? 0x8F : 0xBF;
      } else {
        return -1;
      }
      if (i + n > b.length) {
        return -1;
      }
      for (int k = 1; k < n; k++) {
        int c = b[i + k] & 0xff;
        if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) {
          return -1;
        }
        cp = cp << 6 | (c & 0x3F);
      }
      return cp;
    }
  }
}
