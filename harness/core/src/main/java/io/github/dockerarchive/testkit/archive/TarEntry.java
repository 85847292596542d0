package io.github.dockerarchive.testkit.archive;

import org.apiguardian.api.API;

/**
 * One entry of an archive's index (RD-2).
 *
 * @param name the cleaned name (ARC-4), used for lookups
 * @param rawName the name exactly as stored in the header
 * @param type the kind of entry
 * @param headerOffset byte offset of the entry's own header block (after any PAX or GNU long-name
 *     blocks) in the uncompressed tar
 * @param dataOffset byte offset of the entry's data in the uncompressed tar
 * @param size the size field of the header (0 for links and directories)
 * @param linkName the link target as stored, or the empty string
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TarEntry(
    String name,
    String rawName,
    EntryType type,
    long headerOffset,
    long dataOffset,
    long size,
    String linkName) {

  /**
   * Whether the entry is a symbolic or hard link.
   *
   * @return true for {@link EntryType#SYMLINK} and {@link EntryType#HARDLINK}
   */
  public boolean isLink() {
    return type == EntryType.SYMLINK || type == EntryType.HARDLINK;
  }
}
