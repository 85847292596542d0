package io.github.dockerarchive.testkit.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.apiguardian.api.API;

/** Temporary files written beside the file they are renamed to once complete. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemporaryFiles {
  private TemporaryFiles() {}

  /**
   * Creates an empty file {@code .<name><marker><random hex>} in the directory of {@code target},
   * with the permissions any new file gets there (not the owner-only ones of {@link
   * Files#createTempFile}), so that renaming it over the target leaves an ordinary file.
   *
   * @param target the absolute path the file will be renamed to
   * @param marker what tells such files apart, for example {@code .dockerarchive-tmp-}
   * @return the new file
   * @throws IOException when the file cannot be created
   */
  public static Path createBeside(Path target, String marker) throws IOException {
    String prefix = "." + target.getFileName() + marker;
    while (true) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
      Path candidate = target.resolveSibling(prefix + suffix);
      try {
        Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        // another random name
      }
    }
  }
}
