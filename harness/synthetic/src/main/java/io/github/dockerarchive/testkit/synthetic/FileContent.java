package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/**
 * What the regular files of a synthetic layer hold. Seeded content does not compress, so a layer of
 * it is as large on disk as its files; zeros compress well, so an 8 GiB file takes about 36 MiB
 * stored gzip-compressed (level 1) and a few hundred kilobytes stored zstd-compressed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FileContent {
  /** Bytes from a generator seeded by the archive seed, the layer and the file's position. */
  SEEDED,
  /** Zero bytes. */
  ZEROS;

  /**
   * The name in spec files and on the command line.
   *
   * @return {@code seeded} or {@code zeros}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The content named {@code id}.
   *
   * @param id {@code seeded} or {@code zeros}, in any case
   * @return the content
   * @throws IllegalArgumentException naming the accepted values
   */
  public static FileContent parse(String id) {
    for (FileContent c : values()) {
      if (c.id().equalsIgnoreCase(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown file content \"" + id + "\"; expected one of seeded, zeros");
  }
}
