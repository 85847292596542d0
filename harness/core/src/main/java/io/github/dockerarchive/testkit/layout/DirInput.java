package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * An image stored as skopeo's {@code dir:} transport writes it (REF-3): {@code manifest.json}, a
 * {@code version} file and one file per blob named by its hex digest.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DirInput extends StoredImageInput {
  private static final long MANIFEST_LIMIT = 4L << 20;

  private final Path directory;
  private final byte[] manifest;
  private final String mediaType;

  private DirInput(Path directory, byte[] manifest, String mediaType) {
    super(blobsOf(directory));
    this.directory = directory;
    this.manifest = manifest;
    this.mediaType = mediaType;
  }

  static BlobDirectory blobsOf(Path directory) {
    return new BlobDirectory(
        d ->
            directory.resolve(
                d.algorithm().equals(Digest.SHA256) ? d.hex() : d.algorithm() + "-" + d.hex()),
        directory);
  }

  /**
   * Opens a {@code dir:} image.
   *
   * @param directory the directory
   * @return the image
   * @throws ArchiveException if {@code manifest.json} is missing or not a single-image manifest
   */
  public static DirInput open(Path directory) throws ArchiveException {
    Path file = directory.resolve("manifest.json");
    byte[] bytes;
    try {
      if (Files.size(file) > MANIFEST_LIMIT) {
        throw new io.github.dockerarchive.testkit.LimitExceededException(
            "RD-3", file + " is larger than " + MANIFEST_LIMIT + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new EntryNotFoundException("REF-3", "not a dir: image: " + file + " does not exist", e);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException("REF-3", "reading " + file + ": " + e, e);
    }
    ImageManifest parsed = ImageManifest.parse(bytes, null);
    return new DirInput(directory, bytes, parsed.mediaType());
  }

  @Override
  public byte[] manifestBytes() {
    return manifest.clone();
  }

  @Override
  public String manifestMediaType() {
    return mediaType;
  }

  @Override
  public String describe() {
    return "dir:" + directory;
  }

  /** Nothing is held open between calls, so there is nothing to release. */
  @Override
  public void close() {
    // Each blob is opened when it is read.
  }
}
