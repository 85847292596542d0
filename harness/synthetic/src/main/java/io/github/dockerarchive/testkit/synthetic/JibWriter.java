package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * DIA-6, Jib's {@code ImageTarball} (docs/peers.md §3.1): the layers {@code <stored digest
 * hex>.tar.gz} (whatever their compression: names lie), {@code config.json}, {@code manifest.json},
 * in that order; one image; {@code RepoTags} as written ({@code []} when untagged). Headers as
 * commons-compress writes them (space-terminated octal, mode {@code 0100644}), mtime 0. With {@code
 * lowerCaseKeys} (Jib before 2.3, {@link Dialect#JIB_LEGACY}) the manifest keys are {@code config},
 * {@code repoTags}, {@code layers}. A repeated layer is written once.
 */
final class JibWriter implements DialectWriter {
  private static final int FILE = TarSink.TYPE_FILE | 0644;
  private final boolean lowerCaseKeys;

  JibWriter(boolean lowerCaseKeys) {
    this.lowerCaseKeys = lowerCaseKeys;
  }

  @Override
  public Layout layout(List<PlannedImage> images) {
    LayoutEntries entries = new LayoutEntries();
    List<ItemDraft> items = new ArrayList<>();
    for (PlannedImage image : images) {
      List<String> layerPaths =
          entries.layers(image, layer -> layer.storedDigest.hex() + ".tar.gz", FILE, 0);
      entries.add(Entry.bytes("config.json", FILE, 0, image.config, Role.CONFIG));
      items.add(new ItemDraft(image, "config.json", List.copyOf(image.tags), layerPaths, null));
    }
    entries.add(Entry.manifest(FILE, 0));
    return new Layout(
        entries.list(),
        items,
        new ManifestJson(lowerCaseKeys, false),
        TarHeader.NumberStyle.COMMONS);
  }
}
