package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An archive written into a directory of its own (unique, so parallel tests never collide).
 *
 * @param directory the directory holding the archive (and, when kept, its spec)
 * @param fixture the archive and its truth
 */
record Materialized(Path directory, ArchiveFixture fixture) {

  /**
   * Writes a spec's archive into a new directory under {@code root}.
   *
   * @param spec what to write
   * @param root the parent of the new directory; created when missing
   * @param name the archive's base file name
   * @return the written archive
   * @throws IOException if writing fails; the new directory is removed again
   */
  static Materialized write(ArchiveSpec spec, Path root, String name) throws IOException {
    Files.createDirectories(root);
    Path directory = Files.createTempDirectory(root, "dockerarchive-");
    try {
      Path file = directory.resolve(safe(name) + extension(spec.compression()));
      return new Materialized(directory, materialize(spec, file));
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(directory);
      throw e;
    }
  }

  private static ArchiveFixture materialize(ArchiveSpec spec, Path file) throws IOException {
    return SyntheticArchives.materialize(spec, file);
  }

  /**
   * Writes {@code spec.json} next to the archive, to replay it with {@code @SyntheticArchive(spec =
   * ...)}.
   *
   * @return the spec file, or null when it cannot be written
   */
  Path writeSpec() {
    String json = SpecFiles.format(fixture.spec());
    if (json == null) {
      return null;
    }
    try {
      return Files.writeString(directory.resolve("spec.json"), json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Deletes the directory and everything in it. */
  void delete() {
    try {
      FileTrees.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  private static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.isEmpty() ? "archive" : cleaned;
  }

  private static String extension(Compression compression) {
    return switch (compression) {
      case NONE -> ".tar";
      case GZIP -> ".tar.gz";
      case BZIP2 -> ".tar.bz2";
      case XZ -> ".tar.xz";
      case ZSTD -> ".tar.zst";
    };
  }
}
