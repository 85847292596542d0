package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private final long trailingDataOffset;

  /** Tars are written in records of 20 blocks; zero padding up to a record's end is normal. */
  static final long RECORD = 10_240;

  private TarIndex(
      List<TarEntry> entries,
      Map<String, TarEntry> byName,
      List<String> duplicates,
      long trailingDataOffset) {
    this.entries = List.copyOf(entries);
    this.byName = byName;
    this.duplicates = List.copyOf(duplicates);
    this.trailingDataOffset = trailingDataOffset;
  }

  /** Where bytes follow the end-of-archive marker and its record padding, or -1 (ARC-9). */
  static long trailingDataOffset(long end, long size) {
    long recordEnd = (end + RECORD - 1) / RECORD * RECORD;
    return size > recordEnd ? recordEnd : -1;
  }

  /**
   * Reads every header of the tar at {@code path} exactly as Go's {@code archive/tar} does ({@link
   * GoTarReader}); the data blocks are skipped by seeking.
   */
  static TarIndex build(Path path, String what) throws MalformedArchiveException {
    List<GoTarReader.Header> raw;
    long fileSize;
    long end;
    try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
      fileSize = channel.size();
      GoTarReader.Walk walk = GoTarReader.walk(GoTarReader.of(channel));
      raw = walk.headers();
      end = walk.end();
    } catch (GoTarReader.TarFormatException e) {
      throw new MalformedArchiveException(
          "SAFE-4", what + " is not a readable tar: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedArchiveException(
          null, "reading " + what + " (\"" + path + "\"): " + describe(e), e);
    }
    return fromEntries(raw, fileSize, what, trailingDataOffset(end, fileSize));
  }

  private static TarIndex fromEntries(
      List<GoTarReader.Header> raw, long fileSize, String what, long trailingDataOffset)
      throws MalformedArchiveException {
    List<TarEntry> entries = new ArrayList<>(raw.size());
    Map<String, TarEntry> byName = new HashMap<>(raw.size() * 2);
    Set<String> duplicates = new LinkedHashSet<>();
    for (GoTarReader.Header h : raw) {
      EntryType type = typeOf(h);
      long size = (type == EntryType.FILE) ? h.size() : 0;
      String rawName = GoTarReader.decode(h.name());
      if (type == EntryType.FILE
          && (h.dataOffset() > fileSize || size > fileSize - h.dataOffset())) {
        throw new MalformedArchiveException(
            "SAFE-4",
            what
                + ": truncated: entry \""
                + rawName
                + "\" at byte offset "
                + h.headerOffset()
                + " declares "
                + size
                + " bytes of data but only "
                + Math.max(0, fileSize - h.dataOffset())
                + " remain");
      }
      TarEntry entry =
          new TarEntry(
              EntryPaths.clean(rawName),
              rawName,
              type,
              h.headerOffset(),
              h.dataOffset(),
              size,
              GoTarReader.decode(h.linkName()));
      entries.add(entry);
      TarEntry first = byName.putIfAbsent(entry.name(), entry);
      if (first != null) {
        duplicates.add(entry.name());
      }
    }
    return new TarIndex(entries, byName, new ArrayList<>(duplicates), trailingDataOffset);
  }

  /** The kind of entry Go's type flag makes it; sparse files are not regular files here. */
  private static EntryType typeOf(GoTarReader.Header h) {
    if (h.sparse()) {
      return EntryType.OTHER;
    }
    return switch (h.typeflag()) {
      case '0', '7' -> EntryType.FILE;
      case '1' -> EntryType.HARDLINK;
      case '2' -> EntryType.SYMLINK;
      case '5' -> EntryType.DIRECTORY;
      default -> EntryType.OTHER;
    };
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /**
   * Where data follows the end-of-archive marker beyond its record padding: it is never read (as
   * Go's reader never reads it), only reported (ARC-9).
   *
   * @return the byte offset, or -1
   */
  long trailingDataOffset() {
    return trailingDataOffset;
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
