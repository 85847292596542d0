package io.github.dockerarchive.testkit.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the members of one layer tar look like, learned while the layer's bytes are hashed (one
 * pass, bounded memory): member names that occur twice (LAY-1) and hard links whose target is not
 * an earlier member (LAY-2), and names that leave the extraction root, absolute or through {@code
 * ..} (SAFE-2). Names are compared as Docker's extraction compares them: cleaned, a leading {@code
 * /} dropped. At most {@link #MAX_NAMES} names (and {@link #MAX_NAME_CHARS} characters of them) are
 * remembered; past that the scan stops checking and says so.
 */
final class LayerTarScan implements Consumer<GoTarReader.Header> {
  /** The most member names remembered per layer. */
  static final int MAX_NAMES = 500_000;

  /** The most characters of member names remembered per layer. */
  static final long MAX_NAME_CHARS = 32L << 20;

  /** The most findings of each kind kept for the message; the rest are only counted. */
  static final int MAX_KEPT = 5;

  private final Set<String> names = new HashSet<>();
  private long nameChars;
  private long members;
  private boolean capped;
  private final List<String> duplicates = new ArrayList<>();
  private long duplicateCount;
  private final List<String> danglingLinks = new ArrayList<>();
  private long danglingCount;
  private final List<String> escaping = new ArrayList<>();
  private long escapingCount;

  @Override
  public void accept(GoTarReader.Header h) {
    if (h.typeflag() == 'g') {
      return;
    }
    members++;
    String raw = GoTarReader.decode(h.name());
    String cleaned = EntryPaths.clean(raw);
    if (raw.startsWith("/") || cleaned.equals("..") || cleaned.startsWith("../")) {
      escapingCount++;
      if (escaping.size() < MAX_KEPT) {
        escaping.add("\"" + GoTarReader.printable(raw) + "\"");
      }
    }
    if (capped) {
      return;
    }
    String name = extractionName(h.name());
    if (h.typeflag() == '1') {
      String target = extractionName(h.linkName());
      if (!names.contains(target)) {
        danglingCount++;
        if (danglingLinks.size() < MAX_KEPT) {
          danglingLinks.add(
              "\""
                  + GoTarReader.printable(GoTarReader.decode(h.name()))
                  + "\" -> \""
                  + GoTarReader.printable(GoTarReader.decode(h.linkName()))
                  + "\"");
        }
      }
    }
    if (!names.add(name)) {
      duplicateCount++;
      if (duplicates.size() < MAX_KEPT) {
        duplicates.add("\"" + GoTarReader.printable(GoTarReader.decode(h.name())) + "\"");
      }
      return;
    }
    nameChars += name.length();
    if (names.size() >= MAX_NAMES || nameChars >= MAX_NAME_CHARS) {
      capped = true;
      names.clear();
    }
  }

  /** A name as an extraction resolves it below the root: cleaned, without a leading slash. */
  static String extractionName(String raw) {
    String clean = EntryPaths.clean(raw);
    while (clean.startsWith("/")) {
      clean = clean.length() == 1 ? "." : clean.substring(1);
    }
    return clean;
  }

  /** The findings so far. */
  Findings findings(String unreadable) {
    return new Findings(
        members,
        List.copyOf(duplicates),
        duplicateCount,
        List.copyOf(danglingLinks),
        danglingCount,
        List.copyOf(escaping),
        escapingCount,
        capped,
        unreadable);
  }

  /**
   * The scan of one layer tar.
   *
   * @param members how many members (global PAX headers not counted)
   * @param duplicates the first names seen twice, quoted
   * @param duplicateCount how many members repeat an earlier name
   * @param danglingLinks the first hard links whose target is no earlier member, {@code "a" -> "b"}
   * @param danglingCount how many such hard links
   * @param escaping the first names that are absolute or climb out through {@code ..}, quoted
   * @param escapingCount how many such names
   * @param capped whether names stopped being remembered (checks incomplete)
   * @param unreadable why the bytes are not a tar Go reads, or null
   */
  record Findings(
      long members,
      List<String> duplicates,
      long duplicateCount,
      List<String> danglingLinks,
      long danglingCount,
      List<String> escaping,
      long escapingCount,
      boolean capped,
      String unreadable) {}

  /**
   * The tar bytes of a stream for {@link GoTarReader}, read forward only: bytes before the walk's
   * position are dropped, and an entry's data (skipped, never read) is pulled through without being
   * kept, so memory stays at one header or special file (at most 1 MiB).
   */
  static final class StreamInput implements GoTarReader.Input {
    private static final int KEEP = (1 << 20) + 2 * GoTarReader.BLOCK;
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private long start;
    private int length;
    private boolean eof;

    StreamInput(InputStream in) {
      this.in = in;
    }

    @Override
    public long have(long offset, long want) throws IOException {
      drop(offset);
      long target = offset + want;
      boolean skip = want > KEEP;
      while (!eof && start + length < target) {
        if (skip) {
          drop(Math.min(target, start + length));
        }
        if (length == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          eof = true;
        } else {
          length += n;
        }
      }
      if (skip) {
        drop(Math.min(target, start + length));
      }
      return Math.max(0, Math.min(want, start + length - offset));
    }

    @Override
    public byte[] read(long offset, int count) {
      byte[] out = new byte[count];
      System.arraycopy(buffer, (int) (offset - start), out, 0, count);
      return out;
    }

    /** Forgets the bytes before {@code offset}. */
    private void drop(long offset) {
      if (offset <= start) {
        return;
      }
      int n = (int) Math.min(length, offset - start);
      System.arraycopy(buffer, n, buffer, 0, length - n);
      length -= n;
      start += n;
    }
  }
}
