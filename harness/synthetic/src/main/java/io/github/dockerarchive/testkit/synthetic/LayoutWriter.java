package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.synthetic.DialectWriter.Layout;
import io.github.dockerarchive.testkit.synthetic.Entry.Kind;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a dialect's {@link Layout} as a tar, building in the archive-level defects of a {@link
 * Corruption} (the content-level ones, a flipped layer byte and a lying config name, are made when
 * the images are planned): entries left out or doubled, a layer replaced by a bad symlink, the
 * {@code manifest.json} items changed, a header checksum spoiled or the tar cut short.
 */
final class LayoutWriter {
  /** The second copy of every blob for DUPLICATE_ENTRIES: a valid but different layer. */
  private static final byte[] DUPLICATE_LAYER = duplicateLayer();

  private static final byte[] DUPLICATE_CONFIG =
      "{\"duplicate\":\"the first copy of this entry must win\"}".getBytes(StandardCharsets.UTF_8);

  private LayoutWriter() {}

  /** Bytes written after the end-of-archive marker for {@link Quirk#OUTER_TRAILING_DATA}. */
  static final byte[] TRAILING_DATA = trailingData();

  /** The record size GNU tar pads an archive to ({@link Quirk#OUTER_RECORD_PADDING}). */
  static final int RECORD = 10240;

  static void write(Layout layout, Corruption corruption, OutputStream out) throws IOException {
    write(layout, corruption, List.of(), out);
  }

  /**
   * Writes the layout with the defects of a corruption and the shapes of the quirks: {@code
   * manifest.json} encoded as {@link ManifestQuirks} says, and the tar-level shapes (PAX or GNU
   * headers, padding, trailing data); the quirks' entry-level shapes are already in the layout
   * ({@link TarQuirkShapes}).
   */
  static void write(Layout layout, Corruption corruption, List<Quirk> quirks, OutputStream out)
      throws IOException {
    List<ItemDraft> items = new ArrayList<>(layout.items());
    List<Entry> entries = new ArrayList<>(layout.entries());
    String layerTarget = null;
    String configTarget = null;
    if (!items.isEmpty()) {
      ItemDraft first = items.get(0);
      configTarget = first.config();
      layerTarget = first.layers().isEmpty() ? null : first.layers().get(0);
    }
    switch (corruption) {
      case MISSING_LAYER -> entries.remove(find(entries, layerTarget, Role.LAYER));
      case MISSING_CONFIG -> entries.remove(find(entries, configTarget, Role.CONFIG));
      case MISSING_MANIFEST -> entries.remove(find(entries, "manifest.json", Role.MANIFEST));
      case LAYER_COUNT_MISMATCH -> {
        List<String> layers = new ArrayList<>(items.get(0).layers());
        layers.add(layerTarget != null ? layerTarget : configTarget);
        items.set(0, items.get(0).withLayers(layers));
      }
      case ABSOLUTE_PATH -> {
        List<String> layers = new ArrayList<>(items.get(0).layers());
        layers.set(0, "/" + layerTarget);
        items.set(0, items.get(0).withLayers(layers));
      }
      case SYMLINK_LOOP -> {
        int at = find(entries, layerTarget, Role.LAYER);
        Entry old = entries.get(at);
        String base = baseName(old.name());
        entries.set(at, Entry.symlink(old.name(), base + ".loop", 0, old.mtime(), Role.LAYER));
        entries.add(at + 1, Entry.symlink(old.name() + ".loop", base, 0, old.mtime(), Role.OTHER));
      }
      case SYMLINK_ESCAPE -> {
        int at = find(entries, layerTarget, Role.LAYER);
        Entry old = entries.get(at);
        int depth = old.name().split("/").length;
        String target = "../".repeat(depth) + "outside-the-archive/" + baseName(old.name());
        entries.set(at, Entry.symlink(old.name(), target, 0, old.mtime(), Role.LAYER));
      }
      case DUPLICATE_ENTRIES -> {
        List<Entry> doubled = new ArrayList<>(entries.size() * 2);
        for (Entry e : entries) {
          doubled.add(e);
          if (e.kind() == Kind.FILE && (e.role() == Role.LAYER || e.role() == Role.CONFIG)) {
            byte[] other = e.role() == Role.LAYER ? DUPLICATE_LAYER : DUPLICATE_CONFIG;
            doubled.add(Entry.bytes(e.name(), e.mode(), e.mtime(), other, Role.OTHER));
          }
        }
        entries = doubled;
      }
      default -> {
        // the other defects are built in while writing, or when the images were planned
      }
    }
    TarSink sink = new TarSink(out, layout.style(), layout.owner());
    if (quirks.contains(Quirk.OUTER_GNU_LONG_NAMES)) {
      sink.longNames(TarSink.LongNames.GNU);
    } else if (quirks.contains(Quirk.OUTER_PAX_LONG_NAMES)
        || quirks.contains(Quirk.OUTER_PAX_HEADERS)) {
      sink.longNames(TarSink.LongNames.PAX);
    }
    sink.paxEveryEntry(quirks.contains(Quirk.OUTER_PAX_HEADERS));
    if (corruption == Corruption.BAD_HEADER_CHECKSUM) {
      sink.corruptChecksumOfEntry(0);
    }
    for (Entry e : entries) {
      if (corruption == Corruption.TRUNCATED
          && e.role() == Role.LAYER
          && e.kind() == Kind.FILE
          && names(e, layerTarget)) {
        sink.cutAt(sink.position() + 512 + Math.max(1, e.size() / 2));
      }
      switch (e.kind()) {
        case DIRECTORY -> sink.directory(e.name(), e.mode(), e.mtime());
        case SYMLINK -> sink.symlink(e.name(), e.target(), e.mode(), e.mtime());
        case HARDLINK -> sink.hardlink(e.name(), e.target(), e.mode(), e.mtime());
        case FILE -> {
          if (e.role() == Role.MANIFEST) {
            sink.file(
                e.name(),
                e.mode(),
                e.mtime(),
                manifest(layout.format(), items, corruption, quirks));
          } else {
            sink.file(e.name(), e.mode(), e.mtime(), e.size(), e.content());
          }
        }
      }
    }
    sink.finish();
    if (quirks.contains(Quirk.OUTER_RECORD_PADDING) || quirks.contains(Quirk.OUTER_TRAILING_DATA)) {
      sink.padToRecord(RECORD);
    }
    if (quirks.contains(Quirk.OUTER_TRAILING_DATA)) {
      // after the record, where readers that allow record padding (ARC-9) no longer expect zeros
      sink.raw(TRAILING_DATA);
    }
  }

  private static byte[] trailingData() {
    byte[] block = new byte[512];
    byte[] text =
        "data after the end-of-archive marker: readers stop at the marker and never see this\n"
            .getBytes(StandardCharsets.UTF_8);
    System.arraycopy(text, 0, block, 0, text.length);
    return block;
  }

  private static byte[] manifest(
      ManifestJson format, List<ItemDraft> items, Corruption c, List<Quirk> quirks) {
    return switch (c) {
      case MANIFEST_NOT_ARRAY ->
          (items.isEmpty() ? "{}" : ManifestQuirks.encodeItem(format, items, 0, quirks))
              .getBytes(StandardCharsets.UTF_8);
      case OVERSIZED_MANIFEST -> {
        byte[] json = ManifestQuirks.encode(format, items, quirks);
        byte[] padded = Arrays.copyOf(json, Math.max(json.length, (1 << 20) + 1));
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        yield padded;
      }
      default -> ManifestQuirks.encode(format, items, quirks);
    };
  }

  private static int find(List<Entry> entries, String name, Role role) {
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.role() == role && e.kind() == Kind.FILE && names(e, name)) {
        return i;
      }
    }
    throw new IllegalStateException("no " + role + " entry named \"" + name + "\" to corrupt");
  }

  /**
   * Whether an entry is the one a {@code manifest.json} path names, also when {@link
   * Quirk#OUTER_DOT_SLASH_NAMES} stored it under {@code ./}.
   */
  private static boolean names(Entry e, String path) {
    return e.name().equals(path) || e.name().equals("./" + path);
  }

  private static String baseName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static byte[] duplicateLayer() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, 512);
      byte[] text =
          "a second copy of this entry; the first must win\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("duplicate-entry.txt");
      e.setSize(text.length);
      e.setModTime(0);
      e.setUserName("");
      e.setGroupName("");
      tar.putArchiveEntry(e);
      tar.write(text);
      tar.closeArchiveEntry();
      tar.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
