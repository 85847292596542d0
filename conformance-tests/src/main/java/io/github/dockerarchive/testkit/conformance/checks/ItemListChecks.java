package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.LayerSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.testing.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of the item list a reader exposes ({@code TarManifest}): RD-6 (parsed unchanged, whatever
 * the selection) and SRC-9 (LayerSources descriptors preserved). Both need {@link
 * JavaApi#tarManifest(String)}; implementations that do not expose their items report UNSUPPORTED.
 */
public final class ItemListChecks {
  private static final String FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  private static final String URL = "https://example.com/layers/base.tar.gz";

  private ItemListChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    return List.of(
        Check.javaApi(
            "RD-6",
            "items-unchanged-whatever-selection",
            "the parsed items (Config, RepoTags as stored, Layers, Parent, LayerSources keys) of a"
                + " three-item archive are the same for no selector, @1, @2, a matching tag and a"
                + " missing tag",
            ItemListChecks::itemsUnchanged),
        Check.javaApi(
            "SRC-9",
            "layer-sources-exposed",
            "a foreign layer's LayerSources descriptor (media type, size, digest, URLs) is"
                + " exposed as stored",
            ItemListChecks::layerSourcesExposed));
  }

  private static void itemsUnchanged(CheckContext c) throws Exception {
    TestImage tagged =
        new TestImage()
            .tags("example.com/app:1", "example.com/app:2")
            .layerFiles("etc/a.txt", "item zero")
            .itemEdit(item -> item.put("Parent", "sha256:" + "ab".repeat(32)));
    TestImage untagged = new TestImage().nullTags().layerFiles("etc/b.txt", "item one");
    TestImage odd =
        new TestImage()
            .tags("example.com/odd:1")
            .lowerCaseKeys()
            .layerSources()
            .layerFiles("etc/c.txt", "item two")
            .layerFiles("etc/d.txt", "item two, second layer")
            .itemEdit(item -> item.put("Comment", "an unknown key, ignored"));
    List<TestImage> images = List.of(tagged, untagged, odd);
    Path archive = ReaderCheckSupport.archiveOf(c, tagged, untagged, odd);
    List<Expected> expected = new ArrayList<>();
    for (TestImage image : images) {
      expected.add(Expected.of(image.manifestItem()));
    }
    for (String selector : List.of("", ":@1", ":@2", ":example.com/app:2", ":example.com/no:1")) {
      List<ManifestItem> items = items(c, CheckContext.archive(archive, selector));
      require(
          items.size() == expected.size(),
          "with selector \"" + selector + "\": " + items.size() + " items, expected 3");
      for (int i = 0; i < items.size(); i++) {
        String problem = expected.get(i).differenceFrom(items.get(i));
        require(
            problem.isEmpty(), "with selector \"" + selector + "\", item " + i + ": " + problem);
      }
    }
  }

  private static void layerSourcesExposed(CheckContext c) throws Exception {
    TestImage image =
        new TestImage().tags("example.com/app:1").layerFiles("etc/a.txt", "a foreign layer");
    String diffId = image.diffIds().get(0).toString();
    image.itemEdit(
        item -> {
          ObjectNode d = item.putObject("LayerSources").putObject(diffId);
          d.put("mediaType", FOREIGN);
          d.put("size", 1234);
          d.put("digest", "sha256:" + "cd".repeat(32));
          d.putArray("urls").add(URL);
        });
    Path archive = ReaderCheckSupport.archiveOf(c, image);
    List<ManifestItem> items = items(c, CheckContext.archive(archive, ""));
    require(items.size() == 1, items.size() + " items, expected 1");
    LayerSource source = items.get(0).layerSources().get(diffId);
    require(source != null, "no LayerSources descriptor for " + diffId + ": " + items.get(0));
    require(
        FOREIGN.equals(source.mediaType())
            && source.size() == 1234
            && ("sha256:" + "cd".repeat(32)).equals(source.digest())
            && source.urls().equals(List.of(URL)),
        "the descriptor is " + source + ", expected " + FOREIGN + ", 1234, sha256:cdcd..., " + URL);
  }

  private static List<ManifestItem> items(CheckContext c, String reference)
      throws CheckFailure, CheckUnsupported {
    JavaApi api = c.implementation().javaApi().orElseThrow();
    c.note("Java API: tarManifest(" + reference + ")");
    try {
      return api.tarManifest(reference);
    } catch (UnsupportedOperationException e) {
      throw new CheckUnsupported(
          c.implementation().name() + " does not expose its item list: " + e.getMessage());
    } catch (IOException e) {
      throw new CheckFailure("tarManifest(" + reference + ") failed: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new CheckFailure("tarManifest(" + reference + ") threw the unchecked " + e);
    }
  }

  /** An item as written: the values a reader must give back. */
  private record Expected(
      String config, List<String> tags, List<String> layers, String parent, List<String> sources) {
    static Expected of(ObjectNode item) {
      return new Expected(
          field(item, "Config").asText(),
          texts(field(item, "RepoTags")),
          texts(field(item, "Layers")),
          item.hasNonNull("Parent") ? item.get("Parent").asText() : null,
          item.has("LayerSources") ? names(item.get("LayerSources")) : List.of());
    }

    String differenceFrom(ManifestItem actual) {
      if (!config.equals(actual.config())) {
        return "Config " + actual.config() + ", expected " + config;
      }
      if (!tags.equals(actual.repoTags())) {
        return "RepoTags " + actual.repoTags() + ", expected " + tags;
      }
      if (!layers.equals(actual.layers())) {
        return "Layers " + actual.layers() + ", expected " + layers;
      }
      if (parent != null && !parent.equals(actual.parent())) {
        return "Parent " + actual.parent() + ", expected " + parent;
      }
      List<String> keys = new ArrayList<>(actual.layerSources().keySet());
      if (!keys.containsAll(sources) || keys.size() != sources.size()) {
        return "LayerSources keys " + keys + ", expected " + sources;
      }
      return "";
    }

    private static JsonNode field(ObjectNode item, String name) {
      JsonNode n = item.get(name);
      if (n == null) {
        n = item.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
      }
      return n == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : n;
    }

    private static List<String> texts(JsonNode array) {
      List<String> out = new ArrayList<>();
      array.forEach(n -> out.add(n.asText()));
      return out;
    }

    private static List<String> names(JsonNode object) {
      List<String> out = new ArrayList<>();
      object.fieldNames().forEachRemaining(out::add);
      return out;
    }
  }
}
