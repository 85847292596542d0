package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.archive.ArchiveReader.Measurement;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Checks an archive completely: every image loads, every layer's decompressed bytes hash to its
 * diffID, every {@code Layers} path of a repeated layer resolves to the same bytes (ARC-12), the
 * layer tars have no duplicate members or dangling hard links (LAY-1, LAY-2), an OCI layout beside
 * {@code manifest.json} agrees with it (OCI-1..4), and the tar itself has no unsafe names. Errors
 * are what a Go-based loader fails on or content that is wrong; producer oddities that loaders
 * accept are warnings with a rule ID (duplicate names, ARC-7; a config named for another digest,
 * ARC-8; data after the end-of-archive marker, ARC-9; no image at all, ARC-13; more layers than
 * Docker loads, ARC-14; a tag held by two items, SEL-7). Each distinct layer entry is read once,
 * however many images share it: its hashing also walks its tar headers and hashes its stored bytes.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveVerifier {
  /**
   * The most layers an image may have for Docker to load it (ARC-14): moby's layer store ({@code
   * layer/layer_store.go}, {@code maxLayerDepth = 125}) refuses to register a layer whose parent
   * chain is already 125 deep ({@code p.depth() >= maxLayerDepth}, a base layer has depth 1), so
   * layer 126 fails.
   */
  public static final int MAX_LAYER_DEPTH = 125;

  private static final Pattern DIGEST_IN_NAME =
      Pattern.compile("(?:^|/)(?:sha256:|sha256/)?([0-9a-f]{64})(?:\\.json)?$");

  /** Receives progress while layers are hashed. */
  @FunctionalInterface
  public interface ProgressListener {
    /**
     * Called after each layer entry has been hashed.
     *
     * @param doneBytes stored bytes hashed so far
     * @param totalBytes stored bytes to hash in all
     */
    void progress(long doneBytes, long totalBytes);

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> {};
  }

  private ArchiveVerifier() {}

  /**
   * Opens and verifies an archive. A {@code manifest.json} whose fields have the wrong types (which
   * no Go-based loader decodes, ARC-11) is a report with that one error rather than an exception.
   *
   * @param path the archive
   * @param options the reader's options
   * @param listener progress receiver
   * @return every problem found, in archive order
   * @throws ArchiveException if the archive cannot be read at all (not a tar, no {@code
   *     manifest.json}, {@code manifest.json} not JSON)
   */
  public static VerificationReport verify(
      Path path, ReaderOptions options, ProgressListener listener) throws ArchiveException {
    ArchiveReader reader;
    try {
      reader = ArchiveReader.open(path, options);
    } catch (InvalidManifestException e) {
      if (!"ARC-11".equals(e.rule())) {
        throw e;
      }
      return new VerificationReport(
          0, 0, 0, List.of(new Problem(Severity.ERROR, e.rule(), -1, e.getMessage())));
    }
    try (reader) {
      return verify(reader, listener);
    } catch (IOException e) {
      throw new ArchiveException(
          "RD-1", "closing the reader of \"" + path + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Verifies every image of an archive.
   *
   * @param reader an open reader
   * @param listener progress receiver
   * @return every problem found, in archive order
   */
  public static VerificationReport verify(ArchiveReader reader, ProgressListener listener) {
    List<Problem> problems = new ArrayList<>();
    checkNames(reader, problems);
    checkTags(reader.manifest(), problems);
    if (reader.manifest().isEmpty()) {
      problems.add(
          new Problem(
              Severity.WARNING,
              "ARC-13",
              -1,
              "manifest.json holds no image (null or []): expected at least 1 item, got 0;"
                  + " loaders load nothing from it"));
    }
    Map<String, LayerCheck> layers = new LinkedHashMap<>();
    Map<Digest, LayerUse> firstUse = new HashMap<>();
    List<OciLayoutCheck.LoadedItem> loaded = new ArrayList<>();
    int imageCount = 0;
    for (int i = 0; i < reader.manifest().size(); i++) {
      ImageSource source = reader.imageSource(null, i);
      try {
        checkConfigName(i, source, problems);
        checkDepth(i, source, problems);
        List<LayerInfo> infos = source.layers();
        List<String> paths = source.selection().item().layers();
        List<String> entries = new ArrayList<>(infos.size());
        for (int k = 0; k < infos.size(); k++) {
          LayerInfo layer = infos.get(k);
          String path = paths.get(k);
          String entryName = layer.entryName();
          long storedSize = layer.storedSize();
          if (!EntryPaths.clean(path).equals(EntryPaths.clean(layer.path()))) {
            TarEntry other = repeatedPath(reader, i, k, path, layer, problems);
            if (other == null) {
              entries.add(null);
              continue;
            }
            entryName = other.name();
            storedSize = other.size();
          }
          long size = storedSize;
          entries.add(entryName);
          LayerUse first = firstUse.get(layer.diffId());
          String rule = first == null || first.entryName.equals(entryName) ? "SRC-7" : "ARC-12";
          LayerUse use = new LayerUse(i, path, entryName, layer.diffId(), rule, first);
          firstUse.putIfAbsent(layer.diffId(), use);
          LayerCheck check = layers.computeIfAbsent(entryName, e -> new LayerCheck(path, e, size));
          if (check.users.stream()
              .noneMatch(u -> u.image == use.image && u.diffId.equals(use.diffId))) {
            check.users.add(use);
          }
        }
        loaded.add(
            new OciLayoutCheck.LoadedItem(
                i,
                source.configDigest(),
                paths,
                entries,
                source.diffIds(),
                source.selection().item().isTagged()));
        imageCount++;
      } catch (ArchiveException e) {
        problems.add(new Problem(Severity.ERROR, e.rule(), i, e.getMessage()));
      }
    }
    hashLayers(reader, List.copyOf(layers.values()), listener, problems);
    OciLayoutCheck.check(reader, loaded, problems);
    return new VerificationReport(reader.manifest().size(), imageCount, layers.size(), problems);
  }

  /**
   * A later {@code Layers} path of a diffID the image already lists (ARC-12): Docker's loader opens
   * every path, so each must resolve inside the archive; its entry is hashed like any other.
   *
   * @return the entry the path resolves to, or null (reported)
   */
  private static TarEntry repeatedPath(
      ArchiveReader reader,
      int image,
      int position,
      String path,
      LayerInfo first,
      List<Problem> problems) {
    try {
      return reader.resolve(path, "ARC-12");
    } catch (ArchiveException e) {
      problems.add(
          new Problem(
              Severity.ERROR,
              "ARC-12",
              image,
              "Layers["
                  + position
                  + "] \""
                  + path
                  + "\" repeats diffID "
                  + first.diffId()
                  + " (first at \""
                  + first.path()
                  + "\") but does not resolve inside the archive, as Docker's loader needs: "
                  + e.getMessage()));
      return null;
    }
  }

  /** Warns of an image Docker's layer store cannot hold (ARC-14). */
  private static void checkDepth(int index, ImageSource source, List<Problem> problems)
      throws ArchiveException {
    int count = source.diffIds().size();
    if (count > MAX_LAYER_DEPTH) {
      problems.add(
          new Problem(
              Severity.WARNING,
              "ARC-14",
              index,
              "the image has "
                  + count
                  + " layers; Docker loads at most "
                  + MAX_LAYER_DEPTH
                  + " (its layer store's maxLayerDepth) and fails on layer "
                  + (MAX_LAYER_DEPTH + 1)
                  + " with \"max depth exceeded\""));
    }
  }

  /**
   * Hashes the distinct layer entries on up to one thread per core (each entry on one thread, in
   * parallel with the others), then reports problems in archive order.
   */
  private static void hashLayers(
      ArchiveReader reader,
      List<LayerCheck> checks,
      ProgressListener listener,
      List<Problem> problems) {
    long total = checks.stream().mapToLong(c -> c.storedSize).sum();
    AtomicLong done = new AtomicLong();
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), checks.size()));
    List<List<Problem>> found = new ArrayList<>();
    checks.forEach(c -> found.add(new ArrayList<>()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dockerarchive-verify");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        LayerCheck check = checks.get(i);
        List<Problem> sink = found.get(i);
        futures.add(
            pool.submit(
                () -> {
                  hashLayer(reader, check, sink);
                  long now = done.addAndGet(check.storedSize);
                  synchronized (listener) {
                    listener.progress(now, total);
                  }
                }));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          futures.get(i).get();
        } catch (ExecutionException e) {
          found
              .get(i)
              .add(new Problem(Severity.ERROR, null, -1, "hashing failed: " + e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          found.get(i).add(new Problem(Severity.ERROR, null, -1, "interrupted"));
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    found.forEach(problems::addAll);
  }

  private static void checkNames(ArchiveReader reader, List<Problem> problems) {
    for (TarEntry entry : reader.entries()) {
      if (!EntryPaths.isInside(entry.name()) && !entry.name().equals(".")) {
        problems.add(
            new Problem(
                Severity.ERROR,
                "SAFE-2",
                -1,
                "entry \""
                    + entry.rawName()
                    + "\" at byte offset "
                    + entry.headerOffset()
                    + " is absolute or leaves the archive"));
      }
    }
    if (reader.trailingDataOffset() >= 0) {
      problems.add(
          new Problem(
              Severity.WARNING,
              "ARC-9",
              -1,
              "data follows the end-of-archive marker (from byte offset "
                  + reader.trailingDataOffset()
                  + " of the tar); it was ignored, as Go's archive/tar ignores it: nothing after"
                  + " the marker is read, decompressed or hashed"));
    }
    for (String name : reader.duplicateEntryNames()) {
      problems.add(
          new Problem(
              Severity.WARNING,
              "ARC-7",
              -1,
              "entry \"" + name + "\" occurs more than once; the first occurrence is used"));
    }
  }

  /**
   * Warns of a tag held by more than one item (SEL-7): a selection by it reads the first such item,
   * as the reference does, while {@code docker load} leaves the tag on the last.
   */
  private static void checkTags(List<ManifestItem> items, List<Problem> problems) {
    Map<String, Integer> holders = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      for (String tag : items.get(i).repoTags()) {
        String canonical;
        try {
          canonical = DockerReference.parseNormalized(tag).canonical();
        } catch (ArchiveException e) {
          continue; // an unparseable tag is SEL-5's concern
        }
        Integer first = holders.putIfAbsent(canonical, i);
        if (first != null && first != i) {
          problems.add(
              new Problem(
                  Severity.WARNING,
                  "SEL-7",
                  i,
                  "tag "
                      + canonical
                      + " is held by items @"
                      + first
                      + " and @"
                      + i
                      + "; a selection by it reads @"
                      + first
                      + " (the first), docker load leaves it on the last"));
        }
      }
    }
  }

  private static void checkConfigName(int index, ImageSource source, List<Problem> problems)
      throws ArchiveException {
    String config = source.selection().item().config();
    Digest actual = source.configDigest();
    Matcher m = DIGEST_IN_NAME.matcher(config);
    if (m.find() && !m.group(1).equals(actual.hex())) {
      // The name means nothing to a loader (skopeo, Docker and containerd hash the bytes), so the
      // archive loads: a producer oddity, not a failure (ARC-8).
      problems.add(
          new Problem(
              Severity.WARNING,
              "ARC-8",
              index,
              "config \""
                  + config
                  + "\" is named for sha256:"
                  + m.group(1)
                  + " but its bytes hash to "
                  + actual
                  + "; loaders ignore the name and use "
                  + actual
                  + " as the image ID"));
    }
  }

  private static void hashLayer(ArchiveReader reader, LayerCheck check, List<Problem> problems) {
    LayerUse owner = check.users.get(0);
    Measurement m;
    TarEntry entry;
    try {
      entry = reader.resolve(check.path, "ARC-2");
      m = reader.measurements().contentDigest(entry, owner.diffId.algorithm());
    } catch (ArchiveException e) {
      for (LayerUse use : check.users) {
        problems.add(new Problem(Severity.ERROR, e.rule(), use.image, e.getMessage()));
      }
      return;
    }
    for (LayerUse use : check.users) {
      if (m.digest().algorithm().equals(use.diffId.algorithm()) && !m.digest().equals(use.diffId)) {
        problems.add(new Problem(Severity.ERROR, use.rule, use.image, mismatch(use, m.digest())));
      }
    }
    LayerMeasurements.LayerScan scan = reader.measurements().scan(entry);
    if (scan != null) {
      reportMembers(check, scan.findings(), owner.image, problems);
    }
  }

  private static String mismatch(LayerUse use, Digest actual) {
    if (use.rule.equals("ARC-12")) {
      return "layer \""
          + use.path
          + "\" repeats diffID "
          + use.diffId
          + " (first at \""
          + use.first.path
          + "\") but resolves to entry \""
          + use.entryName
          + "\", whose content hashes to "
          + actual
          + "; every path of a layer must hold the same bytes";
    }
    return "layer \""
        + use.path
        + "\": content hashes to "
        + actual
        + " but the config lists diffID "
        + use.diffId;
  }

  /**
   * A problem about some members of a layer, when there are any: their count and the first few
   * names, then what is wrong with them.
   */
  private static void reportCounted(
      List<Problem> problems,
      Severity severity,
      String rule,
      int image,
      String layer,
      long count,
      List<String> first,
      String what) {
    if (count > 0) {
      problems.add(
          new Problem(
              severity,
              rule,
              image,
              layer
                  + ": "
                  + count
                  + " ("
                  + String.join(", ", first)
                  + (count > first.size() ? ", ..." : "")
                  + ") "
                  + what));
    }
  }

  /**
   * LAY-1, LAY-2 and SAFE-2 for one layer entry's members, reported once, on the first image using
   * it.
   */
  private static void reportMembers(
      LayerCheck check, LayerTarScan.Findings f, int image, List<Problem> problems) {
    String layer = "layer \"" + check.path + "\"";
    reportCounted(
        problems,
        Severity.WARNING,
        "LAY-1",
        image,
        layer,
        f.duplicateCount(),
        f.duplicates(),
        "member(s) repeating an earlier member's name (expected each name once);"
            + " extraction keeps the last, readers of the tar differ");
    reportCounted(
        problems,
        Severity.ERROR,
        "LAY-2",
        image,
        layer,
        f.danglingCount(),
        f.danglingLinks(),
        "hard link(s) whose target is not an earlier member of the layer;"
            + " extracting the layer fails on them");
    reportCounted(
        problems,
        Severity.ERROR,
        "SAFE-2",
        image,
        layer,
        f.escapingCount(),
        f.escaping(),
        "member name(s) absolute or climbing out through \"..\" (expected names"
            + " relative to the layer root); Docker and podman confine them, a naive"
            + " extractor writes outside its target");
    if (f.capped()) {
      problems.add(
          new Problem(
              Severity.WARNING,
              "LAY-1",
              image,
              layer
                  + " has more member names than verify remembers ("
                  + LayerTarScan.MAX_NAMES
                  + " names or "
                  + LayerTarScan.MAX_NAME_CHARS
                  + " characters); LAY-1 and LAY-2 were checked for the first members only, of "
                  + f.members()));
    }
  }

  /**
   * One use of a layer entry.
   *
   * @param image the item index
   * @param path the {@code Layers} path as written
   * @param entryName the entry it resolves to
   * @param diffId the diffID the config lists for it
   * @param rule SRC-7, or ARC-12 for a repeat of a diffID first seen at another entry
   * @param first the first use of that diffID in the archive, or null when this is it
   */
  private record LayerUse(
      int image, String path, String entryName, Digest diffId, String rule, LayerUse first) {}

  private static final class LayerCheck {
    final String path;
    final String entryName;
    final long storedSize;
    final List<LayerUse> users = new ArrayList<>();

    LayerCheck(String path, String entryName, long storedSize) {
      this.path = path;
      this.entryName = entryName;
      this.storedSize = storedSize;
    }
  }
}
