package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.util.ArrayList;
import java.util.List;

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
    LayoutEntries entries = new LayoutEntries();
    List<ItemDraft> items = new ArrayList<>();
    for (PlannedImage image : images) {
      String configName = "sha256:" + image.configNameHex;
      entries.addOnce(Entry.bytes(configName, 0644, 0, image.config, Role.CONFIG));
      List<String> layerPaths =
          entries.layers(
              image, layer -> layer.storedDigest.hex() + extension(layer.compression), 0644, 0);
      items.add(
          new ItemDraft(
              image,
              configName,
              image.tags.isEmpty() ? null : List.copyOf(image.tags),
              layerPaths,
              null));
    }
    entries.add(Entry.manifest(0644, 0));
    return new Layout(entries.list(), items, ManifestJson.GO_MARSHAL, TarHeader.NumberStyle.GO);
  }

  private static String extension(Compression compression) {
    return switch (compression) {
      case NONE -> ".tar";
      case ZSTD -> ".tar.zst";
      default -> ".tar.gz";
    };
  }
}
