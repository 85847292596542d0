package io.github.dockerarchive.testkit.testing;

import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import io.github.dockerarchive.testkit.tar.TarField;
import io.github.dockerarchive.testkit.tar.TarHeader;
import org.apiguardian.api.API;

/**
 * Byte-level surgery on a tar that {@link TarBuilder} made, for malformed-input tests (SAFE-4,
 * ARC-1): finding a header, rewriting a field, fixing or breaking the checksum, truncating.
 *
 * <p>Offsets of the header fields ({@link TarField}) are given as constants; every method returns a
 * patched copy and never changes its argument. The surgery itself is {@link TarPatch}'s, which
 * production code uses; this class keeps the tests' vocabulary.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TarBytes {
  /** The size of a tar block. */
  public static final int BLOCK = TarHeader.BLOCK;

  /** Offset and length of the name field. */
  public static final int NAME = TarField.NAME.offset(), NAME_LEN = TarField.NAME.length();

  /** Offset and length of the mode field. */
  public static final int MODE = TarField.MODE.offset(), MODE_LEN = TarField.MODE.length();

  /** Offset and length of the uid field. */
  public static final int UID = TarField.UID.offset(), UID_LEN = TarField.UID.length();

  /** Offset and length of the size field. */
  public static final int SIZE = TarField.SIZE.offset(), SIZE_LEN = TarField.SIZE.length();

  /** Offset and length of the mtime field. */
  public static final int MTIME = TarField.MTIME.offset(), MTIME_LEN = TarField.MTIME.length();

  /** Offset and length of the checksum field. */
  public static final int CHKSUM = TarField.CHECKSUM.offset(),
      CHKSUM_LEN = TarField.CHECKSUM.length();

  /** Offset of the type flag byte. */
  public static final int TYPEFLAG = TarField.TYPE.offset();

  private TarBytes() {}

  /**
   * The offset of the first header block whose name field is exactly {@code name}, walking the
   * headers by their size fields (PAX and GNU extension headers are headers too).
   *
   * @param tar the tar bytes
   * @param name the raw name in the header's name field
   * @return the header's byte offset
   * @throws IllegalArgumentException if there is no such header
   */
  public static int headerOffset(byte[] tar, String name) {
    return TarPatch.headerOffset(tar, name);
  }

  /**
   * The offset of the data of the entry whose header starts at {@code headerOffset}.
   *
   * @param headerOffset a header's offset
   * @return the offset of its first data byte
   */
  public static int dataOffset(int headerOffset) {
    return TarPatch.dataOffset(headerOffset);
  }

  /**
   * Overwrites a header field with ASCII text padded with NULs, then recomputes the checksum.
   *
   * @param tar the tar
   * @param headerOffset the header's offset
   * @param fieldOffset the field's offset within the header (for example {@link #SIZE})
   * @param fieldLength the field's length
   * @param value the new text; must not be longer than the field
   * @return a patched copy
   */
  public static byte[] setField(
      byte[] tar, int headerOffset, int fieldOffset, int fieldLength, String value) {
    return TarPatch.setField(tar, headerOffset, fieldOffset, fieldLength, value);
  }

  /**
   * Overwrites a header field without touching the checksum (so the checksum becomes wrong).
   *
   * @param tar the tar
   * @param headerOffset the header's offset
   * @param fieldOffset the field's offset within the header
   * @param fieldLength the field's length
   * @param value the new text
   * @return a patched copy
   */
  public static byte[] setFieldRaw(
      byte[] tar, int headerOffset, int fieldOffset, int fieldLength, String value) {
    return TarPatch.setFieldRaw(tar, headerOffset, fieldOffset, fieldLength, value);
  }

  /**
   * Overwrites a header field with raw bytes (base-256 numbers, say), then recomputes the checksum.
   *
   * @param tar the tar
   * @param headerOffset the header's offset
   * @param fieldOffset the field's offset within the header
   * @param value the new bytes
   * @return a patched copy
   */
  public static byte[] setBytes(byte[] tar, int headerOffset, int fieldOffset, byte[] value) {
    return TarPatch.setBytes(tar, headerOffset, fieldOffset, value);
  }

  /**
   * Sets one byte and recomputes the checksum.
   *
   * @param tar the tar
   * @param headerOffset the header's offset
   * @param fieldOffset the byte's offset within the header (for example {@link #TYPEFLAG})
   * @param value the new byte
   * @return a patched copy
   */
  public static byte[] setByte(byte[] tar, int headerOffset, int fieldOffset, byte value) {
    return TarPatch.setByte(tar, headerOffset, fieldOffset, value);
  }

  /**
   * Recomputes a header's checksum (6 octal digits, NUL, space, as Go writes it).
   *
   * @param tar the tar
   * @param headerOffset the header's offset
   * @return a patched copy
   */
  public static byte[] fixChecksum(byte[] tar, int headerOffset) {
    return TarPatch.fixChecksum(tar, headerOffset);
  }

  /**
   * Flips one byte of a header's name field without fixing the checksum.
   *
   * @param tar the tar
   * @param headerOffset the header's offset
   * @return a copy with a bad checksum
   */
  public static byte[] breakChecksum(byte[] tar, int headerOffset) {
    return TarPatch.breakChecksum(tar, headerOffset);
  }

  /**
   * The first {@code length} bytes.
   *
   * @param tar the tar
   * @param length how many bytes to keep
   * @return a truncated copy
   */
  public static byte[] truncate(byte[] tar, int length) {
    return TarPatch.truncate(tar, length);
  }

  /**
   * Replaces the first occurrence of an ASCII string with another of the same length.
   *
   * @param tar the tar
   * @param from the text to find
   * @param to its replacement, the same length
   * @return a patched copy
   */
  public static byte[] replace(byte[] tar, String from, String to) {
    return TarPatch.replace(tar, from, to);
  }

  /**
   * The first offset of a byte sequence.
   *
   * @param haystack where to look
   * @param needle what to find
   * @return the offset, or -1
   */
  public static int indexOf(byte[] haystack, byte[] needle) {
    return TarPatch.indexOf(haystack, needle);
  }

  /**
   * A header field as text, up to its first NUL.
   *
   * @param tar the tar
   * @param offset the field's absolute offset
   * @param length the field's length
   * @return the text
   */
  public static String field(byte[] tar, int offset, int length) {
    return TarPatch.field(tar, offset, length);
  }
}
