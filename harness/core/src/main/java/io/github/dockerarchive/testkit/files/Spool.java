package io.github.dockerarchive.testkit.files;

import io.github.dockerarchive.testkit.internal.Cleanup;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apiguardian.api.API;

/**
 * Bytes kept in memory up to a threshold and in a temporary file beyond it, so a large blob is
 * never held in memory. Write the bytes, {@link #close()} to finish writing, then read them back
 * with {@link #open()} or {@link #copyTo(OutputStream)} as often as needed. The owner deletes the
 * file with {@link #delete()} on every path, failures included.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Spool extends OutputStream {
  private final long threshold;
  private final Path directory;
  private final String prefix;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
  private Path file;
  private OutputStream fileOut;
  private long size;

  /**
   * An empty spool.
   *
   * @param threshold the most bytes kept in memory
   * @param directory where the temporary file goes, or null for {@code java.io.tmpdir}
   * @param prefix the temporary file's name prefix
   */
  public Spool(long threshold, Path directory, String prefix) {
    this.threshold = threshold;
    this.directory = directory;
    this.prefix = prefix;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (fileOut == null && memory.size() + (long) len > threshold) {
      file =
          directory == null
              ? Files.createTempFile(prefix, ".tmp")
              : Files.createTempFile(directory, prefix, ".tmp");
      fileOut =
          new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16);
      memory.writeTo(fileOut);
      memory = null;
    }
    if (fileOut != null) {
      fileOut.write(b, off, len);
    } else {
      memory.write(b, off, len);
    }
    size += len;
  }

  /**
   * Finishes writing: flushes and closes the temporary file, if there is one. The bytes stay.
   *
   * @throws IOException when the file cannot be written
   */
  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
    }
  }

  /**
   * The number of bytes written.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * The temporary file.
   *
   * @return its path, or null while the bytes are in memory
   */
  public Path file() {
    return file;
  }

  /**
   * Reads the spooled bytes (after {@link #close()}).
   *
   * @return a new stream over them
   * @throws IOException when the file cannot be opened
   */
  public InputStream open() throws IOException {
    return file == null
        ? new ByteArrayInputStream(memory.toByteArray())
        : Files.newInputStream(file);
  }

  /**
   * Copies the spooled bytes to {@code out} (after {@link #close()}).
   *
   * @param out where they go
   * @throws IOException on a read or write error
   */
  public void copyTo(OutputStream out) throws IOException {
    if (file != null) {
      Files.copy(file, out);
    } else {
      memory.writeTo(out);
    }
  }

  /**
   * Closes and deletes the temporary file, if one was made.
   *
   * @throws IOException when it cannot be closed or deleted (deleting is still tried)
   */
  public void delete() throws IOException {
    Cleanup.all(
        this::close,
        () -> {
          if (file != null) {
            Files.deleteIfExists(file);
          }
        });
  }
}
