package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and sha256-hashes what passes through, forwarding it to a delegate (or nowhere). */
final class HashingOutputStream extends OutputStream {
  private final OutputStream delegate;
  private final MessageDigest sha256 = Digest.newSha256();
  private long count;

  /**
   * @param delegate where to forward bytes, or null to only count and hash
   */
  HashingOutputStream(OutputStream delegate) {
    this.delegate = delegate;
  }

  @Override
  public void write(int b) throws IOException {
    sha256.update((byte) b);
    count++;
    if (delegate != null) {
      delegate.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    sha256.update(b, off, len);
    count += len;
    if (delegate != null) {
      delegate.write(b, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    if (delegate != null) {
      delegate.flush();
    }
  }

  /** Does not close the delegate. */
  @Override
  public void close() {}

  long count() {
    return count;
  }

  Digest digest() {
    return Digest.ofSha256(sha256.digest());
  }
}
