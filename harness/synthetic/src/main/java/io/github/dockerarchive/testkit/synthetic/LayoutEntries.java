package io.github.dockerarchive.testkit.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The entries of a dialect's outer tar as it lays them out, in tar order, where a blob shared by
 * several images (a layer, a config) is written once, under the name it was first written with.
 */
final class LayoutEntries {
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> written = new HashSet<>();

  /** Adds an entry, whatever was added before. */
  void add(Entry entry) {
    entries.add(entry);
  }

  /** Adds an entry unless its name was added or claimed before. */
  void addOnce(Entry entry) {
    if (claim(entry.name())) {
      entries.add(entry);
    }
  }

  /**
   * Claims a name for entries the caller adds itself (a legacy layer directory {@code <id>/}).
   *
   * @return true the first time the name is added or claimed
   */
  boolean claim(String name) {
    return written.add(name);
  }

  /**
   * Adds the layers of an image, each under the name {@code naming} gives it, once per name.
   *
   * @return the image's layer paths, in its order, repeated layers included
   */
  List<String> layers(
      PlannedImage image, Function<LayerBlob, String> naming, int mode, long mtime) {
    List<String> paths = new ArrayList<>();
    for (LayerBlob layer : image.layers) {
      String name = naming.apply(layer);
      paths.add(name);
      addOnce(Entry.layer(name, mode, mtime, layer));
    }
    return paths;
  }

  /** The entries so far, in the order added; the list itself, for a dialect that sorts it. */
  List<Entry> list() {
    return entries;
  }
}
