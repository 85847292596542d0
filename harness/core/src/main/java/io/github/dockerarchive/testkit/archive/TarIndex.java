package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The index of an uncompressed tar, built in one pass over its headers (the data is skipped by
 * seeking, never read): cleaned name to first entry (ARC-4, ARC-7), with link resolution (ARC-6).
 */
final class TarIndex {
  /** The longest link chain followed (ARC-6). */
  static final int MAX_LINK_DEPTH = 8;

  private final List<TarEntry> entries;
  private final Map<String, TarEntry> byName;
  private final List<String> duplicates;

  private TarIndex(List<TarEntry> entries, Map<String, TarEntry> byName, List<String> duplicates) {
    this.entries = List.copyOf(entries);
    this.byName = byName;
    this.duplicates = List.copyOf(duplicates);
  }

  /** Reads every header of the tar at {@code path}; the data blocks are skipped by seeking. */
  static TarIndex build(Path path, String what) throws MalformedArchiveException {
    try (PositionTrackingChannel channel =
        new PositionTrackingChannel(Files.newByteChannel(path, StandardOpenOption.READ))) {
      long fileSize = channel.size();
      List<TarArchiveEntry> raw;
      try (TarFile tar = open(channel)) {
        raw = tar.getEntries();
        checkEndOfHeaders(channel, raw, fileSize, what);
      } catch (MalformedArchiveException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new MalformedArchiveException(
            "SAFE-4",
            what
                + " is not a readable tar: "
                + describe(e)
                + " (in the header at or before byte offset "
                + channel.furthestPosition()
                + ")",
            e);
      }
      return fromEntries(raw, fileSize, what);
    } catch (IOException e) {
      if (e instanceof MalformedArchiveException m) {
        throw m;
      }
      throw new MalformedArchiveException(null, "reading " + what + ": " + describe(e), e);
    }
  }

  /**
   * commons-compress treats a short read where a header should be as the end of the archive; Go's
   * tar reader (and SAFE-4) treat a partial, non-zero header block as a truncated archive. Where
   * the headers stopped, the next block must be absent, or zero (the end-of-archive marker).
   */
  private static void checkEndOfHeaders(
      SeekableByteChannel channel, List<TarArchiveEntry> raw, long fileSize, String what)
      throws IOException {
    long block = TarConstants.DEFAULT_RCDSIZE;
    long end = 0;
    if (!raw.isEmpty()) {
      TarArchiveEntry last = raw.get(raw.size() - 1);
      long size = Math.max(0, last.getSize());
      end = last.getDataOffset() + (size + block - 1) / block * block;
    }
    if (end >= fileSize) {
      return;
    }
    int length = (int) Math.min(block, fileSize - end);
    if (!isZero(channel, end, length)) {
      throw new MalformedArchiveException(
          "SAFE-4",
          what
              + (length < block
                  ? ": truncated: the header at byte offset "
                      + end
                      + " has only "
                      + length
                      + " of 512 bytes"
                  : ": unreadable header at byte offset " + end));
    }
    // One zero block ends the archive only when the next one is zero too (or absent), as in Go;
    // otherwise the entries after it would be silently hidden.
    long second = end + block;
    if (second < fileSize) {
      int secondLength = (int) Math.min(block, fileSize - second);
      if (!isZero(channel, second, secondLength)) {
        throw new MalformedArchiveException(
            "SAFE-4",
            what
                + ": a lone zero block at byte offset "
                + end
                + " is followed by data at byte offset "
                + second
                + " (the end of an archive is two zero blocks)");
      }
    }
  }

  private static boolean isZero(SeekableByteChannel channel, long offset, int length)
      throws IOException {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
    channel.position(offset);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // read the whole (possibly partial) block
    }
    for (byte b : buffer.array()) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static TarFile open(SeekableByteChannel channel) throws IOException {
    return new TarFile(
        channel,
        TarConstants.DEFAULT_BLKSIZE,
        TarConstants.DEFAULT_RCDSIZE,
        StandardCharsets.UTF_8.name(),
        false);
  }

  private static TarIndex fromEntries(List<TarArchiveEntry> raw, long fileSize, String what)
      throws MalformedArchiveException {
    List<TarEntry> entries = new ArrayList<>(raw.size());
    Map<String, TarEntry> byName = new HashMap<>(raw.size() * 2);
    Set<String> duplicates = new LinkedHashSet<>();
    for (TarArchiveEntry e : raw) {
      long dataOffset = e.getDataOffset();
      long headerOffset = Math.max(0, dataOffset - TarConstants.DEFAULT_RCDSIZE);
      if (!e.isCheckSumOK()) {
        throw new MalformedArchiveException(
            "SAFE-4",
            what
                + ": bad header checksum for entry \""
                + e.getName()
                + "\" at byte offset "
                + headerOffset);
      }
      EntryType type = typeOf(e);
      long size = (type == EntryType.FILE) ? e.getSize() : 0;
      if (size < 0) {
        throw new MalformedArchiveException(
            "SAFE-4",
            what
                + ": negative size "
                + size
                + " for entry \""
                + e.getName()
                + "\" at byte offset "
                + headerOffset);
      }
      if (type == EntryType.FILE && (dataOffset > fileSize || size > fileSize - dataOffset)) {
        throw new MalformedArchiveException(
            "SAFE-4",
            what
                + ": truncated: entry \""
                + e.getName()
                + "\" at byte offset "
                + headerOffset
                + " declares "
                + size
                + " bytes of data but only "
                + Math.max(0, fileSize - dataOffset)
                + " remain");
      }
      TarEntry entry =
          new TarEntry(
              EntryPaths.clean(e.getName()),
              e.getName(),
              type,
              headerOffset,
              dataOffset,
              size,
              e.getLinkName() == null ? "" : e.getLinkName());
      entries.add(entry);
      TarEntry first = byName.putIfAbsent(entry.name(), entry);
      if (first != null) {
        duplicates.add(entry.name());
      }
    }
    return new TarIndex(entries, byName, new ArrayList<>(duplicates));
  }

  private static EntryType typeOf(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return EntryType.SYMLINK;
    }
    if (e.isLink()) {
      return EntryType.HARDLINK;
    }
    if (e.isDirectory()) {
      return EntryType.DIRECTORY;
    }
    if (e.isSparse()) {
      return EntryType.OTHER;
    }
    // Not e.isFile(): commons-compress calls every non-directory a file, FIFOs and devices too.
    byte flag = e.getLinkFlag();
    return flag == TarConstants.LF_NORMAL
            || flag == TarConstants.LF_OLDNORM
            || flag == TarConstants.LF_CONTIG
        ? EntryType.FILE
        : EntryType.OTHER;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Every entry in archive order, duplicates included. */
  List<TarEntry> entries() {
    return entries;
  }

  /** Cleaned names that occur more than once (the first occurrence is the one used, ARC-7). */
  List<String> duplicates() {
    return duplicates;
  }

  /** The first entry with this cleaned name, or null. */
  TarEntry find(String cleanName) {
    return byName.get(cleanName);
  }

  /**
   * Finds the regular file a name refers to, following symbolic links (relative to the link's
   * directory) and hard links (relative to the root), at most {@value #MAX_LINK_DEPTH} deep.
   *
   * @param name the wanted name, as written in {@code manifest.json}
   * @param rule the rule to cite when the name is missing
   */
  TarEntry resolve(String name, String rule)
      throws EntryNotFoundException, MalformedArchiveException {
    String wanted = EntryPaths.clean(name);
    if (!EntryPaths.isInside(wanted)) {
      throw new UnsafeEntryException(
          "SAFE-2", "entry name \"" + name + "\" is absolute or leaves the archive");
    }
    TarEntry entry = byName.get(wanted);
    if (entry == null) {
      throw new EntryNotFoundException(rule, "file does not exist: \"" + name + "\"");
    }
    List<String> chain = new ArrayList<>();
    chain.add(entry.name());
    while (entry.isLink()) {
      if (chain.size() > MAX_LINK_DEPTH) {
        throw new UnsafeEntryException(
            "ARC-6",
            "link chain longer than " + MAX_LINK_DEPTH + " links: " + String.join(" -> ", chain));
      }
      String target = linkTarget(entry, chain);
      if (chain.contains(target)) {
        chain.add(target);
        throw new UnsafeEntryException("ARC-6", "link loop: " + String.join(" -> ", chain));
      }
      chain.add(target);
      TarEntry next = byName.get(target);
      if (next == null) {
        throw new EntryNotFoundException(
            rule,
            "link target does not exist: "
                + String.join(" -> ", chain)
                + " (from \""
                + name
                + "\")");
      }
      entry = next;
    }
    if (entry.type() != EntryType.FILE) {
      throw new MalformedArchiveException(
          "ARC-6",
          "Error reading tar archive component \""
              + entry.rawName()
              + "\": not a regular file ("
              + entry.type().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    return entry;
  }

  private static String linkTarget(TarEntry link, List<String> chain) throws UnsafeEntryException {
    String linkName = link.linkName();
    if (linkName.startsWith("/")) {
      throw new UnsafeEntryException(
          "SAFE-2",
          "absolute link target \""
              + linkName
              + "\" in "
              + String.join(" -> ", chain)
              + " is refused");
    }
    String target =
        link.type() == EntryType.SYMLINK
            ? EntryPaths.clean(EntryPaths.dir(link.name()) + "/" + linkName)
            : EntryPaths.clean(linkName);
    if (!EntryPaths.isInside(target)) {
      throw new UnsafeEntryException(
          "SAFE-2",
          "link target \""
              + linkName
              + "\" of \""
              + link.rawName()
              + "\" leaves the archive ("
              + String.join(" -> ", chain)
              + " -> "
              + target
              + ")");
    }
    return target;
  }
}
