package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * A materialised archive read raw, without our reader (whose verdict the quirk tests check
 * separately): every entry name in order, the regular files' bytes (the first of duplicate names,
 * also under the name without its {@code ./} prefixes), and the JSON documents a quirk shapes.
 */
final class QuirkArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Entries larger than this (the expensive quirks' layers of 8 GiB) are listed, not kept. */
  private static final long KEPT_BYTES = 64L << 20;

  final List<String> names = new ArrayList<>();
  final Map<String, byte[]> files = new HashMap<>();

  private QuirkArchive() {}

  static QuirkArchive read(Path path) throws IOException {
    QuirkArchive archive = new QuirkArchive();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
        TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        archive.names.add(e.getName());
        if (e.isFile() && e.getSize() <= KEPT_BYTES) {
          byte[] bytes = tar.readAllBytes();
          archive.files.putIfAbsent(e.getName(), bytes);
          // readers compare names after cleaning (ARC-4): ./manifest.json is manifest.json
          archive.files.putIfAbsent(e.getName().replaceFirst("^(\\./)+", ""), bytes);
        }
      }
    }
    return archive;
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    try {
      String format = CompressorStreamFactory.detect(raw);
      return new CompressorStreamFactory().createCompressorInputStream(format, raw);
    } catch (CompressorException notCompressed) {
      return raw;
    }
  }

  boolean has(String name) {
    return files.containsKey(name);
  }

  byte[] bytes(String name) {
    assertThat(files).as("entries of the archive").containsKey(name);
    return files.get(name);
  }

  String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }

  JsonNode json(String name) throws IOException {
    return JSON.readTree(bytes(name));
  }

  JsonNode manifest() throws IOException {
    return json("manifest.json");
  }

  JsonNode index() throws IOException {
    return json("index.json");
  }

  /** The blob {@code blobs/sha256/<hex>} of a digest, as JSON. */
  JsonNode blob(String digest) throws IOException {
    return json(blobName(digest));
  }

  static String blobName(String digest) {
    return "blobs/sha256/" + digest.substring(digest.indexOf(':') + 1);
  }

  /**
   * The OCI image manifest an {@code index.json} descriptor leads to: the manifest itself, or the
   * first (own-platform) manifest of a nested index.
   */
  JsonNode ociManifest(JsonNode descriptor) throws IOException {
    JsonNode target = blob(descriptor.get("digest").asText());
    if (target.has("manifests")) {
      return blob(target.get("manifests").get(0).get("digest").asText());
    }
    return target;
  }

  /** The config digests of the images {@code index.json} leads to, one per descriptor. */
  List<String> indexedConfigs() throws IOException {
    List<String> configs = new ArrayList<>();
    for (JsonNode d : index().get("manifests")) {
      configs.add(ociManifest(d).get("config").get("digest").asText());
    }
    return configs;
  }

  /** The config digest of a {@code manifest.json} item (the sha256 of its config entry). */
  String configDigest(JsonNode item) {
    return Digest.sha256(bytes(configPath(item))).toString();
  }

  /** The {@code Layers} paths of a {@code manifest.json} item. */
  List<String> layers(JsonNode item) {
    JsonNode layers = item.has("Layers") ? item.get("Layers") : item.get("layers");
    List<String> paths = new ArrayList<>();
    layers.forEach(l -> paths.add(l.asText()));
    return paths;
  }

  /** The {@code rootfs.diff_ids} of a {@code manifest.json} item's config. */
  List<String> diffIds(JsonNode item) throws IOException {
    JsonNode config = item.has("Config") ? item.get("Config") : item.get("config");
    List<String> ids = new ArrayList<>();
    json(config.asText()).get("rootfs").get("diff_ids").forEach(d -> ids.add(d.asText()));
    return ids;
  }

  /**
   * The {@code RepoTags} (or {@code repoTags}) of an item; a missing node when neither is there.
   */
  static JsonNode tags(JsonNode item) {
    return item.has("RepoTags") ? item.get("RepoTags") : item.path("repoTags");
  }

  /** The {@code Config} (or {@code config}) path of an item. */
  static String configPath(JsonNode item) {
    return (item.has("Config") ? item.get("Config") : item.get("config")).asText();
  }

  /** The bytes, decompressed when they start with a compression's magic. */
  static byte[] decompressed(byte[] stored) throws IOException {
    return decompressed(new java.io.ByteArrayInputStream(stored)).readAllBytes();
  }

  /** An uncompressed tar: a ustar header, or the zero blocks of an empty tar. */
  static boolean uncompressedTar(byte[] b) {
    if (plainTar(b)) {
      return true;
    }
    for (int i = 0; i < Math.min(b.length, 512); i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b.length >= 512;
  }

  static boolean gzip(byte[] b) {
    return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  static boolean zstd(byte[] b) {
    return b.length > 4
        && (b[0] & 0xff) == 0x28
        && (b[1] & 0xff) == 0xb5
        && (b[2] & 0xff) == 0x2f
        && (b[3] & 0xff) == 0xfd;
  }

  /** A plain tar: {@code ustar} at offset 257 of its first header. */
  static boolean plainTar(byte[] b) {
    return b.length >= 512
        && new String(b, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
  }
}
