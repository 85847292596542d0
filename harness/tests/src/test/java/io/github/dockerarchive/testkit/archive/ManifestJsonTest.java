package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one manifest.json encoder, and that the reader takes back what it writes. */
class ManifestJsonTest {
  private static final ManifestJson.Item ITEM =
      new ManifestJson.Item("c.json", List.of("a/b:1", "<x>"), List.of("l1.tar", "l2.tar"), null);

  @Test
  @DisplayName("ARC-2: Go struct order, compact, Go escaping; no items is null")
  void goMarshal() {
    assertThat(new String(ManifestJson.GO_MARSHAL.encode(List.of(ITEM)), StandardCharsets.UTF_8))
        .isEqualTo(
            "[{\"Config\":\"c.json\",\"RepoTags\":[\"a/b:1\",\"\\u003cx\\u003e\"],"
                + "\"Layers\":[\"l1.tar\",\"l2.tar\"]}]");
    assertThat(ManifestJson.GO_MARSHAL.encode(List.of())).asString().isEqualTo("null");
  }

  @Test
  @DisplayName("ARC-2: lower-case keys, null tags, raw LayerSources and a trailing newline")
  void variants() {
    ManifestJson.Item item =
        new ManifestJson.Item("c", null, List.of(), "{\"sha256:1\":{\"size\":1}}");
    assertThat(new ManifestJson(true, true).encode(List.of(item)))
        .asString()
        .isEqualTo(
            "[{\"config\":\"c\",\"repoTags\":null,\"layers\":[],"
                + "\"LayerSources\":{\"sha256:1\":{\"size\":1}}}]\n");
  }

  @Test
  @DisplayName("ARC-2: the parser reads back what the encoder writes")
  void roundTrip() throws Exception {
    List<ManifestItem> parsed =
        ManifestParser.parse(ManifestJson.GO_MARSHAL.encode(List.of(ITEM, ITEM)));
    assertThat(parsed).hasSize(2);
    assertThat(parsed.get(0).config()).isEqualTo("c.json");
    assertThat(parsed.get(0).repoTags()).containsExactly("a/b:1", "<x>");
    assertThat(parsed.get(1).layers()).containsExactly("l1.tar", "l2.tar");
  }
}
