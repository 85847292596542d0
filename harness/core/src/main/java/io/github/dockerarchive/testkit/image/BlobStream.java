package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.digest.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apiguardian.api.API;

/**
 * The bytes of one blob (a config or an uncompressed layer) with their size and digest. Reading it
 * to the end verifies the bytes: a mismatch fails the last read with a {@link
 * io.github.dockerarchive.testkit.digest.DigestMismatchException} (SRC-7).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BlobStream extends FilterInputStream {
  private final long size;
  private final Digest digest;

  /**
   * Wraps a stream whose size and digest are known.
   *
   * @param in the bytes, ideally verified as they are read
   * @param size their count
   * @param digest their digest
   */
  public BlobStream(InputStream in, long size, Digest digest) {
    super(in);
    this.size = size;
    this.digest = digest;
  }

  /**
   * The number of bytes this stream returns.
   *
   * @return the size in bytes
   */
  public long size() {
    return size;
  }

  /**
   * The digest of the bytes this stream returns.
   *
   * @return the config digest or the layer's diffID
   */
  public Digest digest() {
    return digest;
  }

  /**
   * Reads the rest of the stream and discards it, verifying it on the way.
   *
   * @return the number of bytes read
   * @throws IOException a read error or a digest mismatch
   */
  public long drain() throws IOException {
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    int n;
    while ((n = read(buffer, 0, buffer.length)) >= 0) {
      total += n;
    }
    return total;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }
}
