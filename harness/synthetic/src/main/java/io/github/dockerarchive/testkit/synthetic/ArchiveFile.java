package io.github.dockerarchive.testkit.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The target file of a materialisation, written by position: small writes are buffered, large ones
 * go straight to the channel, {@link #skip} passes over bytes already in place, {@link #seek}
 * returns to an earlier offset to write it again, and a large write of nothing but zeros beyond
 * everything written so far is left as a hole (the file reads the same, a layer of zeros takes no
 * disk space).
 */
final class ArchiveFile extends OutputStream {
  private static final int BUFFER = 1 << 16;
  private static final byte[] ZEROS = new byte[BUFFER];

  private final FileChannel channel;
  private final byte[] buffer = new byte[BUFFER];
  private int buffered;
  private long position;

  /** The end of the furthest write: beyond it the file holds nothing, so zeros need no writing. */
  private long extent;

  ArchiveFile(FileChannel channel) {
    this.channel = channel;
  }

  /** The offset the next byte goes to. */
  long position() {
    return position;
  }

  @Override
  public void write(int b) throws IOException {
    if (buffered == BUFFER) {
      flushBuffer();
    }
    buffer[buffered++] = (byte) b;
    position++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len < BUFFER - buffered) {
      System.arraycopy(b, off, buffer, buffered, len);
      buffered += len;
      position += len;
      return;
    }
    flushBuffer();
    for (int done = 0; done < len; ) {
      int n = Math.min(BUFFER, len - done);
      if (n < BUFFER
          || position < extent
          || Arrays.mismatch(b, off + done, off + done + n, ZEROS, 0, n) >= 0) {
        writeAt(ByteBuffer.wrap(b, off + done, n), position);
      }
      position += n;
      done += n;
    }
  }

  /**
   * Passes over {@code n} bytes that are already in the file.
   *
   * @param n how many
   */
  void skip(long n) throws IOException {
    flushBuffer();
    position += n;
  }

  /**
   * Goes back (or forward) to an offset; the next write goes there.
   *
   * @param offset the offset
   */
  void seek(long offset) throws IOException {
    flushBuffer();
    position = offset;
  }

  /** Writes what is buffered; the file then has exactly {@link #position()} bytes. */
  void finish() throws IOException {
    flushBuffer();
    long size = channel.size();
    if (size > position) {
      channel.truncate(position);
    } else if (size < position) {
      // a trailing hole: the last byte makes the file long enough (it is a zero either way)
      writeAt(ByteBuffer.wrap(new byte[1]), position - 1);
    }
  }

  @Override
  public void flush() throws IOException {
    flushBuffer();
  }

  private void flushBuffer() throws IOException {
    if (buffered > 0) {
      writeAt(ByteBuffer.wrap(buffer, 0, buffered), position - buffered);
      buffered = 0;
    }
  }

  private void writeAt(ByteBuffer bytes, long at) throws IOException {
    long offset = at;
    while (bytes.hasRemaining()) {
      offset += channel.write(bytes, offset);
    }
    extent = Math.max(extent, offset);
  }
}
