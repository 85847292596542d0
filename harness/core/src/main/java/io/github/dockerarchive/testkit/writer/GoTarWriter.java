package io.github.dockerarchive.testkit.writer;

import java.io.IOException;

/**
 * Writes tar entries with {@link TarHeaders} to a {@link TarSink}, one at a time, and can take the
 * entry being written back out again on a file (WR-2). Ends the archive as Go does: exactly two
 * zero blocks, no padding to a record.
 */
final class GoTarWriter {
  private static final byte[] ZEROS = new byte[TarHeaders.BLOCK * 2];

  private final TarSink sink;
  private String currentName;
  private long remaining;
  private long written;

  GoTarWriter(TarSink sink) {
    this.sink = sink;
  }

  /** The offset the next entry starts at. */
  long position() throws IOException {
    return sink.position();
  }

  boolean canRollBack() {
    return sink.canTruncate();
  }

  /** Writes a complete regular file. */
  void writeFile(String name, byte[] data) throws IOException {
    beginFile(name, data.length);
    writeData(data, 0, data.length);
    endFile();
  }

  void writeSymlink(String name, String target) throws IOException {
    requireNoOpenEntry();
    byte[] header = TarHeaders.symlink(name, target);
    sink.write(header, 0, header.length);
  }

  void writeDirectory(String name) throws IOException {
    requireNoOpenEntry();
    byte[] header = TarHeaders.directory(name);
    sink.write(header, 0, header.length);
  }

  /** Writes the header(s) of a regular file whose {@code size} data bytes follow. */
  void beginFile(String name, long size) throws IOException {
    requireNoOpenEntry();
    byte[] header = TarHeaders.regularFile(name, size);
    sink.write(header, 0, header.length);
    currentName = name;
    remaining = size;
    written = 0;
  }

  void writeData(byte[] bytes, int offset, int length) throws IOException {
    if (currentName == null) {
      throw new IllegalStateException("no tar entry is open");
    }
    if (length > remaining) {
      throw new IllegalStateException(
          "tar entry " + currentName + ": " + length + " more bytes, only " + remaining + " left");
    }
    sink.write(bytes, offset, length);
    remaining -= length;
    written += length;
  }

  /** Pads the open entry's data to a block; all its declared bytes must have been written. */
  void endFile() throws IOException {
    if (currentName == null) {
      throw new IllegalStateException("no tar entry is open");
    }
    if (remaining != 0) {
      throw new IllegalStateException(
          "tar entry " + currentName + ": " + remaining + " of its bytes were not written");
    }
    sink.write(ZEROS, 0, TarHeaders.padding(written));
    currentName = null;
  }

  /** Removes everything from {@code offset} on (an entry's header offset) and writes there next. */
  void rollBack(long offset) throws IOException {
    sink.truncate(offset);
    currentName = null;
    remaining = 0;
    written = 0;
  }

  /** Writes the trailer: two zero blocks. */
  void finish() throws IOException {
    requireNoOpenEntry();
    sink.write(ZEROS, 0, ZEROS.length);
    sink.flush();
  }

  private void requireNoOpenEntry() {
    if (currentName != null) {
      throw new IllegalStateException("tar entry " + currentName + " is still open");
    }
  }
}
