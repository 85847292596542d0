package io.github.dockerarchive.testkit.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Snapshots for leak checks: the files in a directory tree and the live threads. Take one before
 * and one after the code under test and compare.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Leaks {
  private Leaks() {}

  /**
   * Every path below a directory (relative, sorted), or empty when it does not exist.
   *
   * @param directory the directory
   * @return the relative paths of its files and directories
   * @throws IOException if it cannot be walked
   */
  public static Set<String> files(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Set.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(p -> !p.equals(directory))
          .map(p -> directory.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * The temporary files this project makes in a shared directory such as {@code java.io.tmpdir}
   * (names with {@code dockerarchive} or {@code .synthetic-layer-} in them), leaving out whatever
   * other programs keep there.
   *
   * @param directory the directory
   * @return the names of the project's files in it
   * @throws IOException if it cannot be listed
   */
  public static Set<String> projectTemporaryFiles(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> n.contains("dockerarchive") || n.startsWith(".synthetic-layer-"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * The live threads by id and name, leaving out the JVM's and the frameworks' shared pools that
   * outlive any single operation (the common fork-join pool, JUnit's timeout threads, Jazzer's).
   *
   * @return a description of each thread
   */
  public static Set<String> threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.getName().startsWith("ForkJoinPool.commonPool"))
        .filter(t -> !t.getName().startsWith("junit-timeout"))
        .filter(t -> !t.getName().startsWith("surefire"))
        .filter(t -> !t.getName().equals("process reaper"))
        .filter(t -> !t.getName().startsWith("Attach Listener"))
        .map(t -> t.getId() + ":" + t.getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The threads alive now that were not alive in {@code before}, after waiting up to {@code millis}
   * for finishing threads to end.
   *
   * @param before a {@link #threads()} snapshot
   * @param millis how long to wait for stragglers
   * @return the new threads still alive
   * @throws InterruptedException if interrupted while waiting
   */
  public static Set<String> newThreads(Set<String> before, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (true) {
      Set<String> now = new TreeSet<>(threads());
      now.removeAll(before);
      if (now.isEmpty() || System.nanoTime() > deadline) {
        return now;
      }
      Thread.sleep(20);
    }
  }
}
