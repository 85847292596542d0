package io.github.dockerarchive.testkit.synthetic;

/** What a {@link FileSpec} puts into a layer tar. */
public enum EntryKind {
  /** A regular file of {@link FileSpec#size()} seeded bytes. */
  FILE,
  /** A directory. */
  DIRECTORY,
  /** A symbolic link to {@link FileSpec#target()}. */
  SYMLINK,
  /** A hard link to {@link FileSpec#target()} (an earlier entry of the same layer). */
  HARDLINK,
  /** An AUFS whiteout: deletes {@link FileSpec#path()} from lower layers ({@code .wh.<name>}). */
  WHITEOUT,
  /**
   * An opaque whiteout: hides the lower layers' content of the directory {@link FileSpec#path()}.
   */
  OPAQUE_WHITEOUT
}
