package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/** Where a correct reader notices a {@link Corruption}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FailureStage {
  /** Opening the archive fails ({@code ArchiveReader.open}). */
  OPEN,
  /** The first use of the image fails (selection, config, layer list: SRC-1). */
  LOAD,
  /** Reading a blob fails, at the latest at end of stream (SRC-7). */
  READ,
  /** Reading works; only verification ({@code verify}) reports an error. */
  VERIFY,
  /** Reading works; verification reports a warning only. */
  WARNING
}
