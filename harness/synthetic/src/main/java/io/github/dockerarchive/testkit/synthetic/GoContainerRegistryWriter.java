package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DIA-5, go-containerregistry's {@code tarball.Write} (crane, kaniko; docs/peers.md §2.1): per
 * image the config {@code sha256:<hex>} (the colon stays in the name), then its layers not yet
 * written, named by the stored digest with {@code .tar}, {@code .tar.zst} or otherwise {@code
 * .tar.gz}; {@code manifest.json} last, {@code RepoTags} as written ({@code null} when untagged).
 * No directories, mode 0644, mtime 0. Unlike ggcr, images keep the spec's order (ggcr sorts items
 * by their joined tags).
 */
final class GoContainerRegistryWriter implements DialectWriter {
  @Override
  public Layout layout(List<PlannedImage> images) {
    List<Entry> entries = new ArrayList<>();
    List<ItemDraft> items = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (PlannedImage image : images) {
      String configName = "sha256:" + image.configNameHex;
      if (written.add(configName)) {
        entries.add(Entry.bytes(configName, 0644, 0, image.config, Role.CONFIG));
      }
      List<String> layerPaths = new ArrayList<>();
      for (LayerBlob layer : image.layers) {
        String name = layer.storedDigest.hex() + extension(layer.compression);
        layerPaths.add(name);
        if (written.add(name)) {
          entries.add(Entry.layer(name, 0644, 0, layer));
        }
      }
      items.add(
          new ItemDraft(
              image,
              configName,
              image.tags.isEmpty() ? null : List.copyOf(image.tags),
              layerPaths,
              null));
    }
    entries.add(Entry.manifest(0644, 0));
    return new Layout(entries, items, ManifestJson.GO_MARSHAL, TarHeader.NumberStyle.GO);
  }

  private static String extension(Compression compression) {
    return switch (compression) {
      case NONE -> ".tar";
      case ZSTD -> ".tar.zst";
      default -> ".tar.gz";
    };
  }
}
