package io.github.dockerarchive.testkit.writer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where the tar bytes go: a file that can be cut back (WR-2 roll-back), or a stream that cannot.
 */
abstract class TarSink {
  /** The number of bytes written so far. */
  abstract long position() throws IOException;

  abstract void write(byte[] bytes, int offset, int length) throws IOException;

  /** Whether {@link #truncate(long)} can take back bytes already written. */
  abstract boolean canTruncate();

  /** Removes every byte from {@code position} on, and continues writing there. */
  abstract void truncate(long position) throws IOException;

  /** Pushes buffered bytes out (and, for a file, to the disk). */
  abstract void flush() throws IOException;

  /** Releases what this sink opened itself. */
  abstract void close() throws IOException;

  static TarSink of(FileChannel channel, boolean durable) {
    return new ChannelSink(channel, durable);
  }

  static TarSink of(OutputStream out, boolean closeWithSink) {
    return new StreamSink(out, closeWithSink);
  }

  private static final class ChannelSink extends TarSink {
    private final FileChannel channel;
    private final boolean durable;

    ChannelSink(FileChannel channel, boolean durable) {
      this.channel = channel;
      this.durable = durable;
    }

    @Override
    long position() throws IOException {
      return channel.position();
    }

    @Override
    void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    boolean canTruncate() {
      return true;
    }

    @Override
    void truncate(long position) throws IOException {
      channel.truncate(position);
      channel.position(position);
    }

    @Override
    void flush() throws IOException {
      if (durable) {
        channel.force(true);
      }
    }

    @Override
    void close() throws IOException {
      channel.close();
    }
  }

  private static final class StreamSink extends TarSink {
    private final OutputStream target;
    private final OutputStream out;
    private final boolean closeWithSink;
    private long position;

    StreamSink(OutputStream target, boolean closeWithSink) {
      this.target = target;
      this.out = new BufferedOutputStream(target, 1 << 16);
      this.closeWithSink = closeWithSink;
    }

    @Override
    long position() {
      return position;
    }

    @Override
    void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      position += length;
    }

    @Override
    boolean canTruncate() {
      return false;
    }

    @Override
    void truncate(long position) {
      throw new UnsupportedOperationException("a stream cannot take back bytes already written");
    }

    @Override
    void flush() throws IOException {
      out.flush();
    }

    @Override
    void close() throws IOException {
      out.flush();
      if (closeWithSink) {
        target.close();
      }
    }
  }
}
