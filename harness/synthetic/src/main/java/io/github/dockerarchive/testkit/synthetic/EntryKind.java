package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/** What a {@link FileSpec} puts into a layer tar. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
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
  OPAQUE_WHITEOUT,
  /** A named pipe (type {@code 6}): no content. */
  FIFO
}
