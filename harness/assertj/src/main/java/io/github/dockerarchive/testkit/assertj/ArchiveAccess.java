package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;

/**
 * The archive under test: a reader the caller owns, or a file this object opens on first use and
 * closes when no assert refers to it any more (a {@link Cleaner}), since asserts have no end of
 * life to hook into.
 */
final class ArchiveAccess {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Path path;
  private final String description;
  private ArchiveReader reader;
  private ArchiveException failure;

  private ArchiveAccess(Path path, ArchiveReader reader, String description) {
    this.path = path;
    this.reader = reader;
    this.description = description;
  }

  static ArchiveAccess borrow(ArchiveReader reader) {
    return new ArchiveAccess(null, reader, reader.imageSource(null, -1).describe());
  }

  static ArchiveAccess open(Path path) {
    return new ArchiveAccess(path, null, "archive \"" + path + "\"");
  }

  /**
   * The reader, opening the file on first use (a failure is remembered and repeated).
   *
   * @return the open reader
   * @throws ArchiveException if the file does not open as an archive
   */
  synchronized ArchiveReader reader() throws ArchiveException {
    if (reader == null && failure == null) {
      try {
        ArchiveReader opened = ArchiveReader.open(path);
        CLEANER.register(this, new CloseQuietly(opened));
        reader = opened;
      } catch (ArchiveException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return reader;
  }

  String describe() {
    return description;
  }

  /** Must not refer to the access, or it would never become unreachable. */
  private record CloseQuietly(ArchiveReader reader) implements Runnable {
    @Override
    public void run() {
      try {
        reader.close();
      } catch (IOException e) {
        // Nothing to report to: the assert that opened it is gone.
      }
    }
  }
}
