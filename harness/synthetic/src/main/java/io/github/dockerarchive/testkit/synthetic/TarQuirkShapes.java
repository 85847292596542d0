package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.DialectWriter.Layout;
import io.github.dockerarchive.testkit.synthetic.Entry.Kind;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The entry-level shapes of the outer-tar and repeated-layer quirks, made on a dialect's {@link
 * Layout} before the truth is taken from it: entries renamed, moved, added or dropped, and {@code
 * Layers} paths of repeated layers pointed at links. The tar-level shapes (PAX and GNU headers,
 * record padding, trailing data) are made by {@link LayoutWriter}.
 */
final class TarQuirkShapes {
  /** The directory the links of repeated layers are put in. */
  static final String REPEATED = "repeated-layers/";

  /**
   * A directory name long enough that a config path under it needs more than the 100 bytes of a
   * ustar name field.
   */
  static final String LONG_DIRECTORY =
      "a-directory-name-long-enough-that-a-path-below-it-needs-more-than-a-ustar-name-field-holds/";

  /** The repeated-layer quirks that each take one repeated occurrence in the first image. */
  static final List<Quirk> REPEATED_LINKS =
      List.of(
          Quirk.REPEATED_LAYER_SAME_PATH,
          Quirk.REPEATED_LAYER_SYMLINK_OTHER_LEVEL,
          Quirk.REPEATED_LAYER_SYMLINK_CHAIN,
          Quirk.REPEATED_LAYER_HARDLINK,
          Quirk.REPEATED_LAYER_ABSOLUTE_SYMLINK,
          Quirk.REPEATED_LAYER_DANGLING_SYMLINK,
          Quirk.REPEATED_LAYER_SYMLINK_LOOP);

  private static final List<List<Quirk>> CONTRADICTIONS =
      List.of(
          List.of(Quirk.OUTER_MANIFEST_FIRST, Quirk.OUTER_MANIFEST_LAST),
          List.of(Quirk.OUTER_DIRECTORY_ENTRIES, Quirk.OUTER_NO_DIRECTORY_ENTRIES),
          List.of(Quirk.OUTER_DOT_ENTRY, Quirk.OUTER_NO_DIRECTORY_ENTRIES),
          List.of(Quirk.OUTER_GNU_LONG_NAMES, Quirk.OUTER_PAX_LONG_NAMES),
          List.of(Quirk.OUTER_GNU_LONG_NAMES, Quirk.OUTER_PAX_HEADERS));

  private TarQuirkShapes() {}

  /**
   * Why the quirks of a spec cannot be built together, if they cannot: two of them contradict each
   * other, or the first image has fewer repeated layers than the repeated-layer quirks need (each
   * takes one; {@link Quirk#applyTo} adds one per quirk).
   */
  static Optional<String> whyInapplicable(ArchiveSpec spec) {
    for (List<Quirk> pair : CONTRADICTIONS) {
      if (spec.has(pair.get(0)) && spec.has(pair.get(1))) {
        return Optional.of(
            "quirks " + pair.get(0).id() + " and " + pair.get(1).id() + " contradict each other");
      }
    }
    long needed = spec.quirks().stream().filter(REPEATED_LINKS::contains).count();
    if (needed > 0) {
      int repeated = 0;
      if (!spec.images().isEmpty()) {
        Set<LayerSpec> seen = new HashSet<>();
        for (LayerSpec layer : spec.images().get(0).layers()) {
          if (!seen.add(layer)) {
            repeated++;
          }
        }
      }
      if (repeated < needed) {
        return Optional.of(
            "the repeated-layer quirks need "
                + needed
                + " repeated layer(s) in the first image, it has "
                + repeated);
      }
    }
    return Optional.empty();
  }

  /** The layout with the entry-level shapes of the spec's quirks. */
  static Layout apply(Layout layout, ArchiveSpec spec) {
    if (spec.quirks().isEmpty()) {
      return layout;
    }
    List<Entry> entries = new ArrayList<>(layout.entries());
    List<ItemDraft> items = new ArrayList<>(layout.items());
    repeatedLayers(spec, entries, items);
    if (spec.has(Quirk.OUTER_GNU_LONG_NAMES) || spec.has(Quirk.OUTER_PAX_LONG_NAMES)) {
      longConfigNames(entries, items);
    }
    if (spec.has(Quirk.OUTER_NO_DIRECTORY_ENTRIES)) {
      entries.removeIf(e -> e.kind() == Kind.DIRECTORY);
    }
    if (spec.has(Quirk.OUTER_DIRECTORY_ENTRIES)) {
      entries = withDirectories(entries);
    }
    if (spec.has(Quirk.OUTER_MANIFEST_FIRST) || spec.has(Quirk.OUTER_MANIFEST_LAST)) {
      Entry manifest =
          entries.stream().filter(e -> e.role() == Role.MANIFEST).findFirst().orElseThrow();
      entries.remove(manifest);
      entries.add(spec.has(Quirk.OUTER_MANIFEST_FIRST) ? 0 : entries.size(), manifest);
    }
    if (spec.has(Quirk.OUTER_DOT_SLASH_NAMES)) {
      entries.replaceAll(e -> e.renamed("./" + e.name()));
    }
    if (spec.has(Quirk.OUTER_DOT_ENTRY)) {
      entries.add(0, Entry.directory("./", 0755, 0));
    }
    return new Layout(entries, items, layout.format(), layout.style(), layout.owner());
  }

  /**
   * Points the {@code Layers} path of each repeated occurrence in the first image at the link its
   * quirk asks for, one occurrence per quirk in the spec's order.
   */
  private static void repeatedLayers(ArchiveSpec spec, List<Entry> entries, List<ItemDraft> items) {
    List<Quirk> wanted = spec.quirks().stream().filter(REPEATED_LINKS::contains).toList();
    if (wanted.isEmpty() || items.isEmpty()) {
      return;
    }
    ItemDraft item = items.get(0);
    List<Digest> diffIds = item.image().diffIds();
    List<String> layers = new ArrayList<>(item.layers());
    Map<Digest, Integer> first = new HashMap<>();
    int next = 0;
    for (int i = 0; i < diffIds.size() && next < wanted.size(); i++) {
      Integer f = first.putIfAbsent(diffIds.get(i), i);
      if (f == null) {
        continue;
      }
      String blob = layers.get(f);
      String dir = REPEATED + (i + 1) + "/";
      Quirk quirk = wanted.get(next++);
      String path =
          switch (quirk) {
            case REPEATED_LAYER_SAME_PATH -> blob;
            case REPEATED_LAYER_SYMLINK_OTHER_LEVEL -> {
              entries.add(link(dir + "layer.tar", "../../" + blob));
              yield dir + "layer.tar";
            }
            case REPEATED_LAYER_SYMLINK_CHAIN -> {
              entries.add(link(dir + "first.tar", "../../" + blob));
              entries.add(link(dir + "second.tar", "first.tar"));
              yield dir + "second.tar";
            }
            case REPEATED_LAYER_HARDLINK -> {
              entries.add(Entry.hardlink(dir + "layer.tar", blob, 0644, 0, Role.OTHER));
              yield dir + "layer.tar";
            }
            case REPEATED_LAYER_ABSOLUTE_SYMLINK -> {
              entries.add(link(dir + "layer.tar", "/" + blob));
              yield dir + "layer.tar";
            }
            case REPEATED_LAYER_DANGLING_SYMLINK -> {
              entries.add(link(dir + "layer.tar", "../../no-such-layer.tar"));
              yield dir + "layer.tar";
            }
            case REPEATED_LAYER_SYMLINK_LOOP -> {
              entries.add(link(dir + "a.tar", "b.tar"));
              entries.add(link(dir + "b.tar", "a.tar"));
              yield dir + "a.tar";
            }
            default -> throw new IllegalStateException(quirk + " is not a repeated-layer link");
          };
      layers.set(i, path);
    }
    items.set(0, item.withLayers(layers));
  }

  private static Entry link(String name, String target) {
    return Entry.symlink(name, target, 0777, 0, Role.OTHER);
  }

  /** Moves every config under {@link #LONG_DIRECTORY}, in the entries and the items. */
  private static void longConfigNames(List<Entry> entries, List<ItemDraft> items) {
    Map<String, String> renamed = new HashMap<>();
    entries.replaceAll(
        e -> {
          if (e.role() != Role.CONFIG) {
            return e;
          }
          String longName = LONG_DIRECTORY + e.name();
          renamed.put(e.name(), longName);
          return e.renamed(longName);
        });
    items.replaceAll(
        i ->
            new ItemDraft(
                i.image(),
                renamed.getOrDefault(i.config(), i.config()),
                i.repoTags(),
                i.layers(),
                i.layerSources()));
  }

  /** The entries with a directory entry before the first entry in each directory lacking one. */
  private static List<Entry> withDirectories(List<Entry> entries) {
    Set<String> present = new HashSet<>();
    for (Entry e : entries) {
      if (e.kind() == Kind.DIRECTORY) {
        present.add(e.name().endsWith("/") ? e.name() : e.name() + "/");
      }
    }
    List<Entry> result = new ArrayList<>();
    for (Entry e : entries) {
      Set<String> parents = new LinkedHashSet<>();
      String name = e.name();
      for (int slash = name.indexOf('/'); slash >= 0 && slash < name.length() - 1; ) {
        parents.add(name.substring(0, slash + 1));
        slash = name.indexOf('/', slash + 1);
      }
      for (String parent : parents) {
        if (present.add(parent)) {
          result.add(Entry.directory(parent, 0755, 0));
        }
      }
      result.add(e);
    }
    return result;
  }
}
