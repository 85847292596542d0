package io.github.dockerarchive.testkit.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One image of an OCI image layout directory ({@code oci:DIR[:REF]}, REF-3): chosen by its {@code
 * org.opencontainers.image.ref.name} annotation, or the only image when no name is given.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OciLayoutInput extends StoredImageInput {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final long MANIFEST_LIMIT = 4L << 20;

  private final Path directory;
  private final String name;
  private final Digest manifestDigest;
  private final String mediaType;
  private final byte[] manifest;

  private OciLayoutInput(Path directory, String name, Digest manifestDigest, String mediaType)
      throws ArchiveException {
    super(blobsOf(directory));
    this.directory = directory;
    this.name = name;
    this.manifestDigest = manifestDigest;
    this.mediaType = mediaType;
    this.manifest = blobs().readSmall(manifestDigest, MANIFEST_LIMIT, describe());
  }

  static BlobDirectory blobsOf(Path directory) {
    return new BlobDirectory(
        d -> directory.resolve("blobs").resolve(d.algorithm()).resolve(d.hex()),
        directory.resolve("blobs"));
  }

  /**
   * Opens the image of an OCI layout.
   *
   * @param directory the layout directory (holding {@code index.json})
   * @param name the {@code org.opencontainers.image.ref.name} to select, or null for the only image
   * @return the image
   * @throws ArchiveException if the layout is unreadable or the image is not found
   */
  public static OciLayoutInput open(Path directory, String name) throws ArchiveException {
    JsonNode index = readIndex(directory);
    JsonNode manifests = index.get("manifests");
    List<JsonNode> candidates = new ArrayList<>();
    if (manifests != null && manifests.isArray()) {
      for (JsonNode d : manifests) {
        JsonNode annotations = d.get("annotations");
        String refName =
            annotations != null && annotations.has(REF_NAME)
                ? annotations.get(REF_NAME).asText()
                : null;
        if (name == null || name.equals(refName)) {
          candidates.add(d);
        }
      }
    }
    String where = "oci:" + directory + (name == null ? "" : ":" + name);
    if (candidates.isEmpty()) {
      throw new ImageNotFoundException(
          "REF-3",
          name == null
              ? "no image in " + where + " (index.json lists no manifest)"
              : "no descriptor found for reference \"" + name + "\" in " + where);
    }
    if (candidates.size() > 1 && name == null) {
      throw new ImageNotFoundException(
          "REF-3",
          "more than one image in " + where + ": choose one with oci:" + directory + ":NAME");
    }
    JsonNode chosen = candidates.get(0);
    String type = chosen.has("mediaType") ? chosen.get("mediaType").asText() : null;
    if (MediaTypes.isList(type)) {
      throw new ManifestTypeRejectedException(
          "REF-3",
          where + " names an image index; only single-image manifests are supported",
          type);
    }
    try {
      Digest digest = Digest.parse(chosen.path("digest").asText(null));
      return new OciLayoutInput(directory, name, digest, type);
    } catch (InvalidReferenceException e) {
      throw new InvalidManifestException(
          "REF-3", "index.json of " + where + ": bad digest: " + e.getMessage(), e);
    }
  }

  static JsonNode readIndex(Path directory) throws ArchiveException {
    Path index = directory.resolve("index.json");
    try {
      JsonNode node = new ObjectMapper().readTree(Files.readAllBytes(index));
      if (node == null || !node.isObject()) {
        throw new InvalidManifestException("REF-3", index + " is not a JSON object");
      }
      return node;
    } catch (NoSuchFileException e) {
      throw new EntryNotFoundException(
          "REF-3", "not an OCI image layout: " + index + " does not exist", e);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidManifestException("REF-3", "reading " + index + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] manifestBytes() {
    return manifest.clone();
  }

  @Override
  public String manifestMediaType() {
    return mediaType != null ? mediaType : MediaTypes.OCI_MANIFEST;
  }

  /**
   * The digest of the chosen manifest.
   *
   * @return the manifest digest from {@code index.json}
   */
  public Digest manifestDigest() {
    return manifestDigest;
  }

  @Override
  public String describe() {
    return "oci:" + directory + (name == null ? "" : ":" + name);
  }
}
