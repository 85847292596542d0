package io.github.dockerarchive.testkit.conformance.broken;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Copies a tar entry by entry, headers as they are, letting a defect replace some entries. */
final class TarRewrite {
  private TarRewrite() {}

  /**
   * An entry to write.
   *
   * @param header the header (its size is set from the data for a regular file)
   * @param data the data
   */
  record Replacement(TarArchiveEntry header, byte[] data) {}

  /** What to do with one entry. */
  @FunctionalInterface
  interface Edit {
    /**
     * The replacement of an entry.
     *
     * @param entry the entry's header
     * @param data its data
     * @return the entry to write instead, or null to keep it
     * @throws IOException when the edit fails
     */
    Replacement edit(TarArchiveEntry entry, byte[] data) throws IOException;
  }

  /**
   * Writes {@code in} to {@code out} with the edits applied.
   *
   * @param in an uncompressed tar
   * @param out the new tar
   * @param edit the edit
   * @throws IOException when a file cannot be read or written, or the tar is malformed
   */
  static void rewrite(Path in, Path out, Edit edit) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(in));
        TarArchiveInputStream tar = new TarArchiveInputStream(raw);
        OutputStream sink = new BufferedOutputStream(Files.newOutputStream(out));
        TarArchiveOutputStream w = new TarArchiveOutputStream(sink, 512)) {
      w.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      w.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        boolean regular = e.isFile() && !e.isSymbolicLink() && !e.isLink();
        byte[] data = regular ? tar.readAllBytes() : new byte[0];
        Replacement r = edit.edit(e, data);
        if (r != null) {
          e = r.header();
          data = r.data();
        }
        if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
          e.setSize(data.length);
        }
        w.putArchiveEntry(e);
        w.write(data);
        w.closeArchiveEntry();
      }
      w.finish();
    }
  }
}
