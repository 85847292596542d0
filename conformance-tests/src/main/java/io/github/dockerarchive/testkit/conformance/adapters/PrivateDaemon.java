package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon (dockerd, containerd) a run starts for itself in a directory of its own, once: its log
 * in that directory, the wait until its client answers, and on {@link #close()} the stop by its PID
 * (TERM, then KILL with every process it started), the unmounting of what it left mounted below its
 * directory and the directory's removal. A shutdown hook does the same if the JVM ends first.
 */
final class PrivateDaemon implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final Path directory;
  private final Thread hook;
  private boolean closed;

  private PrivateDaemon(String name, Process process, Path directory) {
    this.name = name;
    this.process = process;
    this.directory = directory;
    this.hook = new Thread(this::stop, name + "-stop");
  }

  /**
   * Starts a daemon and waits until {@code probe} (its client) exits 0.
   *
   * @param name the daemon's name, for messages
   * @param directory its own directory (short: sockets live there), removed on close
   * @param command its command line
   * @param probe a client command that succeeds once the daemon answers
   * @return the running daemon
   * @throws IOException when it exits or does not answer within a minute (the message holds the end
   *     of its log)
   * @throws InterruptedException when interrupted while waiting
   */
  static PrivateDaemon start(String name, Path directory, List<String> command, List<String> probe)
      throws IOException, InterruptedException {
    Path log = directory.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    PrivateDaemon daemon = new PrivateDaemon(name, process, directory);
    Runtime.getRuntime().addShutdownHook(daemon.hook);
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!answers(probe)) {
        if (!process.isAlive()) {
          throw new IOException(
              name + " exited with status " + process.exitValue() + ": " + tail(log));
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              name + " did not answer within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
        }
        Thread.sleep(200);
      }
      return daemon;
    } catch (IOException | InterruptedException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  private static boolean answers(List<String> probe) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(probe)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * The daemon's process ID.
   *
   * @return its PID
   */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook stops the daemon
    }
    stop();
  }

  /** Stops the daemon and every process it started, unmounts and removes its directory, once. */
  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
    unmountBelow(directory);
    try {
      FileTrees.delete(directory);
    } catch (IOException e) {
      System.err.println(name + ": could not remove " + directory + ": " + e.getMessage());
    }
  }

  /** Unmounts what is still mounted below a directory (dockerd bind-mounts its data root). */
  private static void unmountBelow(Path directory) {
    List<String> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          String point = fields[4].replace("\\040", " ");
          if (point.startsWith(directory + "/")) {
            mounts.add(point);
          }
        }
      }
    } catch (IOException e) {
      return; // no mount table: nothing to unmount
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : mounts) {
      try {
        new ProcessBuilder("umount", "-l", point)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        System.err.println("could not unmount " + point + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return name + " (PID " + process.pid() + ", in " + directory + ")";
  }
}
