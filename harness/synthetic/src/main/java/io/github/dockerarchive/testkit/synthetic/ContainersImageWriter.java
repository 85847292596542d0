package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.json.GoJson;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import io.github.dockerarchive.testkit.writer.LegacyLayers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * DIA-1, the containers/image writer (skopeo, podman; docs/reference.md §2.8, WR-6): per image the
 * new layer blobs {@code <digest hex>.tar}, the config {@code <hex>.json}, then per layer the
 * legacy directory {@code <id>/layer.tar} (a symlink to {@code ../<hex>.tar}), {@code <id>/VERSION}
 * and {@code <id>/json} with the IDs of §6.6; finally {@code manifest.json} (fully qualified {@code
 * RepoTags}, {@code []} when untagged) and {@code repositories} (always, {@code {}} when empty). No
 * directory entries; files mode 0444, symlinks 0, mtime 0.
 */
final class ContainersImageWriter implements DialectWriter {
  private static final int FILE_MODE = 0444;

  @Override
  public Layout layout(List<PlannedImage> images) {
    LayoutEntries entries = new LayoutEntries();
    List<ItemDraft> items = new ArrayList<>();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    for (PlannedImage image : images) {
      List<String> layerPaths =
          entries.layers(image, layer -> layer.storedDigest.hex() + ".tar", FILE_MODE, 0);
      String configName = image.configNameHex + ".json";
      entries.addOnce(Entry.bytes(configName, FILE_MODE, 0, image.config, Role.CONFIG));
      List<LegacyLayers.LegacyLayer> legacy =
          LegacyIds.compute(image.storedDigests(), image.config);
      for (int i = 0; i < legacy.size(); i++) {
        String id = legacy.get(i).id();
        if (entries.claim(id + "/")) {
          entries.add(
              Entry.symlink(id + "/layer.tar", "../" + layerPaths.get(i), 0, 0, Role.OTHER));
          entries.add(
              Entry.bytes(
                  id + "/VERSION",
                  FILE_MODE,
                  0,
                  "1.0".getBytes(StandardCharsets.US_ASCII),
                  Role.OTHER));
          entries.add(Entry.bytes(id + "/json", FILE_MODE, 0, legacy.get(i).json(), Role.OTHER));
        }
      }
      Set<String> tags = new LinkedHashSet<>();
      for (String tag : image.tags) {
        tags.add(Tags.qualified(tag));
        Tags.Parsed parsed = Tags.parse(tag);
        if (parsed != null && !legacy.isEmpty()) {
          repositories
              .computeIfAbsent(parsed.qualifiedName(), k -> new TreeMap<>())
              .put(parsed.tag(), legacy.get(legacy.size() - 1).id());
        }
      }
      items.add(new ItemDraft(image, configName, List.copyOf(tags), layerPaths, null));
    }
    entries.add(Entry.manifest(FILE_MODE, 0));
    entries.add(
        Entry.bytes("repositories", FILE_MODE, 0, repositoriesJson(repositories), Role.OTHER));
    return new Layout(entries.list(), items, ManifestJson.GO_MARSHAL, TarHeader.NumberStyle.GO);
  }

  /** {@code {"name":{"tag":"id"}}}, keys sorted at both levels, compact. */
  static byte[] repositoriesJson(Map<String, Map<String, String>> repositories) {
    GoJson json = new GoJson().beginObject();
    for (Map.Entry<String, Map<String, String>> repo : repositories.entrySet()) {
      json.name(repo.getKey()).beginObject();
      for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
        json.field(tag.getKey(), tag.getValue());
      }
      json.endObject();
    }
    return json.endObject().toBytes();
  }
}
