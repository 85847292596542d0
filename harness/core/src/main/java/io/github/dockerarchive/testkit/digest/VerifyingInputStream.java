package io.github.dockerarchive.testkit.digest;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.internal.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.apiguardian.api.API;

/**
 * Hashes and counts the bytes passing through and, at end of stream, fails with a {@link
 * DigestMismatchException} when they do not match the expected digest and size (SRC-7 when reading,
 * WR-2 when writing). A stream longer than expected fails as soon as it is. Decoder failures of the
 * underlying stream become typed errors naming the blob (SAFE-1).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VerifyingInputStream extends InputStream {
  private final InputStream in;
  private final Digest expected;
  private final long expectedSize;
  private final long cap;
  private final String what;
  private final String rule;
  private final MessageDigest md;
  private long count;
  private boolean verified;
  private DigestMismatchException failure;

  /**
   * Wraps a stream.
   *
   * @param in the bytes to check
   * @param expected the digest they must have
   * @param expectedSize the byte count they must have, or -1 if unknown
   * @param cap the largest byte count accepted before failing with a limit error (SAFE-3)
   * @param what what the bytes are, for messages (for example {@code layer "a.tar"})
   * @param rule the rule a mismatch breaks ({@code SRC-7}, {@code WR-2})
   */
  public VerifyingInputStream(
      InputStream in, Digest expected, long expectedSize, long cap, String what, String rule) {
    this.in = in;
    this.rule = rule;
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.cap = cap;
    this.what = what;
    this.md = expected.newMessageDigest();
  }

  /**
   * The number of bytes read so far.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * The digest of the bytes read, once the end of the stream has been reached and verified.
   *
   * @return the expected digest, which the bytes matched
   * @throws IllegalStateException before the end of the stream
   */
  public Digest verifiedDigest() {
    if (!verified) {
      throw new IllegalStateException("the stream has not been read to its end");
    }
    return expected;
  }

  @Override
  public int read() throws IOException {
    return Streams.readByte(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedArchiveException(
          "ARC-5",
          "reading "
              + what
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + " after "
              + count
              + " bytes",
          e);
    }
    if (n < 0) {
      verify();
      return -1;
    }
    md.update(b, off, n);
    count += n;
    if (count > cap) {
      throw new LimitExceededException(
          "SAFE-3", what + " decompresses to more than the limit of " + cap + " bytes");
    }
    if (expectedSize >= 0 && count > expectedSize) {
      throw new DigestMismatchException(
          rule,
          "Size mismatch for " + what + ": expected " + expectedSize + " bytes, got more",
          expected);
    }
    return n;
  }

  private void verify() throws DigestMismatchException {
    if (failure != null) {
      throw failure;
    }
    if (verified) {
      return;
    }
    if (expectedSize >= 0 && count != expectedSize) {
      failure =
          new DigestMismatchException(
              rule,
              "Size mismatch for " + what + ": expected " + expectedSize + " bytes, got " + count,
              expected);
      throw failure;
    }
    Digest actual = expected.withHash(md.digest());
    if (!actual.equals(expected)) {
      failure = new DigestMismatchException(rule, what, expected, actual);
      throw failure;
    }
    verified = true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
