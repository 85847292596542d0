package io.github.dockerarchive.testkit.synthetic;

/**
 * One entry of the outer tar as a dialect lays it out.
 *
 * @param name the entry name
 * @param kind file, directory or symlink
 * @param mode the mode field (with type bits if the producer writes them)
 * @param mtime seconds since the epoch
 * @param size the content size of a file
 * @param content writes a file's content, null for other kinds and for the manifest placeholder
 * @param target a symlink's or hard link's target, else null
 * @param role what the entry is, for corruptions and truth
 */
record Entry(
    String name,
    Kind kind,
    int mode,
    long mtime,
    long size,
    TarSink.Content content,
    String target,
    Role role) {

  enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK
  }

  enum Role {
    LAYER,
    CONFIG,
    MANIFEST,
    OTHER
  }

  static Entry bytes(String name, int mode, long mtime, byte[] bytes, Role role) {
    return new Entry(name, Kind.FILE, mode, mtime, bytes.length, o -> o.write(bytes), null, role);
  }

  static Entry layer(String name, int mode, long mtime, LayerBlob blob) {
    return new Entry(
        name, Kind.FILE, mode, mtime, blob.writtenSize, blob::writeTo, null, Role.LAYER);
  }

  static Entry manifest(int mode, long mtime) {
    return new Entry("manifest.json", Kind.FILE, mode, mtime, -1, null, null, Role.MANIFEST);
  }

  static Entry directory(String name, int mode, long mtime) {
    return new Entry(name, Kind.DIRECTORY, mode, mtime, 0, null, null, Role.OTHER);
  }

  static Entry symlink(String name, String target, int mode, long mtime, Role role) {
    return new Entry(name, Kind.SYMLINK, mode, mtime, 0, null, target, role);
  }

  static Entry hardlink(String name, String target, int mode, long mtime, Role role) {
    return new Entry(name, Kind.HARDLINK, mode, mtime, 0, null, target, role);
  }

  /** The same entry under another name. */
  Entry renamed(String other) {
    return new Entry(other, kind, mode, mtime, size, content, target, role);
  }
}
