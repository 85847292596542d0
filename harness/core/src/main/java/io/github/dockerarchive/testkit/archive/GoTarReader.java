package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.internal.GoJsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header walk of Go's {@code archive/tar} {@code Reader.Next} (Go 1.19), the reader every
 * Go-based loader uses, ported decision for decision so that a tar is readable here exactly when it
 * is readable there (docs/reference.md, "Go-exact reading"): format detection by checksum (unsigned
 * or signed sum) and magic, octal and base-256 numbers, ustar/STAR prefixes, GNU long names and
 * links, PAX records (local and global, with Go's record validation and overrides), old GNU and PAX
 * sparse maps, header-only types whose size is not skipped, and the end of the archive at two zero
 * blocks, at one zero block followed by nothing, or at a clean end of file (missing padding after
 * the last data included). Data is never read, only skipped; every byte string is kept as bytes
 * (ISO-8859-1 text here) until the name is decoded the way Go strings hold it.
 */
final class GoTarReader {
  static final int BLOCK = 512;
  private static final int MAX_SPECIAL_FILE_SIZE = 1 << 20;
  private static final int FORMAT_V7 = 1;
  private static final int FORMAT_USTAR_PAX = 6;
  private static final int FORMAT_GNU = 8;
  private static final int FORMAT_STAR = 16;

  /** Why Go would refuse the tar, with Go's own wording and the byte offset. */
  static final class TarFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    final long offset;

    TarFormatException(String message, long offset) {
      super(message);
      this.offset = offset;
    }
  }

  /**
   * One entry as Go's {@code Next} returns it.
   *
   * @param name the name bytes (ISO-8859-1 text)
   * @param linkName the link target bytes (ISO-8859-1 text)
   * @param typeflag the type flag after Go's {@code TypeRegA} conversion
   * @param size the logical size
   * @param headerOffset where the entry's own header starts
   * @param dataOffset where its data starts
   * @param sparse whether the data is a sparse file's (holes not stored)
   */
  record Header(
      String name,
      String linkName,
      byte typeflag,
      long size,
      long headerOffset,
      long dataOffset,
      boolean sparse) {}

  /**
   * Where the tar bytes come from: a file read in place, or a stream spooled to a file as the walk
   * needs more of it (so that nothing after the end-of-archive marker is ever pulled).
   */
  interface Input {
    /**
     * How many of the {@code want} bytes from {@code offset} exist (pulling them in if needed).
     *
     * @param offset where they start
     * @param want how many are wanted
     * @return at most {@code want}
     */
    long have(long offset, long want) throws IOException;

    /**
     * Reads {@code length} bytes known to exist.
     *
     * @param offset where they start
     * @param length how many
     * @return the bytes
     */
    byte[] read(long offset, int length) throws IOException;
  }

  /** A file read in place. */
  static Input of(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    return new Input() {
      @Override
      public long have(long offset, long want) {
        return Math.max(0, Math.min(want, size - offset));
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(offset);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
          // read fully
        }
        return buffer.array();
      }
    };
  }

  /**
   * Every entry of a tar and where it ends.
   *
   * @param headers the entries in order
   * @param end the offset just after the end-of-archive marker, or the end of the bytes read
   */
  record Walk(List<Header> headers, long end) {}

  private final Input input;
  private long position;
  private long remaining;
  private long pad;
  private String entryName = "";
  private long entryOffset;
  private long entrySize;

  private GoTarReader(Input input) {
    this.input = input;
  }

  /** Every entry up to the end of the archive, as Go's reader returns them. */
  static List<Header> readAll(SeekableByteChannel channel) throws IOException, TarFormatException {
    return walk(of(channel)).headers();
  }

  /** Every entry up to the end of the archive, and where the archive ends. */
  static Walk walk(Input input) throws IOException, TarFormatException {
    List<Header> headers = new ArrayList<>();
    long end = scan(input, headers::add);
    return new Walk(List.copyOf(headers), end);
  }

  /**
   * Hands every entry up to the end of the archive to {@code sink} as it is read, keeping none of
   * them (for tars of unbounded entry count, such as layers).
   *
   * @return the offset just after the end-of-archive marker, or the end of the bytes read
   */
  static long scan(Input input, java.util.function.Consumer<Header> sink)
      throws IOException, TarFormatException {
    GoTarReader reader = new GoTarReader(input);
    Header h;
    while ((h = reader.next()) != null) {
      sink.accept(h);
    }
    return reader.position;
  }

  private long have(long want) throws IOException {
    return input.have(position, want);
  }

  private static TarFormatException headerError(String what, long offset) {
    return new TarFormatException(
        "archive/tar: invalid tar header: "
            + what
            + (what.contains("byte offset") ? "" : " (the header at byte offset " + offset + ")"),
        offset);
  }

  private TarFormatException unexpectedEof(String what) {
    return new TarFormatException("unexpected EOF: truncated: " + what, position);
  }

  private TarFormatException truncatedData() throws IOException {
    long consumed = entrySize - remaining;
    long available = consumed + have(remaining);
    return new TarFormatException(
        "unexpected EOF: truncated: entry \""
            + printable(entryName)
            + "\" at byte offset "
            + entryOffset
            + " declares "
            + entrySize
            + " bytes of data but only "
            + available
            + " remain",
        entryOffset);
  }

  private byte[] read(long offset, int length) throws IOException {
    return input.read(offset, length);
  }

  /** Go's {@code Reader.next}: null at the end of the archive. */
  private Header next() throws IOException, TarFormatException {
    Map<String, String> pax = null;
    String gnuLongName = "";
    String gnuLongLink = "";
    while (true) {
      // Discard the rest of the current entry's data, then its padding (a short padding ends the
      // archive cleanly, as tryReadFull's io.EOF does in Go).
      if (have(remaining) < remaining) {
        throw truncatedData();
      }
      position += remaining;
      remaining = 0;
      long padding = have(pad);
      if (padding < pad) {
        position += padding;
        return null;
      }
      position += pad;
      pad = 0;

      long headerOffset = position;
      byte[] block = readBlock();
      if (block == null) {
        return null;
      }
      RawHeader hdr = parse(block, headerOffset);
      entryName = hdr.name;
      entryOffset = headerOffset;
      handleRegularFile(hdr);
      switch (hdr.typeflag) {
        case 'x', 'g' -> {
          pax = parsePax(readSpecialFile(), headerOffset);
          if (hdr.typeflag == 'g') {
            try {
              mergePax(hdr, pax, headerOffset);
            } catch (TarFormatException ignored) {
              // Go ignores mergePAX's error for a global header
            }
            return new Header(hdr.name, "", (byte) 'g', 0, headerOffset, position, false);
          }
        }
        case 'L', 'K' -> {
          String value = cString(readSpecialFile());
          if (hdr.typeflag == 'L') {
            gnuLongName = value;
          } else {
            gnuLongLink = value;
          }
        }
        default -> {
          mergePax(hdr, pax, headerOffset);
          if (!gnuLongName.isEmpty()) {
            hdr.name = gnuLongName;
          }
          if (!gnuLongLink.isEmpty()) {
            hdr.linkName = gnuLongLink;
          }
          if (hdr.typeflag == 0) {
            hdr.typeflag = hdr.name.endsWith("/") ? (byte) '5' : (byte) '0';
          }
          entryName = hdr.name;
          handleRegularFile(hdr);
          boolean sparse = handleSparseFile(hdr, block, headerOffset);
          return new Header(
              hdr.name, hdr.linkName, hdr.typeflag, hdr.size, headerOffset, position, sparse);
        }
      }
    }
  }

  /** Go's {@code readHeader}'s block handling: null at a clean end of the archive. */
  private byte[] readBlock() throws IOException, TarFormatException {
    long available = have(BLOCK);
    if (available == 0) {
      return null;
    }
    if (available < BLOCK) {
      throw unexpectedEof(
          "the header at byte offset " + position + " has only " + available + " of 512 bytes");
    }
    byte[] block = read(position, BLOCK);
    position += BLOCK;
    if (!isZero(block)) {
      return block;
    }
    available = have(BLOCK);
    if (available == 0) {
      return null;
    }
    if (available < BLOCK) {
      throw unexpectedEof(
          "the block at byte offset "
              + position
              + " after a zero block has only "
              + available
              + " of 512 bytes");
    }
    byte[] second = read(position, BLOCK);
    position += BLOCK;
    if (isZero(second)) {
      return null;
    }
    throw headerError(
        "a lone zero block at byte offset "
            + (position - 2 * BLOCK)
            + " is followed by data at byte offset "
            + (position - BLOCK)
            + "; the end of an archive is two zero blocks",
        position - 2 * BLOCK);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The fields of one header block as Go's {@code readHeader} fills them. */
  private static final class RawHeader {
    String name;
    String linkName;
    byte typeflag;
    long size;
    Map<String, String> paxRecords = Map.of();
  }

  private static RawHeader parse(byte[] b, long offset) throws TarFormatException {
    int format = format(b);
    if (format == 0) {
      throw headerError(
          "bad header checksum for entry \""
              + printable(cString(field(b, 0, 100)))
              + "\" at byte offset "
              + offset,
          offset);
    }
    Parser p = new Parser();
    RawHeader hdr = new RawHeader();
    hdr.typeflag = b[156];
    hdr.name = cString(field(b, 0, 100));
    hdr.linkName = cString(field(b, 157, 100));
    hdr.size = p.numeric(field(b, 124, 12));
    p.numeric(field(b, 100, 8));
    p.numeric(field(b, 108, 8));
    p.numeric(field(b, 116, 8));
    p.numeric(field(b, 136, 12));
    if (format > FORMAT_V7) {
      p.numeric(field(b, 329, 8));
      p.numeric(field(b, 337, 8));
      String prefix = "";
      if ((format & FORMAT_USTAR_PAX) != 0) {
        prefix = cString(field(b, 345, 155));
      } else if (format == FORMAT_STAR) {
        prefix = cString(field(b, 345, 131));
        p.numeric(field(b, 476, 12));
        p.numeric(field(b, 488, 12));
      } else if (format == FORMAT_GNU) {
        Parser p2 = new Parser();
        if (b[345] != 0) {
          p2.numeric(field(b, 345, 12));
        }
        if (b[357] != 0) {
          p2.numeric(field(b, 357, 12));
        }
        if (p2.error) {
          String s = cString(field(b, 345, 155));
          if (s.chars().allMatch(c -> c < 0x80)) {
            prefix = s;
          }
        }
      }
      if (!prefix.isEmpty()) {
        hdr.name = prefix + "/" + hdr.name;
      }
    }
    if (p.error) {
      throw headerError(
          "a numeric field is not a number, in the header at byte offset " + offset, offset);
    }
    return hdr;
  }

  /** Go's {@code block.getFormat}: 0 for unknown. */
  private static int format(byte[] b) {
    Parser p = new Parser();
    long value = p.octal(field(b, 148, 8));
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte c = (i >= 148 && i < 156) ? (byte) ' ' : b[i];
      unsigned += c & 0xff;
      signed += c;
    }
    if (p.error || (value != unsigned && value != signed)) {
      return 0;
    }
    String magic = new String(b, 257, 6, StandardCharsets.ISO_8859_1);
    String version = new String(b, 263, 2, StandardCharsets.ISO_8859_1);
    String trailer = new String(b, 508, 4, StandardCharsets.ISO_8859_1);
    if (magic.equals("ustar\0") && trailer.equals("tar\0")) {
      return FORMAT_STAR;
    }
    if (magic.equals("ustar\0")) {
      return FORMAT_USTAR_PAX;
    }
    if (magic.equals("ustar ") && version.equals(" \0")) {
      return FORMAT_GNU;
    }
    return FORMAT_V7;
  }

  private void handleRegularFile(RawHeader hdr) throws TarFormatException {
    long nb = isHeaderOnly(hdr.typeflag) ? 0 : hdr.size;
    if (nb < 0) {
      throw headerError(
          "negative size "
              + nb
              + " for entry \""
              + printable(hdr.name)
              + "\" at byte offset "
              + entryOffset,
          entryOffset);
    }
    pad = (BLOCK - nb % BLOCK) % BLOCK;
    remaining = nb;
    entrySize = nb;
  }

  static boolean isHeaderOnly(byte type) {
    return type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6';
  }

  /** Go's {@code readSpecialFile} from the current entry's data. */
  private String readSpecialFile() throws IOException, TarFormatException {
    long want = Math.min(remaining, MAX_SPECIAL_FILE_SIZE + 1L);
    if (have(want) < want) {
      throw truncatedData();
    }
    if (want > MAX_SPECIAL_FILE_SIZE) {
      throw new TarFormatException("archive/tar: header field too long", position);
    }
    byte[] data = read(position, (int) want);
    position += want;
    remaining -= want;
    return new String(data, StandardCharsets.ISO_8859_1);
  }

  private static Map<String, String> parsePax(String s, long offset) throws TarFormatException {
    List<String> sparseMap = new ArrayList<>();
    Map<String, String> records = new HashMap<>();
    while (!s.isEmpty()) {
      int space = s.indexOf(' ');
      if (space < 0) {
        throw headerError("PAX record without a length", offset);
      }
      String nStr = s.substring(0, space);
      Long n = GoStrconvBits.parseInt(nStr);
      if (n == null || n < 5 || n > s.length()) {
        throw headerError("PAX record length \"" + nStr + "\" is invalid", offset);
      }
      String rest = s.substring(space + 1);
      long m = n - (nStr.length() + 1);
      if (m <= 0) {
        throw headerError("PAX record length \"" + nStr + "\" is invalid", offset);
      }
      String rec = rest.substring(0, (int) m - 1);
      if (rest.charAt((int) m - 1) != '\n') {
        throw headerError("PAX record does not end with a newline", offset);
      }
      s = rest.substring((int) m);
      int eq = rec.indexOf('=');
      if (eq < 0) {
        throw headerError("PAX record without '='", offset);
      }
      String k = rec.substring(0, eq);
      String v = rec.substring(eq + 1);
      boolean valid =
          !k.isEmpty()
              && !k.contains("=")
              && (switch (k) {
                case "path", "linkpath", "uname", "gname" -> !v.contains("\0");
                default -> !k.contains("\0");
              });
      if (!valid) {
        throw headerError("invalid PAX record \"" + k + "\"", offset);
      }
      if (k.equals("GNU.sparse.offset") || k.equals("GNU.sparse.numbytes")) {
        boolean even = sparseMap.size() % 2 == 0;
        if ((even && !k.equals("GNU.sparse.offset"))
            || (!even && !k.equals("GNU.sparse.numbytes"))
            || v.contains(",")) {
          throw headerError("GNU sparse PAX records out of order", offset);
        }
        sparseMap.add(v);
      } else {
        records.put(k, v);
      }
    }
    if (!sparseMap.isEmpty()) {
      records.put("GNU.sparse.map", String.join(",", sparseMap));
    }
    return records;
  }

  private static void mergePax(RawHeader hdr, Map<String, String> pax, long offset)
      throws TarFormatException {
    if (pax == null) {
      return;
    }
    for (Map.Entry<String, String> e : pax.entrySet()) {
      String v = e.getValue();
      if (v.isEmpty()) {
        continue;
      }
      boolean ok =
          switch (e.getKey()) {
            case "path" -> {
              hdr.name = v;
              yield true;
            }
            case "linkpath" -> {
              hdr.linkName = v;
              yield true;
            }
            case "uid", "gid" -> GoStrconvBits.parseInt(v) != null;
            case "atime", "mtime", "ctime" -> GoStrconvBits.isPaxTime(v);
            case "size" -> {
              Long size = GoStrconvBits.parseInt(v);
              if (size != null) {
                hdr.size = size;
              }
              yield size != null;
            }
            default -> true;
          };
      if (!ok) {
        throw headerError(
            "PAX record \"" + e.getKey() + "\" has an invalid value \"" + v + "\"", offset);
      }
    }
    hdr.paxRecords = pax;
  }

  /** Go's {@code handleSparseFile}: whether the entry is sparse. */
  private boolean handleSparseFile(RawHeader hdr, byte[] block, long offset)
      throws IOException, TarFormatException {
    List<long[]> map;
    if (hdr.typeflag == 'S') {
      map = readOldGnuSparseMap(hdr, block, offset);
    } else {
      map = readGnuSparsePaxHeaders(hdr, offset);
    }
    if (map == null) {
      return false;
    }
    if (isHeaderOnly(hdr.typeflag) || !validSparse(map, hdr.size)) {
      throw headerError("invalid sparse map", offset);
    }
    return true;
  }

  private List<long[]> readOldGnuSparseMap(RawHeader hdr, byte[] block, long offset)
      throws IOException, TarFormatException {
    if (format(block) != FORMAT_GNU) {
      throw headerError("an old GNU sparse entry without GNU magic", offset);
    }
    Parser p = new Parser();
    hdr.size = p.numeric(field(block, 483, 12));
    if (p.error) {
      throw headerError("bad sparse real size", offset);
    }
    List<long[]> map = new ArrayList<>();
    byte[] b = block;
    int start = 386;
    int entries = 4;
    while (true) {
      for (int i = 0; i < entries; i++) {
        int at = start + i * 24;
        if (b[at] == 0) {
          break;
        }
        long off = p.numeric(field(b, at, 12));
        long len = p.numeric(field(b, at + 12, 12));
        if (p.error) {
          throw headerError("bad sparse map entry", offset);
        }
        map.add(new long[] {off, len});
      }
      if ((b[start + entries * 24] & 0xff) > 0) {
        if (have(BLOCK) < BLOCK) {
          throw unexpectedEof("a sparse extension header is truncated");
        }
        b = read(position, BLOCK);
        position += BLOCK;
        start = 0;
        entries = 21;
        continue;
      }
      return map;
    }
  }

  private List<long[]> readGnuSparsePaxHeaders(RawHeader hdr, long offset)
      throws IOException, TarFormatException {
    Map<String, String> r = hdr.paxRecords;
    String major = r.getOrDefault("GNU.sparse.major", "");
    String minor = r.getOrDefault("GNU.sparse.minor", "");
    boolean is1x0;
    if (major.equals("0") && (minor.equals("0") || minor.equals("1"))) {
      is1x0 = false;
    } else if (major.equals("1") && minor.equals("0")) {
      is1x0 = true;
    } else if (!major.isEmpty() || !minor.isEmpty()) {
      return null;
    } else if (!r.getOrDefault("GNU.sparse.map", "").isEmpty()) {
      is1x0 = false;
    } else {
      return null;
    }
    String name = r.getOrDefault("GNU.sparse.name", "");
    if (!name.isEmpty()) {
      hdr.name = name;
    }
    String size = r.getOrDefault("GNU.sparse.size", "");
    if (size.isEmpty()) {
      size = r.getOrDefault("GNU.sparse.realsize", "");
    }
    if (!size.isEmpty()) {
      Long n = GoStrconvBits.parseInt(size);
      if (n == null) {
        throw headerError("bad GNU sparse size \"" + size + "\"", offset);
      }
      hdr.size = n;
    }
    return is1x0 ? readSparseMap1x0(offset) : readSparseMap0x1(r, offset);
  }

  private List<long[]> readSparseMap1x0(long offset) throws IOException, TarFormatException {
    StringBuilder buf = new StringBuilder();
    long newlines = 0;
    long needed = 1;
    List<String> tokens = new ArrayList<>();
    int next = 0;
    long count = -1;
    List<long[]> map = new ArrayList<>();
    while (true) {
      while (newlines < needed) {
        if (remaining < BLOCK || have(BLOCK) < BLOCK) {
          throw unexpectedEof("a GNU sparse 1.0 map is truncated");
        }
        String blk = new String(read(position, BLOCK), StandardCharsets.ISO_8859_1);
        position += BLOCK;
        remaining -= BLOCK;
        buf.append(blk);
        newlines += blk.chars().filter(c -> c == '\n').count();
      }
      // tokenise what is buffered
      int nl;
      while ((nl = buf.indexOf("\n", next)) >= 0) {
        tokens.add(buf.substring(next, nl));
        next = nl + 1;
      }
      if (count < 0) {
        Long n = GoStrconvBits.parseInt(tokens.get(0));
        if (n == null || n < 0 || 2 * n < n) {
          throw headerError("bad GNU sparse 1.0 entry count", offset);
        }
        count = n;
        needed = 1 + 2 * count;
        continue;
      }
      for (int i = 0; i < count; i++) {
        Long o = GoStrconvBits.parseInt(tokens.get(1 + 2 * i));
        Long l = GoStrconvBits.parseInt(tokens.get(2 + 2 * i));
        if (o == null || l == null) {
          throw headerError("bad GNU sparse 1.0 map entry", offset);
        }
        map.add(new long[] {o, l});
      }
      return map;
    }
  }

  private static List<long[]> readSparseMap0x1(Map<String, String> r, long offset)
      throws TarFormatException {
    Long n = GoStrconvBits.parseInt(r.getOrDefault("GNU.sparse.numblocks", ""));
    if (n == null || n < 0 || 2 * n < n) {
      throw headerError("bad GNU.sparse.numblocks", offset);
    }
    String joined = r.getOrDefault("GNU.sparse.map", "");
    String[] parts = joined.isEmpty() ? new String[0] : joined.split(",", -1);
    if (parts.length != 2 * n) {
      throw headerError("GNU.sparse.map does not hold GNU.sparse.numblocks pairs", offset);
    }
    List<long[]> map = new ArrayList<>();
    for (int i = 0; i + 1 < parts.length; i += 2) {
      Long o = GoStrconvBits.parseInt(parts[i]);
      Long l = GoStrconvBits.parseInt(parts[i + 1]);
      if (o == null || l == null) {
        throw headerError("bad GNU.sparse.map entry", offset);
      }
      map.add(new long[] {o, l});
    }
    return map;
  }

  private static boolean validSparse(List<long[]> map, long size) {
    if (size < 0) {
      return false;
    }
    long preEnd = 0;
    for (long[] e : map) {
      if (e[0] < 0
          || e[1] < 0
          || e[0] > Long.MAX_VALUE - e[1]
          || e[0] + e[1] > size
          || preEnd > e[0]) {
        return false;
      }
      preEnd = e[0] + e[1];
    }
    return true;
  }

  private static byte[] field(byte[] b, int offset, int length) {
    byte[] f = new byte[length];
    System.arraycopy(b, offset, f, 0, length);
    return f;
  }

  /** Go's {@code parseString}: up to the first NUL. */
  private static String cString(byte[] b) {
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static String cString(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  /** Go's tar {@code parser}: numbers, remembering whether any failed. */
  private static final class Parser {
    boolean error;

    long numeric(byte[] b) {
      if (b.length > 0 && (b[0] & 0x80) != 0) {
        int inv = (b[0] & 0x40) != 0 ? 0xff : 0;
        long x = 0;
        for (int i = 0; i < b.length; i++) {
          int c = (b[i] & 0xff) ^ inv;
          if (i == 0) {
            c &= 0x7f;
          }
          if ((x >>> 56) > 0) {
            error = true;
            return 0;
          }
          x = x << 8 | c;
        }
        if ((x >>> 63) > 0) {
          error = true;
          return 0;
        }
        return inv == 0xff ? ~x : x;
      }
      return octal(b);
    }

    long octal(byte[] b) {
      int start = 0;
      int end = b.length;
      while (start < end && (b[start] == ' ' || b[start] == 0)) {
        start++;
      }
      while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
        end--;
      }
      if (start == end) {
        return 0;
      }
      String s = cString(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
      Long v = GoStrconvBits.parseUintOctal(s);
      if (v == null) {
        error = true;
        return 0;
      }
      return v;
    }
  }

  /**
   * Go's text-to-UTF-16 view of a byte string: valid UTF-8 decoded, each invalid byte kept as an
   * unpaired surrogate U+DC80..U+DCFF, so that it matches no name a JSON document can hold (Go's
   * JSON decoder turns invalid bytes into U+FFFD).
   */
  /**
   * A name for a message: decoded, with control characters escaped (one line, whatever it holds).
   */
  static String printable(String bytes) {
    String text = decode(bytes);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String decode(String bytes) {
    byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int cp = c < 0x80 ? c : GoJsonValue.Parser.decodeRune(b, i);
      if (cp < 0) {
        out.append((char) (0xDC00 | c));
        i++;
      } else {
        out.appendCodePoint(cp);
        i += GoJsonValue.Parser.width(cp);
      }
    }
    return out.toString();
  }
}
