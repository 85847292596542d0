package io.github.dockerarchive.testkit.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Synthetic images and tar listings for the writer tests. */
final class TestImages {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestImages() {}

  /**
   * An image: uncompressed layers, config, Docker schema 2 manifest.
   *
   * @param layers the layer tars, bottom first
   * @param config the config bytes
   * @param manifest the schema 2 manifest bytes
   */
  record Image(List<byte[]> layers, byte[] config, byte[] manifest) {
    Digest configDigest() {
      return Digest.sha256(config);
    }

    List<Digest> diffIds() {
      return layers.stream().map(Digest::sha256).toList();
    }
  }

  /** A layer tar holding one file. */
  static byte[] layer(String name, String content) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An image of {@code layerCount} distinct layers named after {@code seed}. */
  static Image image(String seed, int layerCount) {
    List<byte[]> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      layers.add(layer(seed + "-" + i + ".txt", "content of " + seed + " layer " + i));
    }
    return image(seed, layers);
  }

  /** An image of the given layers. */
  static Image image(String seed, List<byte[]> layers) {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64").put("os", "linux");
    config.put("created", "2024-01-02T03:04:05Z");
    config.putObject("config").putArray("Env").add("SEED=" + seed);
    ArrayNode ids = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    layers.forEach(l -> ids.add(Digest.sha256(l).toString()));
    byte[] configBytes = bytes(config);
    return new Image(List.copyOf(layers), configBytes, manifest(configBytes, layers));
  }

  static byte[] manifest(byte[] config, List<byte[]> layers) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2).put("mediaType", MediaTypes.DOCKER_MANIFEST_V2);
    m.putObject("config")
        .put("mediaType", MediaTypes.DOCKER_CONFIG)
        .put("size", config.length)
        .put("digest", Digest.sha256(config).toString());
    ArrayNode ls = m.putArray("layers");
    for (byte[] l : layers) {
      ls.addObject()
          .put("mediaType", MediaTypes.DOCKER_LAYER_TAR)
          .put("size", l.length)
          .put("digest", Digest.sha256(l).toString());
    }
    return bytes(m);
  }

  static byte[] bytes(Object json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes an image through a destination, as the copy pipeline does, and commits it. */
  static void write(ImageDestination destination, Image image) throws IOException {
    for (byte[] layer : image.layers()) {
      destination.putBlob(
          new ByteArrayInputStream(layer), BlobInfo.of(Digest.sha256(layer), layer.length), false);
    }
    destination.putBlob(
        new ByteArrayInputStream(image.config()),
        BlobInfo.of(image.configDigest(), image.config().length),
        true);
    destination.putManifest(image.manifest());
    destination.commit();
  }

  /** Copies an image read from an archive into a destination, layers by diffID. */
  static void copy(ImageSource source, ImageDestination destination) throws IOException {
    for (LayerInfo layer : source.layers()) {
      try (BlobStream blob = source.getBlob(layer.diffId())) {
        destination.putBlob(blob, BlobInfo.of(layer.diffId(), layer.size()), false);
      }
    }
    byte[] config = source.configBytes();
    destination.putBlob(
        new ByteArrayInputStream(config), BlobInfo.of(source.configDigest(), config.length), true);
    destination.putManifest(source.manifestBytes());
    destination.commit();
  }

  /**
   * One tar entry.
   *
   * @param name the name
   * @param type the type flag
   * @param linkName the link target
   * @param data the content
   */
  record Entry(String name, char type, String linkName, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /** The entries of a tar, in order. */
  static List<Entry> entries(byte[] tar) throws IOException {
    List<Entry> result = new ArrayList<>();
    try (InputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveInputStream t = (TarArchiveInputStream) in;
      for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
        result.add(
            new Entry(e.getName(), (char) e.getLinkFlag(), e.getLinkName(), t.readAllBytes()));
      }
    }
    return result;
  }

  static List<String> names(byte[] tar) throws IOException {
    return entries(tar).stream().map(Entry::name).toList();
  }

  static Entry entry(byte[] tar, String name) throws IOException {
    return entries(tar).stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + name));
  }
}
