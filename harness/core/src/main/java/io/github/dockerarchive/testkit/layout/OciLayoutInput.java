package io.github.dockerarchive.testkit.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * One image of an OCI image layout directory ({@code oci:DIR[:REF]}, REF-3): chosen by its {@code
 * org.opencontainers.image.ref.name} annotation, or the only image when no name is given (OAR-2);
 * an image index on the way is resolved to one platform's manifest (OAR-3, OAR-4), as {@link
 * OciArchiveInput} does for a layout in a tar file.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OciLayoutInput extends ChosenOciInput {
  static final String REF_NAME = OciIndexes.REF_NAME;

  private final Path directory;
  private final String name;

  private OciLayoutInput(
      Path directory, String name, BlobDirectory blobs, OciIndexes.Chosen chosen) {
    super(blobs, chosen);
    this.directory = directory;
    this.name = name;
  }

  static BlobDirectory blobsOf(Path directory) {
    return new BlobDirectory(
        d -> directory.resolve("blobs").resolve(d.algorithm()).resolve(d.hex()),
        directory.resolve("blobs"));
  }

  /**
   * Opens the image of an OCI layout; an image index is resolved to {@link Platform#DEFAULT}.
   *
   * @param directory the layout directory (holding {@code index.json})
   * @param name the {@code org.opencontainers.image.ref.name} to select, or null for the only image
   * @return the image
   * @throws ArchiveException if the layout is unreadable or the image is not found
   */
  public static OciLayoutInput open(Path directory, String name) throws ArchiveException {
    return open(directory, name, Platform.DEFAULT);
  }

  /**
   * Opens the image of an OCI layout, resolving an image index to a platform.
   *
   * @param directory the layout directory (holding {@code index.json})
   * @param name the {@code org.opencontainers.image.ref.name} to select, or null for the only image
   * @param platform the platform an image index is resolved to
   * @return the image
   * @throws ArchiveException if the layout is unreadable, the image or platform is not found
   */
  public static OciLayoutInput open(Path directory, String name, Platform platform)
      throws ArchiveException {
    String where = "oci:" + directory + (name == null ? "" : ":" + name);
    BlobDirectory blobs = blobsOf(directory);
    OciIndexes.Chosen chosen =
        OciIndexes.choose(readIndex(directory), name, platform, blobs, where);
    return new OciLayoutInput(directory, name, blobs, chosen);
  }

  static JsonNode readIndex(Path directory) throws ArchiveException {
    Path index = directory.resolve("index.json");
    try {
      return OciIndexes.parse(Files.readAllBytes(index), index.toString(), "REF-3");
    } catch (NoSuchFileException e) {
      throw new EntryNotFoundException(
          "REF-3", "not an OCI image layout: " + index + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidManifestException("REF-3", "reading " + index + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "oci:" + directory + (name == null ? "" : ":" + name);
  }

  /** Nothing is held open between calls, so there is nothing to release. */
  @Override
  public void close() {
    // Each blob is opened when it is read.
  }
}
