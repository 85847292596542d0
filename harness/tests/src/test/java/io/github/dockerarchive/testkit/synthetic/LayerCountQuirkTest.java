package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Each quirk of the LAYER_COUNT family has its exact shape in the materialised bytes. */
@DisplayName("Quirks, layer counts: each shape is in the bytes (none, empty, 125, 126)")
class LayerCountQuirkTest extends QuirkFamilyShapeTest {
  LayerCountQuirkTest() {
    super(QuirkFamily.LAYER_COUNT, LayerCountQuirkTest::assertShape);
  }

  static void assertShape(Quirk quirk, QuirkArchive a) throws IOException {
    JsonNode item = a.manifest().get(0);
    List<String> layers = a.layers(item);
    List<String> diffIds = a.diffIds(item);
    assertThat(layers).hasSameSizeAs(diffIds);
    switch (quirk) {
      case IMAGE_WITHOUT_LAYERS -> assertThat(layers).isEmpty();
      case EMPTY_LAYER -> {
        boolean empty = false;
        for (String layer : layers) {
          byte[] tar = QuirkArchive.decompressed(a.bytes(layer));
          empty |=
              tar.length == 1024
                  && new String(tar, java.nio.charset.StandardCharsets.ISO_8859_1)
                      .chars()
                      .allMatch(c -> c == 0);
        }
        assertThat(empty).as("a layer of exactly two zero blocks").isTrue();
      }
      case LAYERS_AT_DOCKER_LIMIT -> {
        assertThat(Quirk.DOCKER_MAX_LAYERS).isEqualTo(125);
        assertThat(diffIds).hasSize(125).doesNotHaveDuplicates();
      }
      case LAYERS_OVER_DOCKER_LIMIT -> assertThat(diffIds).hasSize(126).doesNotHaveDuplicates();
      default -> fail("no shape assertion for " + quirk);
    }
  }
}
