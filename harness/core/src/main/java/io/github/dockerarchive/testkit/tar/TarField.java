package io.github.dockerarchive.testkit.tar;

import org.apiguardian.api.API;

/** The fields of a POSIX (USTAR) tar header block, with their offsets and lengths. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TarField {
  /** The entry name. */
  NAME(0, 100),
  /** The permission bits (and, with some producers, the file-type bits). */
  MODE(100, 8),
  /** The owner's user ID. */
  UID(108, 8),
  /** The owner's group ID. */
  GID(116, 8),
  /** The data size. */
  SIZE(124, 12),
  /** The modification time in seconds since the epoch. */
  MTIME(136, 12),
  /** The header checksum. */
  CHECKSUM(148, 8),
  /** The type flag (one byte). */
  TYPE(156, 1),
  /** The link target. */
  LINK_NAME(157, 100),
  /** The magic. */
  MAGIC(257, 6),
  /** The format version. */
  VERSION(263, 2),
  /** The owner's user name. */
  UNAME(265, 32),
  /** The owner's group name. */
  GNAME(297, 32),
  /** The device major number. */
  DEV_MAJOR(329, 8),
  /** The device minor number. */
  DEV_MINOR(337, 8),
  /** The name prefix. */
  PREFIX(345, 155);

  private final int offset;
  private final int length;

  TarField(int offset, int length) {
    this.offset = offset;
    this.length = length;
  }

  /**
   * The field's offset within the 512-byte block.
   *
   * @return the offset
   */
  public int offset() {
    return offset;
  }

  /**
   * The field's length in bytes.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * The field's name in messages.
   *
   * @return for example {@code link name}
   */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
