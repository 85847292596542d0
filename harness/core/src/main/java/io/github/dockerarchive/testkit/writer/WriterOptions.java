package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.image.ImageConfig;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Settings of an {@link ArchiveWriter}. Start from {@link #defaults()} and change what you need.
 *
 * @param layout what the archive holds besides {@code manifest.json} (WR-6, WR-12)
 * @param replaceExisting whether a non-empty regular file at the target may be replaced (WR-11)
 * @param spoolThreshold blobs that must be spooled (WR-3) stay in memory up to this many bytes, and
 *     go to a temporary file beyond it
 * @param spoolDirectory the directory of those temporary files, or {@code null} for {@code
 *     java.io.tmpdir}
 * @param configLimit the largest config accepted, in bytes (the reference's 4 MiB)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WriterOptions(
    Layout layout,
    boolean replaceExisting,
    long spoolThreshold,
    Path spoolDirectory,
    long configLimit,
    boolean durable) {

  /** Default {@link #spoolThreshold()}: 1 MiB. */
  public static final long DEFAULT_SPOOL_THRESHOLD = 1L << 20;

  /** Default {@link #configLimit()}: {@link ImageConfig#DEFAULT_SIZE_LIMIT}, 4 MiB. */
  public static final long DEFAULT_CONFIG_LIMIT = ImageConfig.DEFAULT_SIZE_LIMIT;

  /**
   * Checks the values.
   *
   * @param layout the layout
   * @param replaceExisting whether to replace a non-empty file
   * @param spoolThreshold at least 0
   * @param spoolDirectory a directory, or {@code null}
   * @param configLimit at least 0
   * @param durable whether to fsync the archive before it is renamed into place
   */
  public WriterOptions {
    Objects.requireNonNull(layout, "layout");
    if (spoolThreshold < 0) {
      throw new IllegalArgumentException(
          "spoolThreshold must be at least 0, got " + spoolThreshold);
    }
    if (configLimit < 0) {
      throw new IllegalArgumentException("configLimit must be at least 0, got " + configLimit);
    }
  }

  /**
   * The reference's layout, no replacing, 1 MiB spool threshold, the system temporary directory, 4
   * MiB config limit, no fsync (like skopeo and cp; the rename is still atomic, so a killed process
   * never leaves a partial archive at the target; only a power loss can).
   *
   * @return the defaults
   */
  public static WriterOptions defaults() {
    return new WriterOptions(
        Layout.DOCKER_ARCHIVE, false, DEFAULT_SPOOL_THRESHOLD, null, DEFAULT_CONFIG_LIMIT, false);
  }

  /**
   * A copy with another layout.
   *
   * @param newLayout the layout
   * @return the changed options
   */
  public WriterOptions withLayout(Layout newLayout) {
    return new WriterOptions(
        newLayout, replaceExisting, spoolThreshold, spoolDirectory, configLimit, durable);
  }

  /**
   * A copy that does or does not replace a non-empty existing file (WR-11).
   *
   * @param replace whether to replace it
   * @return the changed options
   */
  public WriterOptions withReplaceExisting(boolean replace) {
    return new WriterOptions(layout, replace, spoolThreshold, spoolDirectory, configLimit, durable);
  }

  /**
   * A copy with another in-memory spool limit (WR-3).
   *
   * @param bytes the largest blob spooled in memory; 0 sends every spooled blob to a file
   * @return the changed options
   */
  public WriterOptions withSpoolThreshold(long bytes) {
    return new WriterOptions(layout, replaceExisting, bytes, spoolDirectory, configLimit, durable);
  }

  /**
   * A copy with another directory for spool files (WR-3).
   *
   * @param directory an existing directory, or {@code null} for {@code java.io.tmpdir}
   * @return the changed options
   */
  public WriterOptions withSpoolDirectory(Path directory) {
    return new WriterOptions(
        layout, replaceExisting, spoolThreshold, directory, configLimit, durable);
  }

  /**
   * A copy with another config size limit.
   *
   * @param bytes the largest config accepted
   * @return the changed options
   */
  public WriterOptions withConfigLimit(long bytes) {
    return new WriterOptions(
        layout, replaceExisting, spoolThreshold, spoolDirectory, bytes, durable);
  }

  /**
   * A copy that does or does not fsync the archive before renaming it into place, so that it
   * survives a power loss, not only a killed process.
   *
   * @param sync whether to fsync
   * @return the changed options
   */
  public WriterOptions withDurable(boolean sync) {
    return new WriterOptions(
        layout, replaceExisting, spoolThreshold, spoolDirectory, configLimit, sync);
  }
}
