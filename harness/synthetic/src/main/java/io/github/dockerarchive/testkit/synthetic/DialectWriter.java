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
   * Whether the layout orders entries by name, so that where a layer lies depends on its digest
   * (and the one-pass writing, which lays the archive out before the digests are known, cannot keep
   * it in place).
   *
   * @return true for the dialects that sort their entries
   */
  default boolean sortsByName() {
    return false;
  }

  /**
   * The outer tar layout of a dialect.
   *
   * @param entries the entries in tar order, the manifest as an {@link Entry#manifest} placeholder
   * @param items the {@code manifest.json} items
   * @param format how {@code manifest.json} is encoded
   * @param style how tar headers are formatted
   * @param owner the user and group name of every entry ({@code root} for Docker's own tars), or
   *     empty
   */
  record Layout(
      List<Entry> entries,
      List<ItemDraft> items,
      ManifestJson format,
      TarHeader.NumberStyle style,
      String owner) {
    /** A layout whose entries name no owner. */
    Layout(
        List<Entry> entries,
        List<ItemDraft> items,
        ManifestJson format,
        TarHeader.NumberStyle style) {
      this(entries, items, format, style, "");
    }
  }
}
