package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Each quirk of the MANIFEST_JSON family has its exact shape in the materialised bytes. */
@DisplayName("Quirks, manifest.json: each shape is in the bytes (RepoTags, keys, Parent, items)")
class ManifestJsonQuirkTest extends QuirkFamilyShapeTest {
  ManifestJsonQuirkTest() {
    super(QuirkFamily.MANIFEST_JSON, ManifestJsonQuirkTest::assertShape);
  }

  static void assertShape(Quirk quirk, QuirkArchive a) throws IOException {
    switch (quirk) {
      case MANIFEST_NULL -> {
        assertThat(a.text("manifest.json").strip()).isEqualTo("null");
        assertThat(a.files.keySet()).anyMatch(n -> n.endsWith(".json") || n.startsWith("blobs/"));
        return;
      }
      case MANIFEST_EMPTY_ARRAY -> {
        assertThat(a.text("manifest.json").strip()).isEqualTo("[]");
        assertThat(a.files.keySet()).anyMatch(n -> n.endsWith(".json") || n.startsWith("blobs/"));
        return;
      }
      default -> {
        // an array of items, checked below
      }
    }
    JsonNode items = a.manifest();
    List<JsonNode> all = new ArrayList<>();
    items.forEach(all::add);
    switch (quirk) {
      case REPO_TAGS_NULL -> assertThat(all).anyMatch(i -> QuirkArchive.tags(i).isNull());
      case REPO_TAGS_ABSENT -> assertThat(all).anyMatch(i -> QuirkArchive.tags(i).isMissingNode());
      case REPO_TAGS_EMPTY ->
          assertThat(all)
              .anyMatch(i -> QuirkArchive.tags(i).isArray() && QuirkArchive.tags(i).isEmpty());
      case REPO_TAGS_STRING -> assertThat(all).anyMatch(i -> QuirkArchive.tags(i).isTextual());
      case REPO_TAGS_FAMILIAR ->
          assertThat(all)
              .anyMatch(
                  i -> {
                    JsonNode tags = QuirkArchive.tags(i);
                    JsonNode first = tags.isArray() ? tags.path(0) : tags;
                    return first.isTextual() && first.asText().matches("[a-z0-9]+:[\\w.-]+");
                  });
      case MULTIPLE_IMAGES ->
          assertThat(all.stream().filter(ManifestJsonQuirkTest::tagged).map(a::configDigest))
              .doesNotHaveDuplicates()
              .hasSizeGreaterThanOrEqualTo(2);
      case UNTAGGED_BESIDE_TAGGED -> {
        assertThat(all).anyMatch(ManifestJsonQuirkTest::tagged);
        assertThat(all).anyMatch(i -> !tagged(i));
      }
      case MANIFEST_UNKNOWN_KEYS ->
          assertThat(all)
              .allMatch(i -> i.path("Comment").isTextual() && i.path("Annotations").isObject());
      case NO_REPOSITORIES -> assertThat(a.names).doesNotContain("repositories");
      case LOWER_CASE_KEYS ->
          assertThat(all)
              .allMatch(
                  i ->
                      i.has("config")
                          && i.has("layers")
                          && !i.has("Config")
                          && !i.has("RepoTags")
                          && !i.has("Layers"));
      case PARENT_PRESENT -> {
        boolean found = false;
        for (int c = 0; c < all.size(); c++) {
          JsonNode child = all.get(c);
          if (!child.has("Parent")) {
            continue;
          }
          found = true;
          String parent = child.get("Parent").asText();
          JsonNode parentItem = null;
          for (int p = 0; p < all.size(); p++) {
            if (a.configDigest(all.get(p)).equals(parent)) {
              parentItem = all.get(p);
            }
          }
          assertThat(parentItem).as("an item with config " + parent).isNotNull();
          List<String> parentIds = a.diffIds(parentItem);
          List<String> childIds = a.diffIds(child);
          assertThat(parentIds.size()).isLessThan(childIds.size());
          assertThat(childIds.subList(0, parentIds.size())).isEqualTo(parentIds);
        }
        assertThat(found).as("an item with a Parent key").isTrue();
      }
      default -> fail("no shape assertion for " + quirk);
    }
  }

  private static boolean tagged(JsonNode item) {
    JsonNode tags = QuirkArchive.tags(item);
    return tags.isTextual() || (tags.isArray() && tags.size() > 0);
  }
}
