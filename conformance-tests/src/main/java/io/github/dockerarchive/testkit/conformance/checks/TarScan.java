package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The entries of an uncompressed tar an implementation wrote, as commons-compress reads them, with
 * the raw facts the header checks need (where each header starts, its magic) and the end of the
 * last entry, so that the trailer can be checked.
 *
 * @param entries the entries in order (extended headers folded into the entry they describe)
 * @param dataEnd where the data of the last entry ends, padded to a block
 * @param length the file's length
 */
record TarScan(List<TarScan.Entry> entries, long dataEnd, long length) {
  static final int BLOCK = 512;

  TarScan {
    entries = List.copyOf(entries);
  }

  /**
   * One entry.
   *
   * @param name the name
   * @param type the type flag ('0' for a file, '2' for a symlink, ...)
   * @param linkName the link target, or empty
   * @param mode the mode field, with any type bits
   * @param uid the user ID
   * @param gid the group ID
   * @param userName the user name
   * @param groupName the group name
   * @param mtime the modification time in seconds
   * @param data the data (empty for links and directories)
   * @param headerOffset where the entry's own header starts
   * @param extendedHeader whether PAX or GNU extended headers precede it
   * @param magic the magic and version fields of its header ({@link
   *     io.github.dockerarchive.testkit.tar.TarHeader#POSIX_MAGIC_AND_VERSION} for POSIX)
   */
  record Entry(
      String name,
      char type,
      String linkName,
      int mode,
      long uid,
      long gid,
      String userName,
      String groupName,
      long mtime,
      byte[] data,
      long headerOffset,
      boolean extendedHeader,
      String magic) {

    boolean isFile() {
      return type == '0' || type == '\0';
    }

    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads an archive; an archive that is no tar is the implementation's failure.
   *
   * @param archive the file
   * @param what what it is, for the failure message
   */
  static TarScan read(Path archive, String what) throws CheckFailure, IOException {
    List<Entry> entries = new ArrayList<>();
    long dataEnd = 0;
    try (TarFile tar = new TarFile(archive);
        FileChannel raw = FileChannel.open(archive, StandardOpenOption.READ)) {
      for (TarArchiveEntry e : tar.getEntries()) {
        long headerOffset = e.getDataOffset() - BLOCK;
        byte[] header = new byte[BLOCK];
        raw.read(ByteBuffer.wrap(header), headerOffset);
        String magic = new String(header, 257, 8, StandardCharsets.ISO_8859_1);
        byte[] data;
        try (InputStream in = tar.getInputStream(e)) {
          data = in.readAllBytes();
        }
        entries.add(
            new Entry(
                e.getName(),
                (char) header[156],
                e.getLinkName() == null ? "" : e.getLinkName(),
                e.getMode(),
                e.getLongUserId(),
                e.getLongGroupId(),
                e.getUserName() == null ? "" : e.getUserName(),
                e.getGroupName() == null ? "" : e.getGroupName(),
                e.getModTime().toInstant().getEpochSecond(),
                data,
                headerOffset,
                headerOffset != dataEnd,
                magic));
        dataEnd = e.getDataOffset() + pad(e.getSize());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckFailure(what + " is not a readable tar: " + e.getMessage());
    }
    return new TarScan(entries, dataEnd, Files.size(archive));
  }

  private static long pad(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  /** The names, in order. */
  List<String> names() {
    return entries.stream().map(Entry::name).toList();
  }

  /** The first entry of a name. */
  Optional<Entry> entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The regular files whose data contains {@code needle} (a run of bytes unique to a blob).
   *
   * @param needle the bytes looked for
   * @return the names of the entries holding them
   */
  List<String> filesContaining(byte[] needle) {
    List<String> found = new ArrayList<>();
    for (Entry e : entries) {
      if (TarPatch.indexOf(e.data(), needle) >= 0) {
        found.add(e.name());
      }
    }
    return found;
  }

  /** The bytes after the last entry, which must be exactly two zero blocks. */
  static boolean allZero(byte[] bytes) {
    byte[] zeros = new byte[bytes.length];
    return Arrays.equals(bytes, zeros);
  }
}
