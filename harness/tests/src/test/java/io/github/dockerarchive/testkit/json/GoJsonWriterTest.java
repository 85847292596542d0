package io.github.dockerarchive.testkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The streaming side of the Go-compatible JSON writer. */
class GoJsonWriterTest {
  @Test
  @DisplayName("Members and elements come out compact, in the order written")
  void compactInOrder() {
    GoJson json =
        new GoJson()
            .beginObject()
            .field("b", 2)
            .field("a", "x")
            .name("list")
            .stringArray(List.of("1", "2"))
            .name("none")
            .nullValue()
            .name("raw")
            .raw("{\"k\":[]}")
            .endObject();
    assertThat(json.toString())
        .isEqualTo("{\"b\":2,\"a\":\"x\",\"list\":[\"1\",\"2\"],\"none\":null,\"raw\":{\"k\":[]}}");
    assertThat(json.toBytes()).isEqualTo(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("Strings are escaped as Go's encoder does: HTML characters, U+2028/9, controls")
  void goEscaping() {
    String written = new GoJson().value("<a&b>\u2028\u2029\u0001\"\\\n\té").toString();
    assertThat(written)
        .isEqualTo("\"\\u003ca\\u0026b\\u003e\\u2028\\u2029\\u0001\\\"\\\\\\n\\té\"");
  }

  @Test
  @DisplayName("compact of text equals compact of its UTF-8 bytes")
  void compactText() {
    assertThat(GoJson.compact(" { \"a\" : \"<é>\" } ")).isEqualTo("{\"a\":\"\\u003cé\\u003e\"}");
  }

  @Test
  @DisplayName("Closing what is not open is refused")
  void unbalanced() {
    assertThatThrownBy(() -> new GoJson().endObject())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'}' without an open object or array");
  }
}
