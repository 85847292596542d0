package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.util.List;

/** Lays out the outer tar of one producer dialect (DIA-n): entry names, order, headers, JSON. */
interface DialectWriter {
  /**
   * The archive's entries and {@code manifest.json} items.
   *
   * @param images the images, in {@code manifest.json} order
   * @return the layout
   */
  Layout layout(List<PlannedImage> images);

  /**
   * The outer tar layout of a dialect.
   *
   * @param entries the entries in tar order, the manifest as an {@link Entry#manifest} placeholder
   * @param items the {@code manifest.json} items
   * @param format how {@code manifest.json} is encoded
   * @param style how tar headers are formatted
   */
  record Layout(
      List<Entry> entries,
      List<ItemDraft> items,
      ManifestJson format,
      TarHeader.NumberStyle style) {}
}
