package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.internal.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data of one tar entry, read with positional reads from a file channel of its own, so streams
 * are independent of each other and of the reader's other users (RD-5).
 */
final class EntryInputStream extends InputStream {
  private final ArchiveReader owner;
  private final FileChannel channel;
  private final String name;
  private final long end;
  private long position;
  private boolean closed;

  EntryInputStream(ArchiveReader owner, Path file, TarEntry entry) throws IOException {
    this.owner = owner;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.name = entry.rawName();
    this.position = entry.dataOffset();
    this.end = entry.dataOffset() + entry.size();
  }

  @Override
  public int read() throws IOException {
    return Streams.readByte(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed || owner.isClosed()) {
      throw closedError();
    }
    if (len == 0) {
      return 0;
    }
    long remaining = end - position;
    if (remaining <= 0) {
      return -1;
    }
    int want = (int) Math.min(len, remaining);
    int n;
    try {
      n = channel.read(ByteBuffer.wrap(b, off, want), position);
    } catch (ClosedChannelException e) {
      throw closedError();
    }
    if (n < 0) {
      throw new MalformedArchiveException(
          "SAFE-4",
          "entry \"" + name + "\" is truncated: the file ended at byte offset " + position);
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long step = Math.max(0, Math.min(n, end - position));
    position += step;
    return step;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
  }

  private ArchiveClosedException closedError() {
    return new ArchiveClosedException(
        "RD-5", "stream of entry \"" + name + "\" used after its reader or itself was closed");
  }

  /** Closes the file handle; called by the reader when it closes with streams still open. */
  void abort() {
    closed = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a read-only channel cannot lose data; the stream is failed either way.
    }
  }

  @Override
  public void close() {
    if (!closed) {
      abort();
      owner.unregister(this);
    }
  }
}
