package io.github.dockerarchive.testkit.conformance.checks;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a hostile input must not do to the file system (SAFE-1, SAFE-2), seen from outside the
 * implementation: a snapshot of the check's scratch directory (except the copy's destinations), and
 * sentinel paths outside it where escaping entry names would land. Taken before a copy and compared
 * after it.
 *
 * <p>Shared temporary directories ({@code /tmp}) are not compared: on a machine where other
 * programs run they change all the time, so a difference proves nothing. Temporary files are
 * checked where the implementation can be told where to put them (the Java API's {@code
 * ReadOptions.temporaryDirectory}, a private directory per check).
 */
final class HostileGuard {
  /**
   * The name the corpus gives its escaping entries ({@code ../escaped-hostile}, {@code
   * /tmp/escaped-hostile}): an extractor that follows them creates a file of this name.
   */
  static final String SENTINEL_NAME = "escaped-hostile";

  private final Path scratch;
  private final Set<Path> destinations;
  private final Map<String, String> scratchBefore;
  private final List<Path> sentinels;

  private HostileGuard(Path scratch, Set<Path> destinations, List<Path> sentinels)
      throws IOException {
    this.scratch = scratch;
    this.destinations = destinations;
    this.sentinels = sentinels;
    this.scratchBefore = snapshot(scratch, destinations);
    for (Path sentinel : sentinels) {
      if (Files.exists(sentinel, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalStateException(
            "the sentinel "
                + sentinel
                + " exists before the check (left by an earlier run?); remove it, then run again");
      }
    }
  }

  /**
   * Takes the snapshots before a copy.
   *
   * @param scratch the check's scratch directory
   * @param destinations the copy's destinations inside it (their contents are the implementation's
   *     to write)
   * @return the guard
   * @throws IOException when the scratch directory cannot be walked
   * @throws IllegalStateException when a sentinel exists already (the check cannot judge)
   */
  static HostileGuard before(Path scratch, Set<Path> destinations) throws IOException {
    Set<Path> sentinelDirectories = new LinkedHashSet<>();
    sentinelDirectories.add(Path.of("/tmp"));
    sentinelDirectories.add(Path.of(System.getProperty("java.io.tmpdir")));
    String tmpdir = System.getenv("TMPDIR");
    if (tmpdir != null && !tmpdir.isBlank()) {
      sentinelDirectories.add(Path.of(tmpdir));
    }
    if (scratch.toAbsolutePath().getParent() != null) {
      sentinelDirectories.add(scratch.toAbsolutePath().getParent());
    }
    List<Path> sentinels = new ArrayList<>();
    for (Path d : sentinelDirectories) {
      sentinels.add(d.toAbsolutePath().normalize().resolve(SENTINEL_NAME));
    }
    return new HostileGuard(scratch, destinations, sentinels);
  }

  /**
   * What changed since the snapshot: files written, changed or deleted in the scratch directory
   * outside the destinations, sentinels created (SAFE-2).
   *
   * @return one line per kind of breach, empty when nothing changed
   * @throws IOException when a directory cannot be walked
   */
  List<String> breaches() throws IOException {
    List<String> breaches = new ArrayList<>();
    Map<String, String> after = snapshot(scratch, destinations);
    if (!after.equals(scratchBefore)) {
      Set<String> changed = new TreeSet<>();
      for (Map.Entry<String, String> e : after.entrySet()) {
        if (!e.getValue().equals(scratchBefore.get(e.getKey()))) {
          changed.add(e.getKey());
        }
      }
      for (String k : scratchBefore.keySet()) {
        if (!after.containsKey(k)) {
          changed.add(k + " (deleted)");
        }
      }
      breaches.add("SAFE-2: wrote outside the destination, in " + scratch + ": " + first(changed));
    }
    for (Path sentinel : sentinels) {
      if (Files.exists(sentinel, LinkOption.NOFOLLOW_LINKS)) {
        breaches.add(
            "SAFE-2: created "
                + sentinel
                + " (an entry name that leaves the archive was followed)");
      }
    }
    return breaches;
  }

  private static String first(Set<String> names) {
    List<String> shown = names.stream().limit(5).toList();
    return String.join(", ", shown) + (names.size() > 5 ? ", ... (" + names.size() + ")" : "");
  }

  /**
   * The names directly in a directory.
   *
   * @param directory the directory
   * @return its entries' names, or empty when it does not exist
   * @throws IOException when it cannot be listed
   */
  static Set<String> names(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return new TreeSet<>();
    }
    try (Stream<Path> list = Files.list(directory)) {
      Set<String> names = new TreeSet<>();
      list.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  private static Map<String, String> snapshot(Path root, Set<Path> excluded) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (excluded.contains(dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (!dir.equals(root)) {
              files.put(root.relativize(dir) + "/", "dir");
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!excluded.contains(file)) {
              files.put(
                  root.relativize(file).toString(),
                  attrs.size() + "@" + attrs.lastModifiedTime().toMillis());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            files.put(root.relativize(file).toString(), "unreadable: " + e.getMessage());
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }
}
