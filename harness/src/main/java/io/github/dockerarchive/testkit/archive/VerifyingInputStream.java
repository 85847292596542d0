package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.DigestMismatchException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts the bytes passing through and, at end of stream, fails with a typed error when
 * they do not match the expected digest and size (SRC-7). Decoder failures become typed errors
 * naming the blob (SAFE-1).
 */
final class VerifyingInputStream extends InputStream {
  private final InputStream in;
  private final Digest expected;
  private final long expectedSize;
  private final long cap;
  private final String what;
  private final MessageDigest md;
  private long count;
  private boolean verified;

  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, long cap, String what) {
    this.in = in;
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.cap = cap;
    this.what = what;
    this.md = expected.newMessageDigest();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
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
          "reading " + what + ": " + TarIndex.describe(e) + " after " + count + " bytes",
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
          "SRC-7",
          "Size mismatch for " + what + ": expected " + expectedSize + " bytes, got more",
          expected);
    }
    return n;
  }

  private void verify() throws DigestMismatchException {
    if (verified) {
      return;
    }
    verified = true;
    if (expectedSize >= 0 && count != expectedSize) {
      throw new DigestMismatchException(
          "SRC-7",
          "Size mismatch for " + what + ": expected " + expectedSize + " bytes, got " + count,
          expected);
    }
    Digest actual = expected.withHash(md.digest());
    if (!actual.equals(expected)) {
      throw new DigestMismatchException("SRC-7", what, expected, actual);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
