package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/**
 * One entry of a synthetic layer.
 *
 * @param path the path inside the layer, relative, {@code /}-separated (may be long or unicode)
 * @param kind what the entry is
 * @param size the content size of a {@link EntryKind#FILE}; 0 for other kinds
 * @param mode permission bits, for example {@code 0644}
 * @param target the link target of a {@link EntryKind#SYMLINK} or {@link EntryKind#HARDLINK}, else
 *     null
 * @param header how the member's tar header is written ({@link MemberHeader#DEFAULT} when null)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FileSpec(
    String path, EntryKind kind, long size, int mode, String target, MemberHeader header) {

  /**
   * Checks the values.
   *
   * @param path the path inside the layer, relative, {@code /}-separated (may be long or unicode)
   * @param kind what the entry is
   * @param size the content size of a {@link EntryKind#FILE}; 0 for other kinds
   * @param mode permission bits, for example {@code 0644}
   * @param target the link target of a {@link EntryKind#SYMLINK} or {@link EntryKind#HARDLINK},
   *     else null
   * @param header how the member's tar header is written ({@link MemberHeader#DEFAULT} when null)
   */
  public FileSpec {
    header = header == null ? MemberHeader.DEFAULT : header;
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("a file needs a path");
    }
    if (kind == null) {
      throw new IllegalArgumentException("file \"" + path + "\" needs a kind");
    }
    if (size < 0 || (kind != EntryKind.FILE && size != 0)) {
      throw new IllegalArgumentException(
          "file \"" + path + "\": size " + size + " is not allowed for a " + kind);
    }
    boolean link = kind == EntryKind.SYMLINK || kind == EntryKind.HARDLINK;
    if (link != (target != null)) {
      throw new IllegalArgumentException(
          "file \""
              + path
              + "\": a target is "
              + (link ? "required" : "not allowed")
              + " for a "
              + kind);
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("file \"" + path + "\": mode must be within 07777");
    }
  }

  /**
   * A file written with the engine's usual header ({@link MemberHeader#DEFAULT}).
   *
   * @param path the path inside the layer, relative, {@code /}-separated (may be long or unicode)
   * @param kind what the entry is
   * @param size the content size of a {@link EntryKind#FILE}; 0 for other kinds
   * @param mode permission bits, for example {@code 0644}
   * @param target the link target of a {@link EntryKind#SYMLINK} or {@link EntryKind#HARDLINK},
   *     else null
   */
  public FileSpec(String path, EntryKind kind, long size, int mode, String target) {
    this(path, kind, size, mode, target, MemberHeader.DEFAULT);
  }

  /**
   * The same file with its header written another way.
   *
   * @param value the header
   * @return the changed spec
   */
  public FileSpec withHeader(MemberHeader value) {
    return new FileSpec(path, kind, size, mode, target, value);
  }

  /**
   * The same file with other permission bits (setuid {@code 04000}, setgid {@code 02000}, sticky
   * {@code 01000} included).
   *
   * @param value the mode, within {@code 07777}
   * @return the changed spec
   */
  public FileSpec withMode(int value) {
    return new FileSpec(path, kind, size, value, target, header);
  }

  /**
   * A regular file of seeded content.
   *
   * @param path the path
   * @param size the content size
   * @return the spec, mode 0644
   */
  public static FileSpec file(String path, long size) {
    return new FileSpec(path, EntryKind.FILE, size, 0644, null);
  }

  /**
   * A directory.
   *
   * @param path the path
   * @return the spec, mode 0755
   */
  public static FileSpec directory(String path) {
    return new FileSpec(path, EntryKind.DIRECTORY, 0, 0755, null);
  }

  /**
   * A symbolic link.
   *
   * @param path the link's path
   * @param target what it points at
   * @return the spec, mode 0777
   */
  public static FileSpec symlink(String path, String target) {
    return new FileSpec(path, EntryKind.SYMLINK, 0, 0777, target);
  }

  /**
   * A hard link.
   *
   * @param path the link's path
   * @param target an earlier entry of the same layer
   * @return the spec, mode 0644
   */
  public static FileSpec hardlink(String path, String target) {
    return new FileSpec(path, EntryKind.HARDLINK, 0, 0644, target);
  }

  /**
   * A whiteout deleting {@code path} from lower layers.
   *
   * @param path the deleted path
   * @return the spec
   */
  public static FileSpec whiteout(String path) {
    return new FileSpec(path, EntryKind.WHITEOUT, 0, 0644, null);
  }

  /**
   * An opaque whiteout for a directory.
   *
   * @param directory the directory whose lower content is hidden
   * @return the spec
   */
  public static FileSpec opaqueWhiteout(String directory) {
    return new FileSpec(directory, EntryKind.OPAQUE_WHITEOUT, 0, 0644, null);
  }

  /**
   * A named pipe.
   *
   * @param path the path
   * @return the spec, mode 0644
   */
  public static FileSpec fifo(String path) {
    return new FileSpec(path, EntryKind.FIFO, 0, 0644, null);
  }
}
