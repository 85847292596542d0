package io.github.dockerarchive.testkit.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generated {@code manifest.json} cases of the differential tests, by family: items with every
 * field (keys in other cases, with Go's special folds U+017F and U+212A, escaped, duplicated,
 * unknown), values of the right and wrong types, {@code null} everywhere, strings with escapes,
 * lone surrogates and raw invalid UTF-8, numbers in every spelling, deep nesting around Go's limit
 * of 10000, byte-order marks, odd whitespace and trailing data; plus random byte mutations.
 */
final class GoJsonCases {
  private GoJsonCases() {}

  static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            30,
            Arbitraries.of(
                "\"a\"",
                "\"\"",
                "\"busybox:latest\"",
                "\"sha256:0123\"",
                "\"x/layer.tar\"",
                "\"\\u00e9\"",
                "\"e\\u0301\"",
                "\"\\ud800\"",
                "\"\\udc00x\"",
                "\"\\ud83d\\ude00\"",
                "\"\\ud83d\\u0041\"",
                "\"\\u0000\"",
                "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
                "\"<&>\"",
                "\"\u2028\"",
                "\"\u00e9\u4e2d\uD83D\uDE00\"")),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("ab:/.\\\"u0")
                .ofMaxLength(6)
                .map(s -> "\"" + s + "\"")),
        Tuple.of(1, Arbitraries.of("\"\\x\"", "\"\\u12\"", "\"tab\tinside\"")));
  }

  /** Raw bytes spliced into a string: invalid UTF-8 and friends. */
  static Arbitrary<byte[]> rawStringBytes() {
    return Arbitraries.of(
        new byte[] {(byte) 0xff},
        new byte[] {(byte) 0xc3},
        new byte[] {(byte) 0xe2, (byte) 0x82},
        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xc0, (byte) 0xaf},
        new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
        new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
        new byte[] {0x7f},
        new byte[] {0x1f});
  }

  static Arbitrary<String> numbers() {
    Arbitrary<String> valid =
        Arbitraries.of(
            "0",
            "1",
            "-1",
            "-0",
            "1.0",
            "1e2",
            "1E+2",
            "0.5",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "1" + "0".repeat(400),
            "1e999",
            "123");
    Arbitrary<String> invalid =
        Arbitraries.of("01", "-", "1.", ".5", "+1", "0x10", "NaN", "Infinity");
    return Arbitraries.frequencyOf(Tuple.of(8, valid), Tuple.of(1, invalid));
  }

  static Arbitrary<String> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, strings()),
        Tuple.of(2, numbers()),
        Tuple.of(3, Arbitraries.just("null")),
        Tuple.of(1, Arbitraries.of("true", "false", "nul", "True")));
  }

  static Arbitrary<String> stringLists() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.frequencyOf(
                    Tuple.of(8, strings()),
                    Tuple.of(2, Arbitraries.just("null")),
                    Tuple.of(1, scalars()))
                .list()
                .ofMaxSize(6)
                .map(l -> "[" + String.join(",", l) + "]")),
        Tuple.of(2, Arbitraries.just("null")),
        Tuple.of(1, scalars()),
        Tuple.of(1, Arbitraries.of("{}", "[[]]")),
        Tuple.of(1, Arbitraries.of("[", "[\"a\",]", "[,\"a\"]")));
  }

  static Arbitrary<String> descriptor() {
    Arbitrary<String> member =
        Arbitraries.of(
                "mediaType",
                "size",
                "digest",
                "urls",
                "Size",
                "SIZE",
                "\u017fize",
                "DIGE\u017fT",
                "other",
                "MediaType")
            .flatMap(
                k -> {
                  String folded = k.toLowerCase(java.util.Locale.ROOT).replace('\u017f', 's');
                  Arbitrary<String> typed =
                      switch (folded) {
                        case "size" -> numbers();
                        case "urls" -> stringLists();
                        case "other" -> values();
                        default -> strings();
                      };
                  return Arbitraries.frequencyOf(Tuple.of(10, typed), Tuple.of(1, scalars()))
                      .map(v -> "\"" + k + "\":" + v);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(8, member.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}")),
        Tuple.of(1, scalars()));
  }

  static Arbitrary<String> layerSources() {
    Arbitrary<String> entry =
        Combinators.combine(Arbitraries.of("sha256:aa", "sha256:bb", "", "x"), descriptor())
            .as((k, v) -> "\"" + k + "\":" + v);
    return Arbitraries.frequencyOf(
        Tuple.of(6, entry.list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}")),
        Tuple.of(1, scalars()),
        Tuple.of(1, Arbitraries.just("[]")));
  }

  static Arbitrary<String> keys() {
    return Arbitraries.of(
        "Config",
        "config",
        "CONFIG",
        "cOnFiG",
        "\\u0043onfig",
        "Conf ig",
        "Configs",
        "RepoTags",
        "repoTags",
        "REPOTAGS",
        "RepoTag\u017f",
        "Repo\u212aags",
        "repotag\\u017f",
        "Layers",
        "layers",
        "LAYERS",
        "Layer\u017f",
        "Layer\u212a",
        "\u212aayers",
        "Parent",
        "parent",
        "PARENT",
        "LayerSources",
        "layerSources",
        "LayerSource\u017f",
        "Layer\u017fources",
        "Unknown",
        "",
        "Conf\u0131g",
        "Conf\u0130g",
        "Lay\u00e9rs");
  }

  static Arbitrary<String> values() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalars()),
        Tuple.of(4, stringLists()),
        Tuple.of(2, layerSources()),
        Tuple.of(1, nested()));
  }

  static Arbitrary<String> nested() {
    return Arbitraries.of(9_999, 10_000, 10_001, 5, 64, 65)
        .flatMap(depth -> Arbitraries.of("[", "{\"a\":").map(open -> nest(open, depth)));
  }

  private static String nest(String open, int depth) {
    // the item object is depth 2 inside the document; the value adds the rest
    int inner = depth - 2;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < inner; i++) {
      b.append(open);
    }
    b.append("1");
    for (int i = 0; i < inner; i++) {
      b.append(open.equals("[") ? "]" : "}");
    }
    return b.toString();
  }

  /** Mostly a value of the type the key's field takes, sometimes anything. */
  static Arbitrary<String> valueFor(String key) {
    String folded = key.toLowerCase(java.util.Locale.ROOT).replace('\u017f', 's');
    Arbitrary<String> typed;
    if (folded.startsWith("conf") || folded.startsWith("parent")) {
      typed =
          Arbitraries.frequencyOf(Tuple.of(8, strings()), Tuple.of(1, Arbitraries.just("null")));
    } else if (folded.startsWith("layersource")) {
      typed = layerSources();
    } else if (folded.startsWith("repo") || folded.startsWith("layer")) {
      typed =
          Arbitraries.frequencyOf(Tuple.of(10, strings()), Tuple.of(2, Arbitraries.just("null")))
              .list()
              .ofMaxSize(5)
              .map(l -> "[" + String.join(",", l) + "]");
    } else {
      return values();
    }
    return Arbitraries.frequencyOf(Tuple.of(12, typed), Tuple.of(1, values()));
  }

  static Arbitrary<String> items() {
    Arbitrary<String> member = keys().flatMap(k -> valueFor(k).map(v -> "\"" + k + "\":" + v));
    return Arbitraries.frequencyOf(
        Tuple.of(12, member.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}")),
        Tuple.of(1, scalars()),
        Tuple.of(1, Arbitraries.just("[]")));
  }

  static Arbitrary<String> whitespace() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.just("")),
        Tuple.of(12, Arbitraries.of(" ", "\n", "\r\n", "\t")),
        Tuple.of(1, Arbitraries.of("\f", "\u000b", "\u00a0", "\ufeff", "\u2028", "/**/")));
  }

  static Arbitrary<String> documents() {
    Arbitrary<String> array =
        Combinators.combine(items().list().ofMaxSize(3), whitespace())
            .as((l, ws) -> "[" + ws + String.join("," + ws, l) + ws + "]");
    Arbitrary<String> top =
        Arbitraries.frequencyOf(
            Tuple.of(12, array),
            Tuple.of(1, Arbitraries.of("null", "", " ", "{}", "\"x\"", "1", "[]", "nul")));
    return Combinators.combine(
            whitespace(),
            top,
            whitespace(),
            Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("x", "[]", " null", "\u0000", "}", ","))))
        .as((a, doc, b, trailing) -> a + doc + b + trailing);
  }

  /** A whole case: the document's bytes, maybe with a BOM or raw bytes spliced into a string. */
  static Arbitrary<byte[]> cases() {
    return Combinators.combine(
            documents(),
            Arbitraries.frequencyOf(
                Tuple.of(15, Arbitraries.just(0)), Tuple.of(1, Arbitraries.just(1))),
            rawStringBytes(),
            Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.integers().between(0, 1000))))
        .as(
            (doc, bom, raw, spliceAt) -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              if (bom == 1) {
                out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
              }
              byte[] text = doc.getBytes(StandardCharsets.UTF_8);
              int at = -1;
              if (spliceAt >= 0) {
                // inside a string: just after some opening quote
                int quotes = 0;
                for (int i = 0; i < text.length; i++) {
                  if (text[i] == '"' && quotes++ == spliceAt % 7) {
                    at = i + 1;
                    break;
                  }
                }
              }
              if (at < 0) {
                out.writeBytes(text);
              } else {
                out.write(text, 0, at);
                out.writeBytes(raw);
                out.write(text, at, text.length - at);
              }
              return out.toByteArray();
            });
  }

  /** A case with a few bytes overwritten, inserted or removed. */
  static Arbitrary<byte[]> mutated() {
    return Combinators.combine(
            cases(),
            Arbitraries.integers().between(0, 4095).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(
                    (byte) '"',
                    (byte) '\\',
                    (byte) ',',
                    (byte) ':',
                    (byte) '[',
                    (byte) ']',
                    (byte) '{',
                    (byte) '}',
                    (byte) 0,
                    (byte) 0xff,
                    (byte) 'n',
                    (byte) ' ',
                    (byte) '1',
                    (byte) '-')
                .list()
                .ofSize(3))
        .as(
            (bytes, at, values) -> {
              if (bytes.length == 0) {
                return bytes;
              }
              byte[] copy = bytes.clone();
              for (int i = 0; i < at.size(); i++) {
                copy[at.get(i) % copy.length] = values.get(i);
              }
              return copy;
            });
  }

  static List<String> families() {
    return List.of("items", "keys", "values", "strings", "numbers", "nesting", "bom", "trailing");
  }
}
