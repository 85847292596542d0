package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * DIA-2, {@code docker save} up to Docker 24 (docs/peers.md §1.1): per layer a directory {@code
 * <v1id>/} with {@code VERSION}, {@code json} and {@code layer.tar}, where a layer already written
 * under another ID becomes the symlink {@code ../<otherid>/layer.tar}; the config {@code
 * <id>.json}; {@code manifest.json} with familiar {@code RepoTags} ({@code null} when untagged);
 * {@code repositories} (familiar name → tag → top v1 ID) only when something is tagged. Entries in
 * byte-wise name order, directory entries included, modes with type bits ({@code 040755}, {@code
 * 0100644}, {@code 0120777}), layer directories and the config dated at the image's creation,
 * {@code manifest.json} and {@code repositories} at 0.
 *
 * <p>The v1 IDs and {@code json} documents are Docker's ({@link DockerV1Layers}); {@code
 * manifest.json} and {@code repositories} end with a newline ({@code json.Encoder}); every entry
 * names {@code root} as user and group. For an image whose config has a {@code created} time the
 * archive is byte for byte what Docker 20.10's {@code docker save} writes after loading it (an
 * interop test proves it where Docker is installed).
 */
final class DockerLegacyWriter implements DialectWriter {
  private static final int FILE = TarSink.TYPE_FILE | 0644;
  private static final int DIR = TarSink.TYPE_DIR | 0755;
  private static final int LINK = TarSink.TYPE_SYMLINK | 0777;

  @Override
  public boolean sortsByName() {
    return true;
  }

  @Override
  public Layout layout(List<PlannedImage> images) {
    List<Entry> entries = new ArrayList<>();
    List<ItemDraft> items = new ArrayList<>();
    Set<String> written = new HashSet<>();
    Map<String, String> idByBlob = new HashMap<>();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    boolean tagged = false;
    for (PlannedImage image : images) {
      long created = image.createdSeconds();
      List<DockerV1Layers.Layer> legacy = DockerV1Layers.compute(image.configSpec, image.diffIds());
      List<String> layerPaths = new ArrayList<>();
      for (int i = 0; i < legacy.size(); i++) {
        String id = legacy.get(i).id();
        LayerBlob blob = image.layers.get(i);
        layerPaths.add(id + "/layer.tar");
        if (!written.add(id + "/")) {
          continue;
        }
        entries.add(Entry.directory(id + "/", DIR, created));
        entries.add(
            Entry.bytes(
                id + "/VERSION",
                FILE,
                created,
                "1.0".getBytes(StandardCharsets.US_ASCII),
                Role.OTHER));
        entries.add(Entry.bytes(id + "/json", FILE, created, legacy.get(i).json(), Role.OTHER));
        String blobKey = blob.storedDigest + "/" + blob.compression;
        String other = idByBlob.putIfAbsent(blobKey, id);
        if (other == null) {
          entries.add(Entry.layer(id + "/layer.tar", FILE, created, blob));
        } else {
          entries.add(
              Entry.symlink(
                  id + "/layer.tar", "../" + other + "/layer.tar", LINK, created, Role.OTHER));
        }
      }
      String configName = image.configNameHex + ".json";
      if (written.add(configName)) {
        entries.add(Entry.bytes(configName, FILE, created, image.config, Role.CONFIG));
      }
      Set<String> tags = new LinkedHashSet<>();
      for (String tag : image.tags) {
        tagged = true;
        tags.add(Tags.familiar(tag));
        Tags.Parsed parsed = Tags.parse(tag);
        if (parsed != null && !legacy.isEmpty()) {
          repositories
              .computeIfAbsent(parsed.familiarName(), k -> new TreeMap<>())
              .put(parsed.tag(), legacy.get(legacy.size() - 1).id());
        }
      }
      items.add(
          new ItemDraft(
              image, configName, tags.isEmpty() ? null : List.copyOf(tags), layerPaths, null));
    }
    entries.add(Entry.manifest(FILE, 0));
    if (tagged) {
      // json.Encoder: the document and a newline
      byte[] json = ContainersImageWriter.repositoriesJson(repositories);
      byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
      withNewline[json.length] = '\n';
      entries.add(Entry.bytes("repositories", FILE, 0, withNewline, Role.OTHER));
    }
    entries.sort(BY_NAME);
    return new Layout(
        entries, items, new ManifestJson(false, true), TarHeader.NumberStyle.GO, "root");
  }

  /** Byte-wise order of the UTF-8 names, as a directory walk in lexical order gives. */
  static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::name);
}
