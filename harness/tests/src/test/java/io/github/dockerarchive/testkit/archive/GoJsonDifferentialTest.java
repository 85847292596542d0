package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.InvalidManifestException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential tests of {@code manifest.json} decoding against Go's {@code encoding/json} decoding
 * into the reference's {@code []ManifestItem}: the same bytes go to {@link ManifestParser} and to
 * Go, and both must give the same verdict and, when valid, the same items (every field, every
 * {@code LayerSources} descriptor).
 */
class GoJsonDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 5000, edgeCases = EdgeCasesMode.NONE)
  void generatedManifestsDecodeAsGoDecodesThem(@ForAll("cases") byte[] bytes) throws Exception {
    GoTarDifferentialTest.count(assertSameAsGo(bytes));
  }

  @Property(tries = 1500)
  void mutatedManifestsDecodeAsGoDecodesThem(@ForAll("mutated") byte[] bytes) throws Exception {
    GoTarDifferentialTest.count(assertSameAsGo(bytes));
  }

  @Provide
  Arbitrary<byte[]> cases() {
    return GoJsonCases.cases();
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return GoJsonCases.mutated();
  }

  /** Asserts that the parser and Go agree on the bytes; returns whether Go decodes them. */
  static boolean assertSameAsGo(byte[] bytes) throws Exception {
    JsonNode go = GoReference.get().ask(GoReference.Kind.MANIFEST, bytes);
    JsonNode ours = ours(bytes);
    String shown =
        bytes.length > 600
            ? new String(bytes, 0, 600, StandardCharsets.UTF_8) + "..."
            : new String(bytes, StandardCharsets.UTF_8);
    assertThat(ours.get("ok").asBoolean())
        .as(
            "verdict for %s%n  hex: %s%n  Go:   %s%n  ours: %s",
            shown, HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 300)), go, ours)
        .isEqualTo(go.get("ok").asBoolean());
    if (go.get("ok").asBoolean()) {
      JsonNode goItems = go.has("items") ? go.get("items") : JSON.createArrayNode();
      assertThat(ours.get("items"))
          .as("items of %s%n  Go:   %s%n  ours: %s", shown, go, ours)
          .isEqualTo(goItems);
    }
    return go.get("ok").asBoolean();
  }

  /** What {@link ManifestParser} makes of the bytes, in the Go program's normalised form. */
  static JsonNode ours(byte[] bytes) throws java.io.IOException {
    ObjectNode result = JSON.createObjectNode();
    List<ManifestItem> items;
    try {
      items = ManifestParser.parse(bytes);
    } catch (InvalidManifestException e) {
      result.put("ok", false);
      result.put("err", e.getMessage());
      return result;
    }
    result.put("ok", true);
    ArrayNode out = result.putArray("items");
    for (ManifestItem item : items) {
      ObjectNode n = out.addObject();
      n.put("Config", item.config());
      item.repoTags().forEach(n.putArray("RepoTags")::add);
      if (!n.has("RepoTags")) {
        n.putArray("RepoTags");
      }
      ArrayNode layers = n.putArray("Layers");
      item.layers().forEach(layers::add);
      n.put("Parent", item.parent() == null ? "" : item.parent());
      ObjectNode sources = n.putObject("LayerSources");
      for (Map.Entry<String, LayerSource> e : item.layerSources().entrySet()) {
        ObjectNode d = sources.putObject(e.getKey());
        LayerSource s = e.getValue();
        d.put("mediaType", s.mediaType() == null ? "" : s.mediaType());
        d.put("size", s.size());
        d.put("digest", s.digest() == null ? "" : s.digest());
        ArrayNode urls = d.putArray("urls");
        s.urls().forEach(urls::add);
      }
    }
    // re-read, so that numbers compare as the same node types as Go's answer
    return JSON.readTree(result.toString());
  }
}
