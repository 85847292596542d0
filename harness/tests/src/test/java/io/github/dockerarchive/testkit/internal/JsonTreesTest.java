package io.github.dockerarchive.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The streaming tree reader builds the trees ObjectMapper.readTree builds. */
class JsonTreesTest {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Property(tries = 1000)
  @Label("any tree read is written back to the bytes ObjectMapper writes for it")
  void writesAsObjectMapper(@ForAll("documents") String document) throws Exception {
    JsonNode tree;
    try {
      tree = new ObjectMapper().readTree(document);
    } catch (java.io.IOException e) {
      return;
    }
    if (tree == null || tree.isMissingNode()) {
      return;
    }
    assertThat(new String(JsonTrees.write(FACTORY, tree), StandardCharsets.UTF_8))
        .as("%s", document)
        .isEqualTo(new ObjectMapper().writeValueAsString(tree));
  }

  @Test
  @DisplayName("numbers of every node type, unicode and escapes are written as ObjectMapper does")
  void writesEveryNodeType() throws Exception {
    var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var tree = nodes.objectNode();
    tree.put("int", 1).put("long", 1L << 40).put("double", 0.5).put("float", 1.5f);
    tree.put("big", new java.math.BigInteger("123456789012345678901234567890"));
    tree.put("decimal", new java.math.BigDecimal("1.10"));
    tree.put("text", "é \"q\" \n <&>").put("yes", true).putNull("nothing");
    tree.putArray("list").add(1).addObject().put("k", "v");
    assertThat(new String(JsonTrees.write(FACTORY, tree), StandardCharsets.UTF_8))
        .isEqualTo(new ObjectMapper().writeValueAsString(tree));
  }

  @Property(tries = 2000)
  @Label("any document, valid or not, gets the tree or the refusal ObjectMapper gives")
  void sameAsObjectMapper(@ForAll("documents") String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    JsonNode expected;
    try {
      expected = MAPPER.readTree(bytes);
    } catch (java.io.IOException e) {
      assertThatThrownBy(() -> JsonTrees.read(FACTORY, bytes, true))
          .as("%s", document)
          .isInstanceOf(JsonProcessingException.class);
      return;
    }
    JsonNode actual;
    try {
      actual = JsonTrees.read(FACTORY, bytes, true);
    } catch (java.io.IOException e) {
      throw new AssertionError("refused what ObjectMapper reads: " + document, e);
    }
    if (expected.isMissingNode()) {
      assertThat(actual).as("%s", document).isNull();
      return;
    }
    assertSameTree(actual, expected, document);
    try {
      assertSameTree(JsonTrees.of(GoJsonValue.parse(bytes, "document")), expected, document);
    } catch (io.github.dockerarchive.testkit.InvalidManifestException e) {
      throw new AssertionError("Go's reading refused what ObjectMapper reads: " + document, e);
    }
  }

  @Test
  @DisplayName("duplicate keys: the last value wins, at the first key's position")
  void duplicateKeys() throws Exception {
    JsonNode tree =
        JsonTrees.read(FACTORY, "{\"a\":1,\"b\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8), true);
    assertThat(tree.toString()).isEqualTo("{\"a\":3,\"b\":2}");
  }

  @Test
  @DisplayName("numbers keep the node types ObjectMapper gives them")
  void numberTypes() throws Exception {
    String doc = "[1, 4294967296, 123456789012345678901234567890, 1.5, -0, 1e400]";
    JsonNode tree = JsonTrees.read(FACTORY, doc.getBytes(StandardCharsets.UTF_8), true);
    assertSameTree(tree, MAPPER.readTree(doc), doc);
    assertThat(tree.get(0).isInt()).isTrue();
    assertThat(tree.get(1).isLong()).isTrue();
    assertThat(tree.get(2).isBigInteger()).isTrue();
    assertThat(tree.get(3).isDouble()).isTrue();
  }

  @Test
  @DisplayName("trailing data is refused only when asked; no value at all is null")
  void trailingAndEmpty() throws Exception {
    byte[] twoValues = "{} []".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonTrees.read(FACTORY, twoValues, true))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Trailing token (of type START_ARRAY)");
    assertThat(JsonTrees.read(FACTORY, twoValues, false).isObject()).isTrue();
    assertThat(JsonTrees.read(FACTORY, "  \n".getBytes(StandardCharsets.UTF_8), true)).isNull();
    assertThat(JsonTrees.read(FACTORY, "null".getBytes(StandardCharsets.UTF_8), true).isNull())
        .isTrue();
  }

  @Test
  @DisplayName("the factory's nesting limit holds")
  void nestingLimit() {
    byte[] deep = ("[".repeat(GoJsonValue.MAX_NESTING + 1)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonTrees.read(GoJsonValue.Parser.factory(), deep, true))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("nesting depth");
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> valid = value(3);
    Arbitrary<String> broken =
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+tfnaulrs \\x").ofMaxLength(24);
    Arbitrary<String> mutated =
        Arbitraries.oneOf(
            valid.map(s -> s + " " + s), valid.map(s -> s.substring(0, s.length() / 2)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, valid),
        net.jqwik.api.Tuple.of(2, broken),
        net.jqwik.api.Tuple.of(2, mutated));
  }

  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of("null", "true", "false", "-0", "0.5", "1e3", "-1E-2"),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.bigIntegers()
                .between(
                    new java.math.BigInteger("-1" + "0".repeat(30)),
                    new java.math.BigInteger("1" + "0".repeat(30)))
                .map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            key());
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> inner = value(depth - 1);
    Arbitrary<String> array = inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object =
        net.jqwik.api.Combinators.combine(key(), inner)
            .as((k, v) -> k + ":" + v)
            .list()
            .ofMaxSize(4)
            .map(l -> "{" + String.join(",", l) + "}");
    return Arbitraries.oneOf(scalar, array, object);
  }

  private static Arbitrary<String> key() {
    return Arbitraries.of("\"a\"", "\"A\"", "\"b\"", "\"\"", "\"\\u00e9\"", "\"x\\\"y\"");
  }

  private static void assertSameTree(JsonNode actual, JsonNode expected, String document) {
    assertThat(actual).as("%s", document).isEqualTo(expected);
    assertThat(actual.getNodeType()).as("%s", document).isEqualTo(expected.getNodeType());
    assertThat(actual.getClass()).as("%s", document).isEqualTo(expected.getClass());
    assertThat(fieldNames(actual)).as("key order in %s", document).isEqualTo(fieldNames(expected));
    for (int i = 0; i < expected.size(); i++) {
      if (expected.isArray()) {
        assertSameTree(actual.get(i), expected.get(i), document);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertSameTree(actual.get(e.getKey()), e.getValue(), document);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
