package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.testing.RealCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real archive of the corpus (bundled by the test fixtures under {@code corpus/real}) reads
 * as {@code EXPECTED.json} says: tags, config digest, diffIDs, and each layer's bytes hash to its
 * diffID, symlinked layers included (SRC-5, where the reference reports size 0).
 */
@DisplayName("Real archives from public projects (RD-1, ARC-2, ARC-3, ARC-5, ARC-6, SRC-5, SRC-7)")
class RealCorpusTest {
  static final Path CORPUS = corpusDirectory();

  static Path corpusDirectory() {
    try {
      return RealCorpus.directory();
    } catch (Exception e) {
      throw new IllegalStateException("the bundled corpus is missing", e);
    }
  }

  static Stream<Arguments> archives() throws IOException {
    JsonNode expected = new ObjectMapper().readTree(CORPUS.resolve("EXPECTED.json").toFile());
    List<Arguments> result = new ArrayList<>();
    expected.fields().forEachRemaining(e -> result.add(Arguments.of(e.getKey(), e.getValue())));
    return result.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archives")
  void readsAsExpected(String file, JsonNode images) throws Exception {
    Path path = CORPUS.resolve(file);
    try (ArchiveReader reader = ArchiveReader.open(path)) {
      assertThat(reader.manifest()).hasSize(images.size());
      for (JsonNode image : images) {
        int index = image.get("index").asInt();
        ImageSource source = reader.imageSource(null, index);
        List<String> tags = new ArrayList<>();
        image.get("repoTags").forEach(t -> tags.add(t.asText()));
        assertThat(source.selection().item().repoTags())
            .as("RepoTags of @%d", index)
            .isEqualTo(tags);
        assertThat(source.configDigest().toString())
            .as("config digest of @%d", index)
            .isEqualTo(image.get("configDigest").asText());
        List<String> diffIds = new ArrayList<>();
        image.get("diffIds").forEach(d -> diffIds.add(d.asText()));
        assertThat(source.diffIds().stream().map(Digest::toString).toList()).isEqualTo(diffIds);
        for (LayerInfo layer : source.layers()) {
          try (BlobStream blob = source.getBlob(layer.diffId())) {
            assertThat(blob.drain()).as("bytes of %s", layer.path()).isEqualTo(layer.size());
          }
        }
        try (BlobStream config = source.getBlob(source.configDigest())) {
          assertThat(Digest.sha256(config.readAllBytes())).isEqualTo(source.configDigest());
        }
      }
    }
    assertThat(Files.exists(path)).isTrue();
  }
}
