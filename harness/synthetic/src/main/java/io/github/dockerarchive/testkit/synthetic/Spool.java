package io.github.dockerarchive.testkit.synthetic;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes kept in memory up to a threshold and in a temporary file beyond it, so a large compressed
 * layer is never held in memory. The owner deletes the file ({@link #delete()}) on every path.
 */
final class Spool extends OutputStream {
  static final int MEMORY_THRESHOLD = 4 << 20;

  private final Path directory;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
  private Path file;
  private OutputStream fileOut;

  Spool(Path directory) {
    this.directory = directory;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (fileOut != null) {
      fileOut.write(b, off, len);
      return;
    }
    if (memory.size() + (long) len > MEMORY_THRESHOLD) {
      file = Files.createTempFile(directory, ".synthetic-layer-", ".tmp");
      fileOut =
          new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16);
      memory.writeTo(fileOut);
      memory = null;
      fileOut.write(b, off, len);
      return;
    }
    memory.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
    }
  }

  /** Copies the spooled bytes to {@code out} (after {@link #close()}). */
  void copyTo(OutputStream out) throws IOException {
    if (file != null) {
      Files.copy(file, out);
    } else {
      memory.writeTo(out);
    }
  }

  /** Deletes the temporary file, if one was made. */
  void delete() {
    try {
      if (fileOut != null) {
        fileOut.close();
      }
    } catch (IOException ignored) {
      // deleting is what matters
    }
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // best effort on cleanup; the file is in the caller's directory and named .synthetic-*
    }
  }
}
