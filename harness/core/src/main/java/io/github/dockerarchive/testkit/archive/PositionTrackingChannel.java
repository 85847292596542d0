package io.github.dockerarchive.testkit.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A channel that remembers the furthest position read, so tar errors can name an offset. */
final class PositionTrackingChannel implements SeekableByteChannel {
  private final SeekableByteChannel delegate;
  private long furthest;

  PositionTrackingChannel(SeekableByteChannel delegate) {
    this.delegate = delegate;
  }

  long furthestPosition() {
    return furthest;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    long start = delegate.position();
    int n = delegate.read(dst);
    furthest = Math.max(furthest, start);
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    throw new IOException("read-only");
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    throw new IOException("read-only");
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
