package io.github.dockerarchive.testkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.VerifyingCopy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("layer copies run on one thread per core, and the first failure ends them")
class ConcurrentBlobCopiesTest {
  @Test
  @DisplayName("two copies run at the same time, on the caller and one helper thread")
  void runsInParallel() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Boolean> sawEachOther = Collections.synchronizedList(new ArrayList<>());
    ConcurrentBlobCopies.Copy copy =
        () -> {
          threads.add(Thread.currentThread().getName());
          bothRunning.countDown();
          try {
            sawEachOther.add(bothRunning.await(30, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    ConcurrentBlobCopies.runAll(List.of(copy, copy), 2);
    assertThat(sawEachOther).containsExactly(true, true);
    assertThat(threads).hasSize(2).contains(Thread.currentThread().getName());
  }

  @Test
  @DisplayName("every copy runs once when all succeed, whatever the number of threads")
  void everyCopyOnce() throws Exception {
    for (int threads : new int[] {1, 2, 4, 16}) {
      AtomicInteger[] runs = new AtomicInteger[10];
      List<ConcurrentBlobCopies.Copy> copies = new ArrayList<>();
      for (int i = 0; i < runs.length; i++) {
        AtomicInteger count = runs[i] = new AtomicInteger();
        copies.add(count::incrementAndGet);
      }
      ConcurrentBlobCopies.runAll(copies, threads);
      assertThat(runs).as("%d threads", threads).allSatisfy(r -> assertThat(r).hasValue(1));
    }
  }

  @Test
  @DisplayName("the copy running beside a failure finishes, and then the failure is thrown")
  void failureWaitsForTheRunningCopy() {
    CountDownLatch failed = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    List<ConcurrentBlobCopies.Copy> copies = new ArrayList<>();
    copies.add(
        () -> {
          try {
            failed.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          finished.incrementAndGet();
        });
    copies.add(
        () -> {
          failed.countDown();
          throw new ArchiveException("WR-2", "layer 2 is bad");
        });
    assertThatThrownBy(() -> ConcurrentBlobCopies.runAll(copies, 2))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("layer 2 is bad");
    // Whether a later copy would still start depends on when the failure is recorded relative to
    // the other thread finishing its copy; the single-thread test below pins that down.
    assertThat(finished).as("the copy running beside the failure completed").hasValue(1);
  }

  @Test
  @DisplayName("on one thread, the copies after a failure never start")
  void oneThreadStopsAtTheFailure() {
    AtomicInteger started = new AtomicInteger();
    List<ConcurrentBlobCopies.Copy> copies = new ArrayList<>();
    copies.add(started::incrementAndGet);
    copies.add(
        () -> {
          started.incrementAndGet();
          throw new ArchiveException("WR-2", "layer 2 is bad");
        });
    copies.add(started::incrementAndGet);
    assertThatThrownBy(() -> ConcurrentBlobCopies.runAll(copies, 1))
        .hasMessageContaining("layer 2 is bad");
    assertThat(started).hasValue(2);
  }

  @Test
  @DisplayName("an unchecked error of a copy reaches the caller unchanged")
  void uncheckedErrorsPropagate() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                ConcurrentBlobCopies.runAll(
                    List.of(
                        () -> {
                          throw boom;
                        }),
                    2))
        .isSameAs(boom);
  }

  @Test
  @DisplayName(
      "copies hash inline only while several threads copy; a copy alone keeps its hashing thread")
  void inlineHashingOnlyWhenConcurrent() throws Exception {
    List<Boolean> alone = Collections.synchronizedList(new ArrayList<>());
    ConcurrentBlobCopies.Copy recordAlone = () -> alone.add(VerifyingCopy.hashesOnThisThread());
    ConcurrentBlobCopies.runAll(List.of(recordAlone), 4);
    ConcurrentBlobCopies.runAll(List.of(recordAlone, recordAlone), 1);
    assertThat(alone).containsExactly(false, false, false);

    List<Boolean> together = Collections.synchronizedList(new ArrayList<>());
    ConcurrentBlobCopies.Copy recordTogether =
        () -> together.add(VerifyingCopy.hashesOnThisThread());
    ConcurrentBlobCopies.runAll(List.of(recordTogether, recordTogether, recordTogether), 2);
    assertThat(together).containsExactly(true, true, true);
    assertThat(VerifyingCopy.hashesOnThisThread())
        .as("the caller's setting after the run")
        .isFalse();
  }

  @Test
  @DisplayName("a caller that already hashes inline keeps doing so after the copies")
  void callerSettingRestored() throws Exception {
    VerifyingCopy.hashOnThisThread(true);
    try {
      List<Boolean> seen = Collections.synchronizedList(new ArrayList<>());
      ConcurrentBlobCopies.runAll(List.of(() -> seen.add(VerifyingCopy.hashesOnThisThread())), 1);
      assertThat(seen).containsExactly(true);
      assertThat(VerifyingCopy.hashesOnThisThread()).isTrue();
    } finally {
      VerifyingCopy.hashOnThisThread(false);
    }
  }
}
