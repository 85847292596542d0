package io.github.dockerarchive.testkit.digest;

import io.github.dockerarchive.testkit.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.apiguardian.api.API;

/**
 * Reads a blob once, counting it and hashing it with sha256 (the name it is stored under) and, when
 * the caller gave a digest of another algorithm, with that algorithm too; then checks it against
 * what the caller said (WR-2). Reads at most one byte beyond an expected size, enough to tell that
 * the stream is too long without reading an endless one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VerifyingCopy {
  /** The rule a mismatch breaks. */
  public static final String RULE = "WR-2";

  /** Blobs at least this large (or of unknown size) are hashed on a second thread. */
  public static final long PIPELINE_THRESHOLD = 8L << 20;

  private static final int BUFFER = 1 << 20;

  /** The least buffer of a blob copied inline, so small blobs do not each allocate a megabyte. */
  private static final int SMALL_BUFFER = 64 << 10;

  /** Threads on which copies hash inline, because they already run one copy per core. */
  private static final ThreadLocal<Boolean> INLINE = ThreadLocal.withInitial(() -> false);

  /** Receives the bytes read, in order. */
  public interface Target {
    /**
     * Takes bytes.
     *
     * @param bytes the buffer
     * @param offset where the bytes start
     * @param length how many
     * @throws IOException if they cannot be written
     */
    void write(byte[] bytes, int offset, int length) throws IOException;
  }

  private final String what;
  private final Digest expectedDigest;
  private final long expectedSize;
  private final MessageDigest sha256 = Digest.newSha256();
  private final MessageDigest other;
  private long count;
  private boolean tooLong;

  /**
   * Prepares a copy.
   *
   * @param what the blob for messages, for example {@code layer sha256:0b91...}
   * @param expectedDigest the digest the caller gave, or null
   * @param expectedSize the size the caller gave, or -1
   */
  public VerifyingCopy(String what, Digest expectedDigest, long expectedSize) {
    this.what = what;
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
    this.other =
        expectedDigest == null || expectedDigest.algorithm().equals(Digest.SHA256)
            ? null
            : expectedDigest.newMessageDigest();
  }

  /**
   * Copies {@code in} to {@code target} until end of stream, or until one byte beyond the expected
   * size was read (that byte is not passed on).
   *
   * @param in the stream to copy; not closed
   * @param target where the bytes go, in order
   * @throws ArchiveException (rule WR-2) when reading fails; the stream's error is the cause
   * @throws IOException what {@code target} throws, unchanged
   */
  public void copy(InputStream in, Target target) throws IOException {
    if (expectedSize >= 0 && expectedSize < PIPELINE_THRESHOLD || INLINE.get()) {
      copyInline(in, target);
      return;
    }
    MessageDigest[] digests =
        other == null ? new MessageDigest[] {sha256} : new MessageDigest[] {sha256, other};
    try (PipelinedHasher hasher = new PipelinedHasher(BUFFER, digests)) {
      while (true) {
        byte[] buffer = hasher.nextBuffer();
        int n = readChunk(in, buffer);
        if (n < 0) {
          hasher.finish();
          return;
        }
        count += n;
        target.write(buffer, 0, n);
        hasher.submit(n);
        if (tooLong) {
          hasher.finish();
          return;
        }
      }
    }
  }

  /**
   * Makes copies on the calling thread hash on it rather than on a second thread: for callers that
   * run several copies at once, one per core, where a hashing thread per copy would only compete
   * for the same cores.
   *
   * @param inline true to hash inline from now on, false to go back to the default
   */
  public static void hashOnThisThread(boolean inline) {
    if (inline) {
      INLINE.set(true);
    } else {
      INLINE.remove();
    }
  }

  /**
   * Tells whether copies on the calling thread hash on it, as {@link #hashOnThisThread} set.
   *
   * @return true if they hash inline, false if large blobs are hashed on a second thread
   */
  public static boolean hashesOnThisThread() {
    return INLINE.get();
  }

  private void copyInline(InputStream in, Target target) throws IOException {
    // Room for the whole blob and the one byte that shows it too long, up to a megabyte.
    int size =
        expectedSize < 0 || expectedSize >= BUFFER
            ? BUFFER
            : (int) Math.max(SMALL_BUFFER, expectedSize + 1);
    byte[] buffer = new byte[size];
    while (true) {
      int n = readChunk(in, buffer);
      if (n < 0) {
        return;
      }
      sha256.update(buffer, 0, n);
      if (other != null) {
        other.update(buffer, 0, n);
      }
      count += n;
      target.write(buffer, 0, n);
      if (tooLong) {
        return;
      }
    }
  }

  /**
   * Reads the next chunk, at most one byte beyond the expected size; a byte beyond it marks the
   * stream too long and is not returned.
   */
  private int readChunk(InputStream in, byte[] buffer) throws ArchiveException {
    int want = buffer.length;
    if (expectedSize >= 0) {
      want = (int) Math.min(buffer.length, expectedSize - count + 1);
    }
    int n = read(in, buffer, want);
    if (n < 0) {
      return -1;
    }
    if (expectedSize >= 0 && count + n > expectedSize) {
      tooLong = true;
      return (int) (expectedSize - count);
    }
    return n;
  }

  private int read(InputStream in, byte[] buffer, int want) throws ArchiveException {
    try {
      return in.read(buffer, 0, want);
    } catch (IOException | RuntimeException e) {
      throw new ArchiveException(
          RULE, "reading " + what + " failed after " + count + " bytes: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the bytes read against the expected size and digest.
   *
   * @return the sha256 of the bytes
   * @throws DigestMismatchException (rule WR-2) on a short or long stream or another digest
   */
  public Digest check() throws DigestMismatchException {
    if (tooLong) {
      throw new DigestMismatchException(
          RULE,
          "Size mismatch for "
              + what
              + ": expected "
              + expectedSize
              + " bytes, got more than "
              + expectedSize,
          expectedDigest);
    }
    if (expectedSize >= 0 && count != expectedSize) {
      throw new DigestMismatchException(
          RULE,
          "Size mismatch for " + what + ": expected " + expectedSize + " bytes, got " + count,
          expectedDigest);
    }
    Digest actual = Digest.ofSha256(sha256.digest());
    if (expectedDigest != null) {
      Digest actualInKind = other == null ? actual : expectedDigest.withHash(other.digest());
      if (!actualInKind.equals(expectedDigest)) {
        throw new DigestMismatchException(RULE, what, expectedDigest, actualInKind);
      }
    }
    return actual;
  }

  /**
   * The number of bytes read and passed on.
   *
   * @return the count
   */
  public long count() {
    return count;
  }
}
