package io.github.dockerarchive.testkit.archive;

import org.apiguardian.api.API;

/** The kind of a tar entry, as far as reading an archive cares. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum EntryType {
  /** A regular file (type {@code '0'} or NUL, or a contiguous file). */
  FILE,
  /** A symbolic link, resolved relative to the link's own directory (ARC-6). */
  SYMLINK,
  /** A hard link, resolved relative to the archive root (ARC-6). */
  HARDLINK,
  /** A directory. */
  DIRECTORY,
  /** Anything else: devices, FIFOs, sparse files. Never readable as a component. */
  OTHER
}
