package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the top layer's json re-serialises config values, as Go's encoding/json does. */
@DisplayName("WR-6: legacy layer json copies config values as Go re-serialises raw JSON")
class GoJsonTest {
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("WR-6: compact keeps number text, escapes and member order; drops whitespace")
  void compactKeepsText() {
    assertThat(
            text(GoJson.compact(utf8(" { \"b\" : 1.50e3 ,\n \"a\" : [ \"x\\u00e9 y\" , -0 ] } "))))
        .isEqualTo("{\"b\":1.50e3,\"a\":[\"x\\u00e9 y\",-0]}");
  }

  @Test
  @DisplayName("WR-6: compact escapes < > & U+2028 U+2029 as Go's HTML-safe encoder")
  void compactEscapesHtml() {
    assertThat(text(GoJson.compact(utf8("\"<a> & b\u2028\u2029\""))))
        .isEqualTo("\"\\u003ca\\u003e \\u0026 b\\u2028\\u2029\"");
    assertThat(text(GoJson.compact(utf8("\"q\\\"<\""))))
        .as("an escaped quote does not end the string")
        .isEqualTo("\"q\\\"\\u003c\"");
  }

  @Test
  @DisplayName("WR-6: raw member values; the last of duplicate keys wins, as in a Go map")
  void rawValues() throws Exception {
    Map<String, byte[]> values =
        GoJson.topLevelRawValues(utf8("{\"os\":\"a\",\"config\":{ \"x\" : [1, 2] },\"os\":\"b\"}"));
    assertThat(values.keySet()).containsExactlyInAnyOrder("os", "config");
    assertThat(text(values.get("os"))).isEqualTo("\"b\"");
    assertThat(text(values.get("config"))).isEqualTo("{ \"x\" : [1, 2] }");
  }

  @Test
  @DisplayName("WR-6: the top layer json: sorted keys, missing keys null, values compacted")
  void topLayerJson() throws Exception {
    Digest layer = Digest.sha256(new byte[0]);
    byte[] config =
        utf8(
            "{\"os\" : \"linux\", \"created\":\"2024-01-01T00:00:00Z\", \"config\":{\"Cmd\":[\"a<b\"]}}");
    LegacyLayers.LegacyLayer top = LegacyLayers.compute(List.of(layer), config, "c").get(0);
    String expected =
        "{\"architecture\":null,\"config\":{\"Cmd\":[\"a\\u003cb\"]},\"container\":null,"
            + "\"container_config\":null,\"created\":\"2024-01-01T00:00:00Z\","
            + "\"docker_version\":null,\"id\":\""
            + top.id()
            + "\",\"os\":\"linux\"}";
    assertThat(text(top.json())).isEqualTo(expected);
    String withLayerId =
        expected.replace("\"id\":\"" + top.id() + "\",", "\"layer_id\":\"" + layer + "\",");
    assertThat(Digest.sha256(utf8(withLayerId)).hex()).isEqualTo(top.id());
  }

  @Test
  @DisplayName("WR-6: a config that is not a JSON object fails with unmarshaling config")
  void notAnObject() {
    Digest layer = Digest.sha256(new byte[0]);
    assertThatThrownBy(() -> LegacyLayers.compute(List.of(layer), utf8("[1]"), "x.json"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("unmarshaling config x.json: ");
    assertThatThrownBy(() -> LegacyLayers.compute(List.of(layer), utf8(""), "x.json"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unexpected end of JSON input");
    assertThatThrownBy(() -> LegacyLayers.compute(List.of(layer), utf8("{\"a\":1} x"), "x.json"))
        .isInstanceOf(InvalidConfigException.class);
  }
}
