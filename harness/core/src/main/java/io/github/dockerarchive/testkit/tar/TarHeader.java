package io.github.dockerarchive.testkit.tar;

import io.github.dockerarchive.testkit.internal.TarEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Builds one 512-byte tar header block. By default the block is what Go's {@code archive/tar}
 * writes for a USTAR header: numbers in zero-padded octal ending in NUL, uid, gid and mtime 0,
 * empty user and group names, device numbers as octal zeros, the checksum as six octal digits, a
 * NUL and a space. {@link NumberStyle#COMMONS} formats numbers as Apache commons-compress does
 * instead.
 *
 * <p>Numbers that do not fit their octal field (a size of 8 GiB or more, a uid or gid of 2097152 or
 * more, a negative or far-future mtime) are written as {@link BigNumbers} says: by default as Go's
 * {@code archive/tar} Writer does, which picks the PAX format whenever USTAR cannot hold a header
 * and PAX can: {@link #encodeBlocks()} puts a PAX extended header with {@code size}, {@code uid},
 * {@code gid} or {@code mtime} records before the header, whose field then holds 0 (WR-14). {@link
 * BigNumbers#BASE_256} writes them into the field itself in base-256, as GNU tar and star do.
 *
 * <p>Other PAX records ({@code path}, {@code linkpath}, {@code mtime} of a long name or link
 * target, see {@link #addPaxRecord(String, String)}) go into the same extended header: an entry has
 * at most one, as Go's Writer writes it, since Go's reader keeps only the records of the last PAX
 * header before an entry.
 *
 * <p>For malformed archives any field can be given raw bytes ({@link #raw(TarField, byte[])}),
 * which are placed after encoding and win over the typed values, and the checksum can be made wrong
 * ({@link #badChecksum()}) or replaced. The static helpers compute and fix the checksum of a header
 * inside a larger buffer.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TarHeader {
  /** The tar block size. */
  public static final int BLOCK = TarEncoding.BLOCK;

  /**
   * The magic and version fields of a POSIX (ustar) header as text, {@code "ustar\0"} then {@code
   * "00"}, for comparing what a reader found; {@link #encode()} writes them.
   */
  public static final String POSIX_MAGIC_AND_VERSION = TarEncoding.POSIX_MAGIC_AND_VERSION;

  /** Type flag of a regular file. */
  public static final byte REGULAR = '0';

  /** Type flag of a hard link. */
  public static final byte HARD_LINK = '1';

  /** Type flag of a symbolic link. */
  public static final byte SYMLINK = '2';

  /** Type flag of a directory. */
  public static final byte DIRECTORY = '5';

  /** Type flag of a PAX extended header for the next entry. */
  public static final byte PAX = 'x';

  /** How numeric fields are formatted. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum NumberStyle {
    /** Go's {@code archive/tar}: octal digits filling the field but its last byte, then NUL. */
    GO,
    /** Apache commons-compress: octal digits, then a space (the mode: a space and a NUL). */
    COMMONS
  }

  /** How numbers that do not fit their octal field are written (WR-14). */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum BigNumbers {
    /**
     * A PAX extended header before the header carries the number as a record ({@code size}, {@code
     * uid}, {@code gid}, {@code mtime}) and the field holds 0, as Go's {@code archive/tar} Writer
     * writes a header USTAR cannot hold; only {@link #encodeBlocks()} writes it.
     */
    PAX,
    /**
     * The field holds the number in base-256 (two's complement, highest bit of the first byte set),
     * as Go writes GNU headers and as GNU tar and star do; {@link #encode()} writes it.
     */
    BASE_256
  }

  /** The PAX record keys of the numeric fields that can carry one. */
  private static final Map<TarField, String> PAX_KEYS =
      Map.of(
          TarField.GID, "gid", TarField.MTIME, "mtime", TarField.SIZE, "size", TarField.UID, "uid");

  private byte[] name = new byte[0];
  private byte type;
  private int mode;
  private long uid;
  private long gid;
  private long size;
  private long mtime;
  private byte[] linkName = new byte[0];
  private NumberStyle numberStyle = NumberStyle.GO;
  private BigNumbers bigNumbers = BigNumbers.PAX;
  private boolean deviceNumbers = true;
  private boolean badChecksum;
  private boolean gnu;
  private final Map<TarField, byte[]> overrides = new EnumMap<>(TarField.class);
  private final Map<String, String> paxRecords = new TreeMap<>();

  private TarHeader(byte type) {
    this.type = type;
  }

  /**
   * A header of the given type, every other field zero or empty.
   *
   * @param type the type flag, for example {@link #REGULAR}
   * @return the builder
   */
  public static TarHeader of(byte type) {
    return new TarHeader(type);
  }

  /**
   * A regular file header.
   *
   * @param name the entry name
   * @param size the data size
   * @return the builder
   */
  public static TarHeader file(String name, long size) {
    return of(REGULAR).name(name).size(size);
  }

  /**
   * Sets the name (UTF-8).
   *
   * @param name at most 100 bytes
   * @return this builder
   */
  public TarHeader name(String name) {
    return name(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets the name as raw bytes (which need not be UTF-8).
   *
   * @param name at most 100 bytes
   * @return this builder
   */
  public TarHeader name(byte[] name) {
    this.name = name.clone();
    return this;
  }

  /**
   * Sets the type flag.
   *
   * @param type the flag byte
   * @return this builder
   */
  public TarHeader type(byte type) {
    this.type = type;
    return this;
  }

  /**
   * Sets the mode.
   *
   * @param mode the mode bits, for example {@code 0644}
   * @return this builder
   */
  public TarHeader mode(int mode) {
    this.mode = mode;
    return this;
  }

  /**
   * Sets the owner's user ID.
   *
   * @param uid the ID
   * @return this builder
   */
  public TarHeader uid(long uid) {
    this.uid = uid;
    return this;
  }

  /**
   * Sets the owner's group ID.
   *
   * @param gid the ID
   * @return this builder
   */
  public TarHeader gid(long gid) {
    this.gid = gid;
    return this;
  }

  /**
   * Sets the size field.
   *
   * @param size the data size
   * @return this builder
   */
  public TarHeader size(long size) {
    this.size = size;
    return this;
  }

  /**
   * Sets the modification time.
   *
   * @param mtime seconds since the epoch
   * @return this builder
   */
  public TarHeader mtime(long mtime) {
    this.mtime = mtime;
    return this;
  }

  /**
   * Sets the link target (UTF-8).
   *
   * @param linkName at most 100 bytes
   * @return this builder
   */
  public TarHeader linkName(String linkName) {
    this.linkName = linkName.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /**
   * Chooses how numeric fields are formatted.
   *
   * @param style the style
   * @return this builder
   */
  public TarHeader numberStyle(NumberStyle style) {
    this.numberStyle = style;
    return this;
  }

  /**
   * Chooses how numbers that do not fit their octal field are written (WR-14).
   *
   * @param bigNumbers PAX records (the default, as Go's Writer) or base-256
   * @return this builder
   */
  public TarHeader bigNumbers(BigNumbers bigNumbers) {
    this.bigNumbers = bigNumbers;
    return this;
  }

  /**
   * Whether the device number fields are written as octal zeros (as Go does for USTAR headers) or
   * left as NUL bytes (as Go does for its raw PAX headers).
   *
   * @param write true to write them
   * @return this builder
   */
  public TarHeader deviceNumbers(boolean write) {
    this.deviceNumbers = write;
    return this;
  }

  /**
   * Writes GNU's magic and version ({@code "ustar "}, {@code " \0"}) instead of POSIX's, as GNU tar
   * and Go's {@code FormatGNU} do; long names then go into {@code ././@LongLink} entries of type
   * {@code L} or {@code K} written before this header, which the caller adds.
   *
   * @return this builder
   */
  public TarHeader gnu() {
    this.gnu = true;
    return this;
  }

  /**
   * Adds a record to the PAX extended header {@link #encodeBlocks()} writes before this header, for
   * example a {@code path} or {@code linkpath} over 100 bytes, or an {@code mtime}: one header
   * carries these records and those of the numbers beyond octal, in key order, as Go's Writer
   * writes them (a number's own record wins over one given here under the same key). The header's
   * fields are not changed: give them what they should hold beside the record (for a long name, its
   * first 100 bytes, as Go does). {@link #encode()} ignores the records.
   *
   * @param key the record's key, for example {@code path}
   * @param value its value (UTF-8)
   * @return this builder
   */
  public TarHeader addPaxRecord(String key, String value) {
    paxRecords.put(key, value);
    return this;
  }

  /**
   * Gives a field raw bytes, placed after encoding: the field becomes {@code bytes} followed by
   * NULs, whatever the typed value was. For {@link TarField#CHECKSUM} the checksum is not computed.
   *
   * @param field the field
   * @param bytes at most the field's length
   * @return this builder
   * @throws IllegalArgumentException when the bytes are longer than the field
   */
  public TarHeader raw(TarField field, byte[] bytes) {
    if (bytes.length > field.length()) {
      throw new IllegalArgumentException(
          "raw tar "
              + field.label()
              + " is "
              + bytes.length
              + " bytes, the field has "
              + field.length());
    }
    overrides.put(field, bytes.clone());
    return this;
  }

  /**
   * Gives a field raw ASCII text, as {@link #raw(TarField, byte[])}.
   *
   * @param field the field
   * @param text at most the field's length
   * @return this builder
   */
  public TarHeader raw(TarField field, String text) {
    return raw(field, text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Makes the checksum wrong: the lowest bit of the right value is flipped.
   *
   * @return this builder
   */
  public TarHeader badChecksum() {
    this.badChecksum = true;
    return this;
  }

  /**
   * Encodes the header as one block.
   *
   * @return a new 512-byte block
   * @throws IllegalArgumentException when a name or number does not fit its field; with {@link
   *     BigNumbers#PAX} a number beyond octal needs {@link #encodeBlocks()}
   */
  public byte[] encode() {
    return encode(null);
  }

  /**
   * Encodes the header with what it needs before it: when records were added ({@link
   * #addPaxRecord(String, String)}) or, with {@link BigNumbers#PAX}, a size, uid, gid or mtime does
   * not fit its octal field, one PAX extended header (type {@code x}, named {@code
   * dir/PaxHeaders.0/base} after the {@code path} record when there is one, else after the name
   * field; mode, ids and mtime 0, no device numbers) holding all the records in key order, its data
   * padded to a block, then this header with 0 in the fields whose numbers went into records: the
   * bytes Go's {@code archive/tar} Writer writes for such a header (WR-14). Otherwise the one block
   * {@link #encode()} gives.
   *
   * @return the blocks, a multiple of 512 bytes
   * @throws IllegalArgumentException when a name, or a number that no record can carry (the mode),
   *     does not fit its field
   */
  public byte[] encodeBlocks() {
    Map<TarField, Long> numbers = new EnumMap<>(TarField.class);
    byte[] main = encode(numbers);
    if (numbers.isEmpty() && paxRecords.isEmpty()) {
      return main;
    }
    Map<String, String> byKey = new TreeMap<>(paxRecords);
    numbers.forEach((field, value) -> byKey.put(PAX_KEYS.get(field), Long.toString(value)));
    StringBuilder data = new StringBuilder();
    byKey.forEach((key, value) -> data.append(TarEncoding.paxRecord(key, value)));
    byte[] record = data.toString().getBytes(StandardCharsets.UTF_8);
    String entryName =
        byKey.containsKey("path") ? byKey.get("path") : new String(name, StandardCharsets.UTF_8);
    byte[] pax =
        of(PAX)
            .name(TarEncoding.paxHeaderName(entryName))
            .size(record.length)
            .numberStyle(numberStyle)
            .deviceNumbers(false)
            .encode();
    int padded = record.length + padding(record.length);
    byte[] out = new byte[BLOCK + padded + BLOCK];
    System.arraycopy(pax, 0, out, 0, BLOCK);
    System.arraycopy(record, 0, out, BLOCK, record.length);
    System.arraycopy(main, 0, out, BLOCK + padded, BLOCK);
    return out;
  }

  /** Encodes the block; {@code records} (null: none allowed) collects the numbers PAX carries. */
  private byte[] encode(Map<TarField, Long> records) {
    byte[] block = new byte[BLOCK];
    TarEncoding.putBytes(block, TarField.NAME.offset(), TarField.NAME.length(), name, "name");
    number(block, TarField.MODE, mode, null);
    number(block, TarField.UID, uid, records);
    number(block, TarField.GID, gid, records);
    number(block, TarField.SIZE, size, records);
    number(block, TarField.MTIME, mtime, records);
    block[TarField.TYPE.offset()] = type;
    TarEncoding.putBytes(
        block, TarField.LINK_NAME.offset(), TarField.LINK_NAME.length(), linkName, "link name");
    if (gnu) {
      TarEncoding.putGnuMagic(block);
    } else {
      TarEncoding.putMagic(block);
    }
    if (deviceNumbers) {
      number(block, TarField.DEV_MAJOR, 0, null);
      number(block, TarField.DEV_MINOR, 0, null);
    }
    overrides.forEach(
        (field, bytes) -> {
          if (field != TarField.CHECKSUM) {
            put(block, field, bytes);
          }
        });
    long sum = TarEncoding.checksum(block, 0);
    TarEncoding.putChecksum(block, 0, badChecksum ? sum ^ 1 : sum);
    byte[] checksum = overrides.get(TarField.CHECKSUM);
    if (checksum != null) {
      put(block, TarField.CHECKSUM, checksum);
    }
    return block;
  }

  private void number(byte[] block, TarField field, long value, Map<TarField, Long> records) {
    if (!TarEncoding.fitsOctal(field.length(), value)) {
      if (bigNumbers == BigNumbers.BASE_256) {
        TarEncoding.putBase256(block, field.offset(), field.length(), value, field.label());
        return;
      }
      if (records == null || !PAX_KEYS.containsKey(field)) {
        throw new IllegalArgumentException(
            "tar "
                + field.label()
                + " "
                + value
                + " does not fit a "
                + field.length()
                + "-byte octal field"
                + (PAX_KEYS.containsKey(field)
                    ? "; encodeBlocks() writes it as a PAX record, bigNumbers(BASE_256) in base-256"
                    : ""));
      }
      records.put(field, value);
      value = 0;
    }
    if (numberStyle == NumberStyle.GO) {
      TarEncoding.putOctalGo(block, field.offset(), field.length(), value, field.label());
    } else {
      TarEncoding.putOctalCommons(
          block, field.offset(), field.length(), value, field == TarField.MODE, field.label());
    }
  }

  private static void put(byte[] block, TarField field, byte[] bytes) {
    Arrays.fill(block, field.offset(), field.offset() + field.length(), (byte) 0);
    System.arraycopy(bytes, 0, block, field.offset(), bytes.length);
  }

  /**
   * The right checksum of a header inside a buffer: the sum of its bytes, the checksum field
   * counted as eight spaces.
   *
   * @param buffer bytes holding the header
   * @param headerOffset where the header starts
   * @return the checksum
   */
  public static long checksum(byte[] buffer, int headerOffset) {
    return TarEncoding.checksum(buffer, headerOffset);
  }

  /**
   * Rewrites the checksum of a header inside a buffer with its right value, in place.
   *
   * @param buffer bytes holding the header
   * @param headerOffset where the header starts
   */
  public static void fixChecksum(byte[] buffer, int headerOffset) {
    TarEncoding.putChecksum(buffer, headerOffset, TarEncoding.checksum(buffer, headerOffset));
  }

  /**
   * The number of zero bytes that pad {@code size} data bytes to a whole block.
   *
   * @param size the data size
   * @return 0 to 511
   */
  public static int padding(long size) {
    return TarEncoding.padding(size);
  }

  /**
   * A PAX record as Go's {@code formatPAXRecord} writes it: {@code "<len> key=value\n"}, the length
   * counting the whole record, its own digits included.
   *
   * @param key the key
   * @param value the value
   * @return the record text
   */
  public static String paxRecord(String key, String value) {
    return TarEncoding.paxRecord(key, value);
  }

  /**
   * The name Go gives the PAX header of an entry: {@code dir/PaxHeaders.0/base}.
   *
   * @param name a clean entry name
   * @return the PAX header name
   */
  public static String paxName(String name) {
    return TarEncoding.paxName(name);
  }
}
