package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.json.GoJson;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The two dialects that are an OCI image layout plus {@code manifest.json}, sorted by name, with
 * the directory entries {@code blobs/} and {@code blobs/sha256/}:
 *
 * <ul>
 *   <li>DIA-3 {@code docker-hybrid} (Docker 25–28, docs/peers.md §1.2): uncompressed layers by
 *       diffID, {@code LayerSources} for every layer, {@code manifest.json} ending in a newline,
 *       {@code oci-layout} as {@code {"imageLayoutVersion": "1.0.0"}} (with the space), {@code
 *       repositories} (familiar name → tag → top diffID hex) when tagged; files 0644, layer and
 *       config blobs dated at the image's creation.
 *   <li>DIA-4 {@code containerd} (Docker 29 containerd store, nerdctl, §1.5): gzip layers named by
 *       their compressed digest, no {@code LayerSources}, no {@code repositories}, compact {@code
 *       oci-layout}; blobs and {@code oci-layout} 0444, the JSON documents 0644, mtime 0.
 * </ul>
 *
 * <p>Both write a complete {@code index.json}: one descriptor per tag (annotated with {@code
 * io.containerd.image.name} and {@code org.opencontainers.image.ref.name}) and a bare one per
 * untagged image. A layer stored as bzip2 or xz gets the media type {@code ...tar+bzip2} or {@code
 * ...tar+xz}, which OCI does not define.
 */
final class OciArchiveWriter implements DialectWriter {
  private final boolean hybrid;

  private OciArchiveWriter(boolean hybrid) {
    this.hybrid = hybrid;
  }

  static OciArchiveWriter dockerHybrid() {
    return new OciArchiveWriter(true);
  }

  static OciArchiveWriter containerd() {
    return new OciArchiveWriter(false);
  }

  @Override
  public Layout layout(List<PlannedImage> images) {
    int blobMode = hybrid ? 0644 : 0444;
    List<Entry> entries = new ArrayList<>();
    List<ItemDraft> items = new ArrayList<>();
    Set<String> written = new HashSet<>();
    GoJson index =
        new GoJson()
            .beginObject()
            .field("schemaVersion", 2)
            .field("mediaType", MediaTypes.OCI_INDEX);
    index.name("manifests").beginArray();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    boolean tagged = false;
    entries.add(Entry.directory("blobs/", 0755, 0));
    entries.add(Entry.directory("blobs/sha256/", 0755, 0));
    for (PlannedImage image : images) {
      long created = hybrid ? image.createdSeconds() : 0;
      List<String> layerPaths = new ArrayList<>();
      Map<String, String> sources = new TreeMap<>();
      for (LayerBlob layer : image.layers) {
        String name = "blobs/sha256/" + layer.storedDigest.hex();
        layerPaths.add(name);
        if (written.add(name)) {
          entries.add(Entry.layer(name, blobMode, created, layer));
        }
        sources.put(layer.diffId.toString(), descriptor(layer).toString());
      }
      String configName = "blobs/sha256/" + image.configNameHex;
      if (written.add(configName)) {
        entries.add(Entry.bytes(configName, blobMode, created, image.config, Role.CONFIG));
      }
      byte[] manifest = ociManifest(image);
      Digest manifestDigest = Digest.sha256(manifest);
      String manifestName = "blobs/sha256/" + manifestDigest.hex();
      if (written.add(manifestName)) {
        entries.add(Entry.bytes(manifestName, blobMode, 0, manifest, Role.OTHER));
      }
      Set<String> tags = new LinkedHashSet<>();
      for (String tag : image.tags) {
        tagged = true;
        tags.add(Tags.familiar(tag));
        Tags.Parsed parsed = Tags.parse(tag);
        index.beginObject().field("mediaType", MediaTypes.OCI_MANIFEST);
        index.field("digest", manifestDigest.toString()).field("size", manifest.length);
        index.name("annotations").beginObject();
        index.field("io.containerd.image.name", Tags.qualified(tag));
        index.field("org.opencontainers.image.ref.name", parsed == null ? tag : parsed.tag());
        index.endObject().endObject();
        if (parsed != null && !image.layers.isEmpty()) {
          repositories
              .computeIfAbsent(parsed.familiarName(), k -> new TreeMap<>())
              .put(parsed.tag(), image.layers.get(image.layers.size() - 1).diffId.hex());
        }
      }
      if (image.tags.isEmpty()) {
        index.beginObject().field("mediaType", MediaTypes.OCI_MANIFEST);
        index.field("digest", manifestDigest.toString()).field("size", manifest.length);
        index.endObject();
      }
      String layerSources = null;
      if (hybrid) {
        GoJson json = new GoJson().beginObject();
        sources.forEach((diffId, descriptor) -> json.name(diffId).raw(descriptor));
        layerSources = json.endObject().toString();
      }
      items.add(
          new ItemDraft(
              image,
              configName,
              tags.isEmpty() ? null : List.copyOf(tags),
              layerPaths,
              layerSources));
    }
    byte[] indexBytes = index.endArray().endObject().toBytes();
    entries.add(Entry.bytes("index.json", 0644, 0, indexBytes, Role.OTHER));
    entries.add(Entry.manifest(0644, 0));
    String layout =
        hybrid ? "{\"imageLayoutVersion\": \"1.0.0\"}" : "{\"imageLayoutVersion\":\"1.0.0\"}";
    entries.add(
        Entry.bytes(
            "oci-layout", blobMode, 0, layout.getBytes(StandardCharsets.UTF_8), Role.OTHER));
    if (hybrid && tagged) {
      entries.add(
          Entry.bytes(
              "repositories",
              0644,
              0,
              ContainersImageWriter.repositoriesJson(repositories),
              Role.OTHER));
    }
    entries.sort(DockerLegacyWriter.BY_NAME);
    return new Layout(entries, items, new ManifestJson(false, hybrid), TarHeader.NumberStyle.GO);
  }

  /** A distribution descriptor of a stored layer: media type, size, digest (Go field order). */
  private static GoJson descriptor(LayerBlob layer) {
    return new GoJson()
        .beginObject()
        .field("mediaType", layerMediaType(layer.compression))
        .field("size", layer.storedSize)
        .field("digest", layer.storedDigest.toString())
        .endObject();
  }

  static String layerMediaType(Compression compression) {
    return switch (compression) {
      case NONE -> MediaTypes.OCI_LAYER_TAR;
      case GZIP -> MediaTypes.OCI_LAYER_GZIP;
      case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
      case BZIP2 -> MediaTypes.OCI_LAYER_BZIP2;
      case XZ -> MediaTypes.OCI_LAYER_XZ;
    };
  }

  /** The OCI image manifest: schemaVersion, mediaType, config, layers (descriptor field order). */
  private static byte[] ociManifest(PlannedImage image) {
    GoJson json =
        new GoJson()
            .beginObject()
            .field("schemaVersion", 2)
            .field("mediaType", MediaTypes.OCI_MANIFEST);
    json.name("config").beginObject().field("mediaType", MediaTypes.OCI_CONFIG);
    json.field("digest", image.configDigest.toString()).field("size", image.config.length);
    json.endObject().name("layers").beginArray();
    for (LayerBlob layer : image.layers) {
      json.beginObject().field("mediaType", layerMediaType(layer.compression));
      json.field("digest", layer.storedDigest.toString()).field("size", layer.storedSize);
      json.endObject();
    }
    return json.endArray().endObject().toBytes();
  }
}
