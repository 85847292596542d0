package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Writes one image as skopeo's {@code dir:} transport does (REF-3). Like skopeo, it refuses a
 * non-empty directory that has no {@code version} file, and empties one that has.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DirOutput extends BlobDirectoryOutput {
  /** The content of the {@code version} file skopeo writes. */
  public static final String VERSION = "Directory Transport Version: 1.1\n";

  private final Path directory;
  private boolean manifestWritten;

  private DirOutput(Path directory) {
    super(DirInput.blobsOf(directory));
    this.directory = directory;
  }

  /**
   * Prepares a directory for one image.
   *
   * @param directory the directory (created if missing)
   * @return the output
   * @throws ArchiveException if the directory is non-empty and not a {@code dir:} image
   */
  public static DirOutput create(Path directory) throws ArchiveException {
    try {
      Files.createDirectories(directory);
      Path version = directory.resolve("version");
      try (Stream<Path> entries = Files.list(directory)) {
        List<Path> existing = entries.toList();
        if (!existing.isEmpty()) {
          if (!Files.isRegularFile(version)) {
            throw new ArchiveException(
                "WR-11",
                "refusing to write into non-empty directory "
                    + directory
                    + ": it has no version file, so it is not a dir: image");
          }
          for (Path p : existing) {
            if (Files.isRegularFile(p)) {
              Files.delete(p);
            }
          }
        }
      }
      Files.writeString(version, VERSION, StandardCharsets.US_ASCII);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException("REF-3", "preparing " + directory + ": " + e, e);
    }
    return new DirOutput(directory);
  }

  @Override
  public List<String> supportedManifestMediaTypes() {
    return List.of(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_V2);
  }

  @Override
  public void putManifest(byte[] bytes) throws ArchiveException {
    ImageManifest.parse(bytes, null);
    Path file = directory.resolve("manifest.json");
    try {
      Path temp = Files.createTempFile(directory, ".manifest-", ".json");
      try {
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ArchiveException("REF-3", "writing " + file + ": " + e, e);
    }
    manifestWritten = true;
  }

  @Override
  public void addRepoTags(List<DockerReference> tags) {
    // dir: stores no names.
  }

  @Override
  public void commit() throws ArchiveException {
    if (!manifestWritten) {
      throw new ArchiveException("WR-5", "commit before putManifest in dir:" + directory);
    }
  }

  @Override
  public void close() {
    // Everything is on disk already.
  }
}
