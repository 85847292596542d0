package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.json.GoJson;
import io.github.dockerarchive.testkit.synthetic.DialectWriter.Layout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shapes of {@code manifest.json} and {@code repositories} that quirks give a dialect's layout
 * whatever the dialect: how untagged items' {@code RepoTags} are written (null, absent, empty),
 * {@code RepoTags} as a string, familiar tags, unknown keys, lower-case keys, {@code Parent}, a
 * foreign layer's {@code LayerSources}, a document of no items, no {@code repositories}.
 */
final class ManifestQuirks {
  private ManifestQuirks() {}

  /**
   * The layout with the quirks' item-level shapes: familiar tags, lower-case keys, a foreign
   * layer's {@code LayerSources} where the dialect writes none, no {@code repositories}. The truth
   * is taken from the items this returns.
   */
  static Layout adjust(Layout layout, List<Quirk> quirks) {
    if (quirks.isEmpty()) {
      return layout;
    }
    List<Entry> entries = new ArrayList<>(layout.entries());
    if (quirks.contains(Quirk.NO_REPOSITORIES)) {
      entries.removeIf(e -> e.name().equals("repositories"));
    }
    List<ItemDraft> items = new ArrayList<>();
    for (int i = 0; i < layout.items().size(); i++) {
      ItemDraft item = layout.items().get(i);
      List<String> tags = item.repoTags();
      if (quirks.contains(Quirk.REPO_TAGS_FAMILIAR) && tags != null) {
        Set<String> familiar = new LinkedHashSet<>();
        tags.forEach(t -> familiar.add(Tags.familiar(t)));
        tags = List.copyOf(familiar);
      }
      String sources = item.layerSources();
      if (i == 0
          && quirks.contains(Quirk.FOREIGN_LAYER_URLS)
          && sources == null
          && !item.image().layers.isEmpty()) {
        LayerBlob layer = item.image().layers.get(0);
        sources =
            new GoJson()
                .beginObject()
                .name(layer.diffId.toString())
                .raw(OciArchiveWriter.layerSource(layer, quirks, true).toString())
                .endObject()
                .toString();
      }
      items.add(new ItemDraft(item.image(), item.config(), tags, item.layers(), sources));
    }
    ManifestJson format = layout.format();
    if (quirks.contains(Quirk.LOWER_CASE_KEYS)) {
      format = new ManifestJson(true, format.trailingNewline());
    }
    return new Layout(entries, items, format, layout.style(), layout.owner());
  }

  /** Whether the quirks leave {@code manifest.json} without items, so the truth has no image. */
  static boolean listsNoImage(List<Quirk> quirks) {
    return quirks.contains(Quirk.MANIFEST_NULL) || quirks.contains(Quirk.MANIFEST_EMPTY_ARRAY);
  }

  /** The whole {@code manifest.json}. */
  static byte[] encode(ManifestJson format, List<ItemDraft> items, List<Quirk> quirks) {
    String text;
    if (quirks.contains(Quirk.MANIFEST_NULL)) {
      text = "null";
    } else if (quirks.contains(Quirk.MANIFEST_EMPTY_ARRAY)) {
      text = "[]";
    } else if (!shapesItems(quirks)) {
      return format.encode(ItemDraft.toItems(items));
    } else if (items.isEmpty()) {
      text = "null";
    } else {
      GoJson json = new GoJson().beginArray();
      for (int i = 0; i < items.size(); i++) {
        json.raw(encodeItem(format, items, i, quirks));
      }
      text = json.endArray().toString();
    }
    return (format.trailingNewline() ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
  }

  /** One item, in Go struct order, with the quirks' shapes. */
  static String encodeItem(ManifestJson format, List<ItemDraft> items, int index, List<Quirk> q) {
    ItemDraft item = items.get(index);
    if (!shapesItems(q)) {
      return format.encodeItem(item.toItem());
    }
    boolean lower = format.lowerCaseKeys();
    GoJson json = new GoJson().beginObject();
    json.field(lower ? "config" : "Config", item.config());
    List<String> tags = item.repoTags();
    String tagsKey = lower ? "repoTags" : "RepoTags";
    boolean untagged = tags == null || tags.isEmpty();
    if (untagged) {
      if (q.contains(Quirk.REPO_TAGS_NULL)) {
        json.name(tagsKey).nullValue();
      } else if (q.contains(Quirk.REPO_TAGS_EMPTY)) {
        json.name(tagsKey).stringArray(List.of());
      } else if (!q.contains(Quirk.REPO_TAGS_ABSENT)) {
        json.name(tagsKey);
        if (tags == null) {
          json.nullValue();
        } else {
          json.stringArray(tags);
        }
      }
    } else if (q.contains(Quirk.REPO_TAGS_STRING) && index == firstTagged(items)) {
      json.field(tagsKey, tags.get(0));
    } else {
      json.name(tagsKey).stringArray(tags);
    }
    json.name(lower ? "layers" : "Layers").stringArray(item.layers());
    if (q.contains(Quirk.PARENT_PRESENT)) {
      Digest parent = parentOf(items, index);
      if (parent != null) {
        json.field("Parent", parent.toString());
      }
    }
    if (item.layerSources() != null) {
      json.name("LayerSources").raw(item.layerSources());
    }
    if (q.contains(Quirk.MANIFEST_UNKNOWN_KEYS)) {
      json.field("Comment", "a key Docker's manifest item does not define");
      json.name("Annotations").beginObject();
      json.field("org.example.quirk", "unknown-keys");
      json.endObject();
    }
    return json.endObject().toString();
  }

  /** Whether a quirk changes how items are encoded (beyond what {@link #adjust} did). */
  private static boolean shapesItems(List<Quirk> quirks) {
    for (Quirk q : quirks) {
      switch (q) {
        case REPO_TAGS_NULL,
            REPO_TAGS_ABSENT,
            REPO_TAGS_EMPTY,
            REPO_TAGS_STRING,
            PARENT_PRESENT,
            MANIFEST_UNKNOWN_KEYS -> {
          return true;
        }
        default -> {
          // encoded as the dialect encodes it
        }
      }
    }
    return false;
  }

  private static int firstTagged(List<ItemDraft> items) {
    for (int i = 0; i < items.size(); i++) {
      List<String> tags = items.get(i).repoTags();
      if (tags != null && !tags.isEmpty()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * * The config digest of an item's parent as Docker records it: the item (anywhere in the
   * archive) with the same config fields whose layers are the longest proper prefix of the item's;
   * null when there is none.
   */
  static Digest parentOf(List<ItemDraft> items, int index) {
    PlannedImage child = items.get(index).image();
    PlannedImage best = null;
    for (int j = 0; j < items.size(); j++) {
      PlannedImage candidate = items.get(j).image();
      List<Digest> prefix = candidate.diffIds();
      boolean isParent =
          candidate.configSpec.equals(child.configSpec)
              && prefix.size() < child.layers.size()
              && child.diffIds().subList(0, prefix.size()).equals(prefix);
      if (isParent && (best == null || prefix.size() > best.layers.size())) {
        best = candidate;
      }
    }
    return best == null ? null : best.configDigest;
  }
}
