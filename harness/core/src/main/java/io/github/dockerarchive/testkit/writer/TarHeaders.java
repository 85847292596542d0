package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.charset.StandardCharsets;

/**
 * The header blocks the reference writer puts into an archive (docs/reference.md §2.7, WR-7),
 * encoded by {@link TarHeader} in Go's style: mtime, uid and gid 0, empty user and group names; a
 * PAX extended header carrying {@code size} only for entries of 8 GiB or more (WR-14: Go's Writer
 * picks PAX over GNU base-256 for a header USTAR cannot hold).
 *
 * <p>Hand-written on purpose: no Java tar library writes Go's exact bytes (commons-compress, for
 * one, ends numeric fields with a space and fills the device numbers differently), and the writer
 * must produce archives byte-identical to skopeo's. It covers only what the writer needs: names and
 * link targets of at most 100 bytes, regular files, symlinks and directories.
 */
final class TarHeaders {
  /** The tar block size. */
  static final int BLOCK = TarHeader.BLOCK;

  private TarHeaders() {}

  /**
   * The header block(s) of a regular file: a USTAR header with mode 0444, or, for 8 GiB and more, a
   * PAX extended header with a {@code size} record followed by a header whose size field is 0, as
   * Go's Writer chooses them (WR-14, {@link TarHeader#encodeBlocks()}).
   */
  static byte[] regularFile(String name, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + name);
    }
    return TarHeader.file(name, size).mode(0444).encodeBlocks();
  }

  /** The header of a symbolic link: mode 0, size 0, the target in the link name field. */
  static byte[] symlink(String name, String target) {
    return TarHeader.of(TarHeader.SYMLINK).name(name).linkName(target).encode();
  }

  /** The header of a directory: mode 0755, size 0; the name should end in {@code /}. */
  static byte[] directory(String name) {
    return TarHeader.of(TarHeader.DIRECTORY).name(name).mode(0755).encode();
  }

  /** The number of zero bytes that pad {@code size} data bytes to a whole block. */
  static int padding(long size) {
    return TarHeader.padding(size);
  }

  /** Go's PAX header name: {@code path.Join(dir, "PaxHeaders.0", base)}. */
  static String paxName(String name) {
    return TarHeader.paxName(name);
  }

  /** Go's {@code formatPAXRecord}, as bytes. */
  static byte[] paxRecord(String key, String value) {
    return TarHeader.paxRecord(key, value).getBytes(StandardCharsets.UTF_8);
  }
}
