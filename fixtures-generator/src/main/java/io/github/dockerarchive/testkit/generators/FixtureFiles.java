package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

/**
 * The temporary directory of one property's archives, kept in a jqwik {@link Store} that lives as
 * long as the property. It is made when the first archive is written and deleted when the property
 * ends ({@link ArchiveFixtureLifecycle}, and jqwik when it resets the store, which also catches
 * archives jqwik materialises again to report a failing sample). Archives are not deleted per try:
 * jqwik computes some values ahead of their try (edge cases, the outer value of a {@code flatMap}),
 * so an archive made before one try may serve a later one. Its parent is {@code java.io.tmpdir}, or
 * the system property {@value #ROOT_PROPERTY}.
 */
final class FixtureFiles implements Store.CloseOnReset {
  /** The system property naming the directory in which property directories are made. */
  static final String ROOT_PROPERTY = "dockerarchive.fixtures.tmpdir";

  private static final String KEY = FixtureFiles.class.getName();

  private Path directory;
  private int written;

  /** The current property's files, created on first use. */
  static FixtureFiles current() {
    try {
      return Store.getOrCreate(KEY, Lifespan.PROPERTY, FixtureFiles::new).get();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "archive fixtures are materialised inside a jqwik property only (their files live as"
              + " long as the property); outside one, generate specs and call"
              + " SyntheticArchives.materialize(spec, path)",
          e);
    }
  }

  /** Materialises a spec into the current property's directory. */
  static ArchiveFixture materialize(ArchiveSpec spec) {
    return current().write(spec);
  }

  synchronized ArchiveFixture write(ArchiveSpec spec) {
    try {
      if (directory == null) {
        Path root =
            Path.of(System.getProperty(ROOT_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(root);
        directory = Files.createTempDirectory(root, "dockerarchive-fixtures-");
      }
      return SyntheticArchives.materialize(
          spec, directory.resolve("archive-" + written++ + ".tar"));
    } catch (IOException e) {
      throw new UncheckedIOException("materialising a generated spec failed", e);
    }
  }

  /** Deletes the directory and everything in it. */
  @Override
  public synchronized void close() throws IOException {
    if (directory != null) {
      FileTrees.delete(directory);
      directory = null;
    }
  }
}
