package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader.Measurement;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.reference.DockerReference;
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
 * diffID, and the tar itself has no unsafe names. Errors are what a Go-based loader fails on or
 * content that is wrong; producer oddities that loaders accept are warnings with a rule ID
 * (duplicate names, ARC-7; a config named for another digest, ARC-8; data after the end-of-archive
 * marker, ARC-9; a tag held by two items, SEL-7). Each distinct layer entry is hashed once, however
 * many images share it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveVerifier {
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
    Map<String, LayerCheck> layers = new LinkedHashMap<>();
    int imageCount = 0;
    for (int i = 0; i < reader.manifest().size(); i++) {
      ImageSource source = reader.imageSource(null, i);
      try {
        checkConfigName(i, source, problems);
        for (LayerInfo layer : source.layers()) {
          layers
              .computeIfAbsent(layer.entryName(), k -> new LayerCheck(layer))
              .users
              .add(new LayerUse(i, layer));
        }
        imageCount++;
      } catch (ArchiveException e) {
        problems.add(new Problem(Severity.ERROR, e.rule(), i, e.getMessage()));
      }
    }
    hashLayers(reader, List.copyOf(layers.values()), listener, problems);
    return new VerificationReport(reader.manifest().size(), imageCount, layers.size(), problems);
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
    long total = checks.stream().mapToLong(c -> c.first.storedSize()).sum();
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
                  long now = done.addAndGet(check.first.storedSize());
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
    LayerInfo layer = check.first;
    try {
      Measurement m = reader.measureContent(layer.path(), layer.diffId().algorithm());
      for (LayerUse use : check.users) {
        if (!m.digest().equals(use.layer.diffId())) {
          problems.add(
              new Problem(
                  Severity.ERROR,
                  "SRC-7",
                  use.image,
                  "layer \""
                      + use.layer.path()
                      + "\": content hashes to "
                      + m.digest()
                      + " but the config lists diffID "
                      + use.layer.diffId()));
        }
      }
    } catch (ArchiveException e) {
      for (LayerUse use : check.users) {
        problems.add(new Problem(Severity.ERROR, e.rule(), use.image, e.getMessage()));
      }
    }
  }

  private record LayerUse(int image, LayerInfo layer) {}

  private static final class LayerCheck {
    final LayerInfo first;
    final List<LayerUse> users = new ArrayList<>();

    LayerCheck(LayerInfo first) {
      this.first = first;
    }
  }
}
