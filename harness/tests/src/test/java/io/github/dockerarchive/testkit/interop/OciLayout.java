package io.github.dockerarchive.testkit.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds a small OCI image layout on disk, the input of {@code skopeo copy oci:DIR:TAG ...}. */
public final class OciLayout {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayout() {}

  /** A layer tar holding one file per (name, content) pair. */
  public static byte[] layerTar(String... namesAndContents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] data = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i]);
        e.setSize(data.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  /**
   * Writes an OCI layout with one image.
   *
   * @param dir an empty directory
   * @param tag the {@code org.opencontainers.image.ref.name}
   * @param layers uncompressed layer tars
   * @param gzipLayers whether to store them gzip-compressed
   * @return the config bytes written (its digest is the image ID)
   */
  public static byte[] write(Path dir, String tag, List<byte[]> layers, boolean gzipLayers)
      throws IOException {
    return write(dir, tag, layers, gzipLayers, false);
  }

  /**
   * Writes one image into an OCI layout, optionally adding it to the images already there.
   *
   * @param dir the layout directory
   * @param tag the {@code org.opencontainers.image.ref.name}
   * @param layers uncompressed layer tars
   * @param gzipLayers whether to store them gzip-compressed
   * @param append keep the images already in {@code index.json}
   * @return the config bytes written
   */
  public static byte[] write(
      Path dir, String tag, List<byte[]> layers, boolean gzipLayers, boolean append)
      throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    List<Digest> diffIds = new ArrayList<>();
    ArrayNode layerDescriptors = JSON.createArrayNode();
    for (byte[] layer : layers) {
      diffIds.add(Digest.sha256(layer));
      byte[] stored = gzipLayers ? gzip(layer) : layer;
      Digest d = Digest.sha256(stored);
      Files.write(blobs.resolve(d.hex()), stored);
      layerDescriptors
          .addObject()
          .put(
              "mediaType",
              gzipLayers
                  ? "application/vnd.oci.image.layer.v1.tar+gzip"
                  : "application/vnd.oci.image.layer.v1.tar")
          .put("digest", d.toString())
          .put("size", stored.length);
    }
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64").put("os", "linux");
    config.put("created", "2024-01-02T03:04:05Z");
    config.putObject("config").putArray("Env").add("PATH=/usr/bin");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(d -> ids.add(d.toString()));
    byte[] configBytes = JSON.writeValueAsBytes(config);
    Digest configDigest = Digest.sha256(configBytes);
    Files.write(blobs.resolve(configDigest.hex()), configBytes);

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest
        .putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest.toString())
        .put("size", configBytes.length);
    manifest.set("layers", layerDescriptors);
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    Digest manifestDigest = Digest.sha256(manifestBytes);
    Files.write(blobs.resolve(manifestDigest.hex()), manifestBytes);

    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    ArrayNode manifests = index.putArray("manifests");
    if (append && Files.exists(dir.resolve("index.json"))) {
      JSON.readTree(dir.resolve("index.json").toFile()).get("manifests").forEach(manifests::add);
    }
    ObjectNode entry = manifests.addObject();
    entry
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", manifestDigest.toString())
        .put("size", manifestBytes.length);
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return configBytes;
  }
}
