package io.github.dockerarchive.testkit.synthetic;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Inverts the bits of the byte at one position of the stream (LAYER_DIGEST_MISMATCH). */
final class ByteFlippingOutputStream extends FilterOutputStream {
  private final long position;
  private long count;

  ByteFlippingOutputStream(OutputStream out, long position) {
    super(out);
    this.position = position;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(count++ == position ? ~b : b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (position >= count && position < count + len) {
      byte[] copy = b.clone();
      int at = off + (int) (position - count);
      copy[at] = (byte) ~copy[at];
      out.write(copy, off, len);
    } else {
      out.write(b, off, len);
    }
    count += len;
  }

  /** Does not close the delegate. */
  @Override
  public void close() throws IOException {
    flush();
  }
}
