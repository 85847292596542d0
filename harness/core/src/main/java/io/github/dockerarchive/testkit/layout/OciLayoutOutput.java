package io.github.dockerarchive.testkit.layout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.internal.JsonTrees;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes one image into an OCI image layout directory ({@code oci:DIR[:NAME]}, REF-3), creating the
 * layout if needed. Blobs are verified before they get their names; {@code index.json} is replaced
 * atomically on {@link #commit()}, where an existing descriptor with the same name is replaced.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OciLayoutOutput extends BlobDirectoryOutput {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path directory;
  private final String name;
  private BlobInfo manifest;

  private OciLayoutOutput(Path directory, String name) {
    super(OciLayoutInput.blobsOf(directory));
    this.directory = directory;
    this.name = name;
  }

  /**
   * Opens (creating if needed) a layout for writing one image.
   *
   * @param directory the layout directory
   * @param name the {@code org.opencontainers.image.ref.name} to give the image, or null
   * @return the output
   * @throws ArchiveException if the directory cannot be created or is not a layout
   */
  public static OciLayoutOutput create(Path directory, String name) throws ArchiveException {
    try {
      Files.createDirectories(directory.resolve("blobs").resolve("sha256"));
      Path layout = directory.resolve("oci-layout");
      if (!Files.exists(layout)) {
        Files.writeString(layout, "{\"imageLayoutVersion\":\"1.0.0\"}");
      }
    } catch (IOException e) {
      throw new ArchiveException("REF-3", "creating OCI layout " + directory + ": " + e, e);
    }
    return new OciLayoutOutput(directory, name);
  }

  @Override
  public List<String> supportedManifestMediaTypes() {
    return List.of(MediaTypes.OCI_MANIFEST);
  }

  @Override
  public void putManifest(byte[] bytes) throws ArchiveException {
    ImageManifest parsed = ImageManifest.parse(bytes, null);
    if (!MediaTypes.OCI_MANIFEST.equals(parsed.mediaType())) {
      throw new ManifestTypeRejectedException(
          "WR-5",
          "an OCI layout stores OCI image manifests, got "
              + parsed.mediaType()
              + " (the copier converts it)",
          parsed.mediaType());
    }
    manifest =
        blobs.put(
            new ByteArrayInputStream(bytes),
            new BlobInfo(Digest.sha256(bytes), bytes.length, MediaTypes.OCI_MANIFEST));
  }

  @Override
  public void addRepoTags(List<DockerReference> tags) {
    // An OCI layout names images by the reference given to create(); Docker tags do not apply.
  }

  @Override
  public void commit() throws ArchiveException {
    if (manifest == null) {
      throw new ArchiveException("WR-5", "commit before putManifest in " + describe());
    }
    Path indexFile = directory.resolve("index.json");
    try {
      ObjectNode index;
      if (Files.exists(indexFile)) {
        index = (ObjectNode) OciLayoutInput.readIndex(directory);
      } else {
        index = JsonNodeFactory.instance.objectNode();
        index.put("schemaVersion", 2);
      }
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      JsonNode existing = index.get("manifests");
      if (existing != null && existing.isArray()) {
        for (JsonNode d : existing) {
          String refName = d.path("annotations").path(OciLayoutInput.REF_NAME).asText(null);
          boolean sameName = name != null && name.equals(refName);
          boolean sameDigest =
              name == null && manifest.digest().toString().equals(d.path("digest").asText());
          if (!sameName && !sameDigest) {
            kept.add(d);
          }
        }
      }
      ObjectNode descriptor = kept.addObject();
      descriptor.put("mediaType", MediaTypes.OCI_MANIFEST);
      descriptor.put("digest", manifest.digest().toString());
      descriptor.put("size", manifest.size());
      if (name != null) {
        descriptor.putObject("annotations").put(OciLayoutInput.REF_NAME, name);
      }
      index.set("manifests", kept);
      Path temp = Files.createTempFile(directory, ".index-", ".json");
      try {
        Files.write(temp, JsonTrees.write(JSON, index));
        Files.move(
            temp, indexFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException("REF-3", "writing " + indexFile + ": " + e, e);
    }
  }

  private String describe() {
    return "oci:" + directory + (name == null ? "" : ":" + name);
  }

  @Override
  public void close() {
    // Blobs already written stay, as skopeo leaves them; index.json changes only on commit.
  }
}
