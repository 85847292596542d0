package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.VerifyingCopy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A blob read and verified before any of it goes into the archive (WR-3, and every blob of a stream
 * target): in memory up to a threshold, in a temporary file beyond it. The file is deleted by
 * {@link #close()}, and on every failure before that.
 */
final class Spool implements Closeable {
  private final byte[] memory;
  private final Path file;
  private final long size;
  private final Digest sha256;

  private Spool(byte[] memory, Path file, long size, Digest sha256) {
    this.memory = memory;
    this.file = file;
    this.size = size;
    this.sha256 = sha256;
  }

  /**
   * Reads {@code in} to its end through {@code copy} and checks it.
   *
   * @param directory where a temporary file goes, or null for {@code java.io.tmpdir}
   * @throws ArchiveException on a read error or mismatch (WR-2) or when the file cannot be written
   *     (WR-3); no file remains
   */
  static Spool read(InputStream in, VerifyingCopy copy, long threshold, Path directory)
      throws ArchiveException {
    Sink sink = new Sink(threshold, directory);
    try {
      try {
        copy.copy(in, sink::write);
        sink.close();
      } catch (ArchiveException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveException(
            "WR-3", "spooling a blob to " + sink.file + " failed: " + e.getMessage(), e);
      }
      Digest sha256 = copy.check();
      return new Spool(
          sink.file == null ? sink.memory.toByteArray() : null, sink.file, copy.count(), sha256);
    } catch (ArchiveException | RuntimeException e) {
      sink.delete(e);
      throw e;
    }
  }

  long size() {
    return size;
  }

  Digest sha256() {
    return sha256;
  }

  InputStream open() throws IOException {
    return file == null ? new ByteArrayInputStream(memory) : Files.newInputStream(file);
  }

  /** Deletes the temporary file, if there is one. */
  @Override
  public void close() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  /** Memory until the threshold is passed, then a temporary file. */
  private static final class Sink {
    private final long threshold;
    private final Path directory;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream out;

    Sink(long threshold, Path directory) {
      this.threshold = threshold;
      this.directory = directory;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
      if (out == null && memory.size() + (long) length > threshold) {
        file =
            directory == null
                ? Files.createTempFile("dockerarchive-spool-", ".tmp")
                : Files.createTempFile(directory, "dockerarchive-spool-", ".tmp");
        out = Files.newOutputStream(file, StandardOpenOption.WRITE);
        memory.writeTo(out);
        memory = null;
      }
      if (out != null) {
        out.write(bytes, offset, length);
      } else {
        memory.write(bytes, offset, length);
      }
    }

    void close() throws IOException {
      if (out != null) {
        out.close();
      }
    }

    void delete(Exception failure) {
      try {
        close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          failure.addSuppressed(e);
        }
      }
    }
  }
}
