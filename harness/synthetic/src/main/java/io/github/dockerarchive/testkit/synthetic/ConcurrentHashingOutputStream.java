package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Forwards what is written to a delegate on the caller's thread and sha256-hashes a copy of it on a
 * second thread, so hashing a layer costs no time beside generating and writing it when two cores
 * are free. The copies travel in at most four 256 KiB chunks, made as needed and reused: a working
 * set that stays in the cache the two cores share (with six 1 MiB chunks the hashing thread read
 * from memory and took half as long again as hashing on the writing thread).
 */
final class ConcurrentHashingOutputStream extends OutputStream {
  private static final int CHUNK = 1 << 18;
  private static final int CHUNKS = 4;

  private record Chunk(byte[] bytes, int length) {}

  private static final Chunk END = new Chunk(new byte[0], -1);

  private final OutputStream delegate;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final MessageDigest sha256 = Digest.newSha256();
  private final Thread hasher;
  private int allocated;
  private byte[] current;
  private int filled;
  private long count;
  private Digest digest;

  ConcurrentHashingOutputStream(OutputStream delegate) {
    this.delegate = delegate;
    hasher = new Thread(this::hash, "synthetic-layer-sha256");
    hasher.setDaemon(true);
    hasher.start();
  }

  private void hash() {
    try {
      for (Chunk c = full.take(); c != END; c = full.take()) {
        sha256.update(c.bytes(), 0, c.length());
        free.put(c.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    delegate.write(b, off, len);
    count += len;
    for (int done = 0; done < len; ) {
      if (current == null) {
        current = free.poll();
        if (current == null && allocated < CHUNKS) {
          current = new byte[CHUNK];
          allocated++;
        } else if (current == null) {
          current = take(free);
        }
        filled = 0;
      }
      int n = Math.min(len - done, CHUNK - filled);
      System.arraycopy(b, off + done, current, filled, n);
      filled += n;
      done += n;
      if (filled == CHUNK) {
        hand(new Chunk(current, filled));
        current = null;
      }
    }
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  /** Bytes written so far. */
  long count() {
    return count;
  }

  /** The digest of everything written; ends the hashing thread. */
  Digest digest() throws IOException {
    if (digest == null) {
      if (current != null && filled > 0) {
        hand(new Chunk(current, filled));
        current = null;
      }
      hand(END);
      try {
        hasher.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing a layer");
      }
      digest = Digest.ofSha256(sha256.digest());
    }
    return digest;
  }

  /** Ends the hashing thread without a digest (on failure); does not close the delegate. */
  @Override
  public void close() {
    if (digest == null && hasher.isAlive()) {
      hasher.interrupt();
    }
  }

  private void hand(Chunk chunk) throws IOException {
    try {
      full.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing a layer");
    }
  }

  private static byte[] take(BlockingQueue<byte[]> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing a layer");
    }
  }
}
