package io.github.dockerarchive.testkit.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An archive's entries one line each (name, type flag, mode, owner names and IDs, link target,
 * mtime, content), so that a byte-identity test that fails shows the first entry that differs
 * rather than two blobs of bytes.
 */
final class TarListing {
  private TarListing() {}

  /**
   * Each entry's header fields and content, in archive order.
   *
   * @param tar the archive
   * @param undated name prefixes whose mtime is left out (a producer dates them at the time of the
   *     export)
   */
  static List<String> describe(Path tar, Set<String> undated) throws IOException {
    return describe(tar, undated, Set.of());
  }

  /**
   * Each entry's header fields and content, in archive order, leaving out some contents.
   *
   * @param tar the archive
   * @param undated name prefixes whose mtime is left out
   * @param unread names whose content is left out (compared otherwise)
   */
  static List<String> describe(Path tar, Set<String> undated, Set<String> unread)
      throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        entries.transferTo(content);
        boolean dated = undated.stream().noneMatch(e.getName()::startsWith);
        lines.add(
            String.join(
                " ",
                e.getName(),
                "type=" + (char) e.getLinkFlag(),
                Integer.toOctalString(e.getMode()),
                e.getUserName() + ":" + e.getGroupName(),
                String.valueOf(e.getLongUserId()),
                String.valueOf(e.getLongGroupId()),
                e.getLinkName(),
                dated ? String.valueOf(e.getModTime().getTime()) : "(time of the save)",
                unread.contains(e.getName())
                    ? "(content compared apart)"
                    : content.toString(StandardCharsets.ISO_8859_1)));
      }
    }
    return lines;
  }

  /**
   * The content of one entry.
   *
   * @param tar the archive
   * @param name the entry's name
   * @throws IOException when the archive cannot be read or has no such entry
   */
  static byte[] content(Path tar, String name) throws IOException {
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return entries.readAllBytes();
        }
      }
    }
    throw new IOException(tar + " has no entry " + name);
  }
}
