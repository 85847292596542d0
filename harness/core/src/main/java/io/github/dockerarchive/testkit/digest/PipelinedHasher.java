package io.github.dockerarchive.testkit.digest;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apiguardian.api.API;

/**
 * Feeds message digests on a thread of their own, so that hashing a large blob overlaps with
 * reading and writing it (two cores: one moves bytes, one hashes). The caller fills the buffers
 * {@link #nextBuffer()} hands out and submits them in order; a buffer comes back only after its
 * bytes were hashed. The thread exists only between construction and {@link #close()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PipelinedHasher implements AutoCloseable {
  private static final int BUFFERS = 4;

  private final List<MessageDigest> digests;
  private final ExecutorService thread;
  private final byte[][] buffers;
  private final Future<?>[] pending = new Future<?>[BUFFERS];
  private int next;

  /**
   * Starts the hashing thread.
   *
   * @param bufferSize the size of each buffer
   * @param digests the digests to feed, in the order given
   */
  public PipelinedHasher(int bufferSize, MessageDigest... digests) {
    this.digests = new ArrayList<>(List.of(digests));
    this.buffers = new byte[BUFFERS][bufferSize];
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dockerarchive-hash");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The next buffer to fill, once the hashing of its previous content has finished.
   *
   * @return a buffer the caller owns until it {@link #submit}s it
   * @throws InterruptedIOException if interrupted while waiting
   */
  public byte[] nextBuffer() throws InterruptedIOException {
    await(next);
    return buffers[next];
  }

  /**
   * Hands the buffer from {@link #nextBuffer()} over to be hashed.
   *
   * @param length how many leading bytes of it to hash
   */
  public void submit(int length) {
    byte[] buffer = buffers[next];
    pending[next] =
        thread.submit(
            () -> {
              for (MessageDigest md : digests) {
                md.update(buffer, 0, length);
              }
            });
    next = (next + 1) % BUFFERS;
  }

  /**
   * Waits until every submitted buffer is hashed; the digests are then complete.
   *
   * @throws InterruptedIOException if interrupted while waiting
   */
  public void finish() throws InterruptedIOException {
    for (int i = 0; i < BUFFERS; i++) {
      await(i);
    }
  }

  private void await(int index) throws InterruptedIOException {
    Future<?> f = pending[index];
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("hashing failed", e.getCause());
    }
    pending[index] = null;
  }

  /** Stops the hashing thread. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
