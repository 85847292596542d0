package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.VerifyingCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs blob copies on several threads at once, for outputs that store each blob in a file of its
 * own. One stream's SHA-256 cannot be split across cores, but two layers can be hashed at the same
 * time, so on a two-core machine the copy of a many-layer image is no longer bound by one core's
 * hashing speed. When several threads copy, each hashes on itself ({@link
 * VerifyingCopy#hashOnThisThread}), so there is one busy thread per core; a copy that runs alone
 * keeps the default, a second thread that hashes while the first reads and writes. After the first
 * failure no further copy starts; the copies already running finish (each cleans up after itself),
 * and then the first failure is thrown.
 */
final class ConcurrentBlobCopies {
  /** One copy. */
  @FunctionalInterface
  interface Copy {
    /**
     * Copies one blob.
     *
     * @throws ArchiveException if it fails; nothing of the blob is left behind
     */
    void run() throws ArchiveException;
  }

  private final List<Copy> copies;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private ConcurrentBlobCopies(List<Copy> copies) {
    this.copies = copies;
  }

  /**
   * Runs every copy on up to {@code threads} threads, the calling thread being one of them.
   *
   * @param copies the copies, started in this order
   * @param threads how many at most run at once
   * @throws ArchiveException the first failure
   */
  static void runAll(List<Copy> copies, int threads) throws ArchiveException {
    ConcurrentBlobCopies run = new ConcurrentBlobCopies(copies);
    List<Thread> helpers = new ArrayList<>();
    for (int i = 1; i < Math.min(threads, copies.size()); i++) {
      Thread t = new Thread(() -> run.work(true), "dockerarchive-copy-" + i);
      t.setDaemon(true);
      t.start();
      helpers.add(t);
    }
    run.work(!helpers.isEmpty());
    boolean interrupted = false;
    for (Thread t : helpers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable first = run.failure.get();
    if (first instanceof ArchiveException e) {
      throw e;
    }
    if (first instanceof RuntimeException e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
  }

  private void work(boolean inline) {
    boolean before = VerifyingCopy.hashesOnThisThread();
    VerifyingCopy.hashOnThisThread(inline || before);
    try {
      int i;
      while (failure.get() == null && (i = next.getAndIncrement()) < copies.size()) {
        try {
          copies.get(i).run();
        } catch (ArchiveException | RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        }
      }
    } finally {
      VerifyingCopy.hashOnThisThread(before);
    }
  }
}
