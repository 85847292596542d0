package io.github.dockerarchive.testkit.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.internal.JsonTrees;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OCI layout some producers write beside {@code manifest.json} (Docker 25+ hybrid, containerd,
 * Docker with the containerd store): {@code index.json} and the manifests it names must describe
 * the images {@code manifest.json} lists (OCI-1), every descriptor must match its blob (OCI-2),
 * every blob a selected image needs must be there (OCI-3), and {@code
 * org.opencontainers.image.ref.name} must follow the OCI grammar (OCI-4). Readers ignore all of it
 * (ARC-3); loaders that read the OCI side (containerd, Docker with the containerd store) get
 * another image when the two disagree.
 *
 * <p>Nested indexes are followed; attestation manifests are skipped; an untagged item need not be
 * named ({@code docker save} of Docker 25-28 writes one descriptor per tag, and {@code "manifests":
 * null} for an untagged image); in a nested index a manifest whose blob is absent, or whose config
 * no item has, is another platform's and is ignored (DIA-7). Layers are compared by the entries
 * they resolve to (or, for two entries, by decompressed content); the digests of layer blobs come
 * from the pass that hashed them for their diffIDs.
 */
final class OciLayoutCheck {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
  private static final Pattern REF = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final int MAX_DEPTH = 8;
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One item of {@code manifest.json} that loaded.
   *
   * @param index the item's index
   * @param configDigest the sha256 of its config
   * @param paths its {@code Layers} paths
   * @param entries the entry each path resolves to (null where it does not)
   * @param diffIds the config's diffIDs
   * @param tagged whether the item has tags (Docker 25-28 name only tagged images in index.json)
   */
  record LoadedItem(
      int index,
      Digest configDigest,
      List<String> paths,
      List<String> entries,
      List<Digest> diffIds,
      boolean tagged) {}

  private final ArchiveReader reader;
  private final List<LoadedItem> items;
  private final List<Problem> problems;
  private final Set<Integer> matched = new HashSet<>();

  private OciLayoutCheck(ArchiveReader reader, List<LoadedItem> items, List<Problem> problems) {
    this.reader = reader;
    this.items = items;
    this.problems = problems;
  }

  /** Checks the OCI layout of the archive, if it has an {@code index.json}. */
  static void check(ArchiveReader reader, List<LoadedItem> items, List<Problem> problems) {
    TarEntry indexEntry;
    try {
      indexEntry = reader.resolve("index.json", "OCI-1");
    } catch (EntryNotFoundException e) {
      return; // no OCI layout
    } catch (ArchiveException e) {
      problems.add(new Problem(Severity.ERROR, "OCI-1", -1, "index.json: " + e.getMessage()));
      return;
    }
    OciLayoutCheck check = new OciLayoutCheck(reader, items, problems);
    JsonNode index = check.readJson(indexEntry, "index.json", reader.options().manifestLimit());
    if (index == null) {
      return;
    }
    if (!index.path("manifests").isArray() && !index.path("manifests").isNull()) {
      check.error(
          "OCI-1",
          "index.json: expected \"manifests\" to be an array of descriptors, got "
              + index.path("manifests").getNodeType());
      return;
    }
    check.walk(index, "index.json", 0, false);
    for (LoadedItem item : items) {
      if (item.tagged() && !check.matched.contains(item.index())) {
        problems.add(
            new Problem(
                Severity.ERROR,
                "OCI-1",
                item.index(),
                "index.json names no OCI manifest of this image: expected a manifest with config "
                    + item.configDigest()
                    + " (the config of manifest.json item @"
                    + item.index()
                    + "), found none"));
      }
    }
  }

  /** Every descriptor of an index; returns whether any of them is an image of manifest.json. */
  private boolean walk(JsonNode index, String where, int depth, boolean nested) {
    boolean selectedAny = false;
    JsonNode manifests = index.path("manifests");
    for (int k = 0; k < manifests.size(); k++) {
      JsonNode d = manifests.get(k);
      String at = where + " manifests[" + k + "]";
      checkRefName(d, at);
      if ("attestation-manifest"
          .equals(d.path("annotations").path("vnd.docker.reference.type").asText(null))) {
        continue;
      }
      Digest digest = digestOf(d, at);
      if (digest == null) {
        continue;
      }
      TarEntry entry = blob(digest);
      if (entry == null) {
        if (!nested) {
          error(
              "OCI-3",
              at + " names blob " + digest + " (" + d.path("mediaType").asText("") + "): absent");
        }
        continue; // in a nested index: a platform nobody selected (DIA-7)
      }
      byte[] bytes = readBlob(entry, d, digest, at);
      if (bytes == null) {
        continue;
      }
      JsonNode doc = parse(bytes, at + " (blob " + digest + ")");
      if (doc == null) {
        continue;
      }
      String mediaType = d.path("mediaType").asText(doc.path("mediaType").asText(""));
      if (mediaType.equals(MediaTypes.OCI_INDEX)
          || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST)
          || (!doc.has("config") && doc.path("manifests").isArray())) {
        if (depth >= MAX_DEPTH) {
          error("OCI-1", at + ": indexes nested deeper than " + MAX_DEPTH + " levels");
          continue;
        }
        String child = "index " + digest.shortForm();
        if (walk(doc, child, depth + 1, true)) {
          selectedAny = true;
        } else {
          error(
              "OCI-1",
              at
                  + " names index "
                  + digest
                  + ", which lists no image of manifest.json (expected one manifest whose"
                  + " config a manifest.json item has, found none)");
        }
      } else if (doc.has("config")) {
        if (imageManifest(doc, at, digest, nested)) {
          selectedAny = true;
        }
      }
    }
    return selectedAny;
  }

  /** An image manifest: matched to an item by config digest, then compared layer by layer. */
  private boolean imageManifest(JsonNode manifest, String at, Digest digest, boolean nested) {
    String what = at + " (manifest " + digest + ")";
    Digest config = digestOf(manifest.path("config"), what + " config");
    if (config == null) {
      return false;
    }
    // An item not matched yet, else one already matched (one manifest per tag, DIA-3).
    LoadedItem item = null;
    for (LoadedItem candidate : items) {
      if (candidate.configDigest().equals(config)
          && (item == null || !matched.contains(candidate.index()))) {
        if (item == null || matched.contains(item.index())) {
          item = candidate;
        }
      }
    }
    if (item == null) {
      if (!nested) {
        error(
            "OCI-1",
            what
                + " has config "
                + config
                + ", which no manifest.json item has (expected one of "
                + items.stream().map(i -> i.configDigest().toString()).toList()
                + ")");
      }
      return false;
    }
    matched.add(item.index());
    TarEntry configEntry = blob(config);
    if (configEntry == null) {
      error("OCI-3", what + " names config blob " + config + ": absent");
    } else {
      readBlob(configEntry, manifest.path("config"), config, what + " config");
    }
    JsonNode layers = manifest.path("layers");
    if (layers.size() != item.paths().size()) {
      error(
          "OCI-1",
          what
              + " lists "
              + layers.size()
              + " layers, manifest.json item @"
              + item.index()
              + " lists "
              + item.paths().size());
    }
    for (int i = 0; i < layers.size(); i++) {
      JsonNode d = layers.get(i);
      String layerAt = what + " layers[" + i + "]";
      Digest layerDigest = digestOf(d, layerAt);
      if (layerDigest == null) {
        continue;
      }
      TarEntry entry = blob(layerDigest);
      if (entry == null) {
        error("OCI-3", layerAt + " names blob " + layerDigest + ": absent");
        continue;
      }
      checkLayerBlob(entry, d, layerDigest, layerAt);
      if (i < item.paths().size()) {
        compareLayer(item, i, entry, layerDigest, layerAt);
      }
    }
    return true;
  }

  /** OCI-2 for a layer blob: its size from the index, its digest from the hashing pass. */
  private void checkLayerBlob(TarEntry entry, JsonNode d, Digest digest, String at) {
    compare(d, at, entry, entry.size(), digest, null);
    if (!digest.algorithm().equals(Digest.SHA256)) {
      return;
    }
    try {
      compare(d, at, entry, entry.size(), digest, reader.measurements().storedDigest(entry));
    } catch (ArchiveException e) {
      error("OCI-2", at + ": reading blob \"" + entry.rawName() + "\": " + e.getMessage());
    }
  }

  /** OCI-1: the OCI layer is the item's layer at the same position. */
  private void compareLayer(LoadedItem item, int i, TarEntry entry, Digest digest, String at) {
    String itemEntry = item.entries().get(i);
    if (itemEntry == null || itemEntry.equals(entry.name())) {
      return; // the same entry (or a path already reported, ARC-12)
    }
    Digest diffId = item.diffIds().get(i);
    try {
      Digest content = reader.measurements().contentDigest(entry, diffId.algorithm()).digest();
      if (content.equals(diffId)) {
        return; // another entry holding the same layer
      }
      error(
          "OCI-1",
          at
              + " is blob "
              + digest
              + " (content "
              + content
              + ") but Layers["
              + i
              + "] of manifest.json item @"
              + item.index()
              + " is \""
              + item.paths().get(i)
              + "\" (diffID "
              + diffId
              + "): the two sides list different layers");
    } catch (ArchiveException e) {
      error("OCI-1", at + ": reading blob \"" + entry.rawName() + "\": " + e.getMessage());
    }
  }

  /** OCI-4 on a descriptor's annotations. */
  private void checkRefName(JsonNode d, String at) {
    JsonNode ref = d.path("annotations").path(REF_NAME);
    if (ref.isMissingNode()) {
      return;
    }
    String value = ref.asText();
    if (!ref.isTextual() || !REF.matcher(value).matches()) {
      problems.add(
          new Problem(
              Severity.WARNING,
              "OCI-4",
              -1,
              at
                  + " annotation "
                  + REF_NAME
                  + " is "
                  + ref
                  + ", which does not follow the OCI grammar (components of [A-Za-z0-9]"
                  + " joined by one of -._:@+ or --, separated by /)"));
    }
  }

  /** The descriptor's digest, or null (reported: OCI-2). */
  private Digest digestOf(JsonNode d, String at) {
    String text = d.path("digest").asText(null);
    if (text == null || !Digest.isValid(text)) {
      error("OCI-2", at + " has digest " + d.path("digest") + ", which is not a valid digest");
      return null;
    }
    try {
      return Digest.parse(text);
    } catch (ArchiveException e) {
      error("OCI-2", at + " has digest \"" + text + "\": " + e.getMessage());
      return null;
    }
  }

  /** The entry of a blob ({@code blobs/<algorithm>/<hex>}), or null when absent. */
  private TarEntry blob(Digest digest) {
    try {
      return reader.resolve("blobs/" + digest.algorithm() + "/" + digest.hex(), "OCI-3");
    } catch (ArchiveException e) {
      return null;
    }
  }

  /** A small blob (manifest, index, config), checked against its descriptor (OCI-2). */
  private byte[] readBlob(TarEntry entry, JsonNode d, Digest digest, String at) {
    byte[] bytes;
    try {
      bytes = reader.readEntry(entry, reader.options().configLimit(), "RD-3");
    } catch (ArchiveException e) {
      error("OCI-2", at + ": reading blob \"" + entry.rawName() + "\": " + e.getMessage());
      return null;
    }
    compare(d, at, entry, bytes.length, digest, null);
    compare(
        d,
        at,
        entry,
        bytes.length,
        digest,
        Digest.of(digest.algorithm(), hash(digest.algorithm(), bytes)));
    return bytes;
  }

  /**
   * OCI-2: the descriptor's size against the blob's ({@code actual == null}), or its digest against
   * {@code actual}.
   */
  private void compare(
      JsonNode d, String at, TarEntry entry, long size, Digest digest, Digest actual) {
    String blob = " but blob \"" + entry.rawName() + "\" ";
    if (actual == null && d.path("size").asLong(-1) != size) {
      error("OCI-2", at + " says size " + d.path("size") + blob + "holds " + size + " bytes");
    } else if (actual != null && !actual.equals(digest)) {
      error("OCI-2", at + " says digest " + digest + blob + "hashes to " + actual);
    }
  }

  private static byte[] hash(String algorithm, byte[] bytes) {
    return Digest.newMessageDigest(algorithm).digest(bytes);
  }

  private JsonNode readJson(TarEntry entry, String what, long limit) {
    try {
      return parse(reader.readEntry(entry, limit, "RD-3"), what);
    } catch (ArchiveException e) {
      error("OCI-1", what + ": " + e.getMessage());
      return null;
    }
  }

  private JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode node = JsonTrees.read(JSON, bytes, false);
      if (node == null || !node.isObject()) {
        error(
            "OCI-1",
            what
                + ": expected a JSON object, got "
                + (node == null ? "nothing" : node.getNodeType()));
        return null;
      }
      return node;
    } catch (IOException e) {
      error("OCI-1", what + ": not JSON: " + e.getMessage());
      return null;
    }
  }

  private void error(String rule, String message) {
    problems.add(new Problem(Severity.ERROR, rule, -1, message));
  }
}
