package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.Descriptor;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.json.GoJson;
import io.github.dockerarchive.testkit.synthetic.Entry.Role;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 *   <li>DIA-4 {@code containerd} ({@code ctr images export} of containerd 1.6, §1.5; byte-identical
 *       after {@code ctr images import --no-unpack}, see ContainerdExportIdentityTest): gzip layers
 *       named by their compressed digest, no {@code LayerSources}, no {@code repositories}, compact
 *       {@code oci-layout}, {@code index.json} without a {@code mediaType} member (containerd
 *       1.6.31, 1.7.15 and 2.0 add it); blobs and {@code oci-layout} 0444, the JSON documents 0644,
 *       mtime 0.
 *   <li>DIA-7 {@code docker-containerd-store} (Docker 29 with the containerd image store, §1.5): as
 *       DIA-4, but what {@code index.json} lists is each image's multi-platform OCI index (as
 *       pulled from a registry): the image's own platform manifest, a manifest of another platform
 *       whose blobs are absent (Docker's exporter skips what was not pulled) and a BuildKit
 *       attestation manifest ({@code vnd.docker.reference.type: attestation-manifest}, platform
 *       {@code unknown/unknown}) with its config and in-toto layer.
 * </ul>
 *
 * <p>All write a complete {@code index.json}: one descriptor per tag (annotated with {@code
 * io.containerd.image.name} and {@code org.opencontainers.image.ref.name}) and a bare one per
 * untagged image. A layer stored as bzip2 or xz gets the media type {@code ...tar+bzip2} or {@code
 * ...tar+xz}, which OCI does not define.
 */
final class OciArchiveWriter implements DialectWriter {
  /** The predicate type of the attestation's in-toto statement: SLSA provenance, as BuildKit's. */
  static final String PROVENANCE = "https://slsa.dev/provenance/v0.2";

  private final boolean hybrid;
  private final boolean nestedIndex;
  private final List<Quirk> quirks;

  private OciArchiveWriter(boolean hybrid, boolean nestedIndex, List<Quirk> quirks) {
    this.hybrid = hybrid;
    this.nestedIndex = nestedIndex;
    this.quirks = List.copyOf(quirks);
  }

  static OciArchiveWriter dockerHybrid() {
    return dockerHybrid(List.of());
  }

  static OciArchiveWriter containerd() {
    return containerd(List.of());
  }

  static OciArchiveWriter dockerContainerdStore() {
    return dockerContainerdStore(List.of());
  }

  /** DIA-3 with the OCI-side shapes of the given quirks. */
  static OciArchiveWriter dockerHybrid(List<Quirk> quirks) {
    return new OciArchiveWriter(true, false, quirks);
  }

  /** DIA-4 with the OCI-side shapes of the given quirks. */
  static OciArchiveWriter containerd(List<Quirk> quirks) {
    return new OciArchiveWriter(false, false, quirks);
  }

  /** DIA-7 with the OCI-side shapes of the given quirks. */
  static OciArchiveWriter dockerContainerdStore(List<Quirk> quirks) {
    return new OciArchiveWriter(false, true, quirks);
  }

  private boolean has(Quirk quirk) {
    return quirks.contains(quirk);
  }

  @Override
  public boolean sortsByName() {
    return true;
  }

  @Override
  public Layout layout(List<PlannedImage> images) {
    int blobMode = hybrid ? 0644 : 0444;
    LayoutEntries entries = new LayoutEntries();
    List<ItemDraft> items = new ArrayList<>();
    // containerd before 1.6.31 and 1.7.15 writes index.json without its mediaType; later
    // releases, 2.x and Docker write it.
    GoJson index = beginIndex(hybrid || nestedIndex);
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    boolean tagged = false;
    entries.add(Entry.directory("blobs/", 0755, 0));
    entries.add(Entry.directory("blobs/sha256/", 0755, 0));
    // OCI_INDEX_MISSING_IMAGE: the last tagged image after the first gets no index.json
    // descriptor (an untagged one is rightly left out, OCI-1)
    int unindexed = -1;
    if (has(Quirk.OCI_INDEX_MISSING_IMAGE)) {
      for (int n = images.size() - 1; n > 0 && unindexed < 0; n--) {
        unindexed = images.get(n).tags.isEmpty() ? -1 : n;
      }
    }
    for (int n = 0; n < images.size(); n++) {
      PlannedImage image = images.get(n);
      boolean first = n == 0;
      boolean indexed = n != unindexed;
      long created = hybrid ? image.createdSeconds() : 0;
      List<String> layerPaths =
          entries.layers(image, l -> "blobs/sha256/" + l.storedDigest.hex(), blobMode, created);
      String configName = "blobs/sha256/" + image.configNameHex;
      entries.addOnce(Entry.bytes(configName, blobMode, created, image.config, Role.CONFIG));
      byte[] manifest = ociManifest(image, first && has(Quirk.OCI_DESCRIPTOR_SIZE_MISMATCH));
      // OCI_SELECTED_BLOB_MISSING: the first image's own manifest is named but not written
      boolean omitManifest = first && has(Quirk.OCI_SELECTED_BLOB_MISSING);
      String targetType = MediaTypes.OCI_MANIFEST;
      if (nestedIndex) {
        if (!omitManifest) {
          blob(entries, blobMode, manifest);
        }
        manifest = platformIndex(image, Digest.sha256(manifest), manifest.length, entries);
        targetType = MediaTypes.OCI_INDEX;
        omitManifest = false;
      }
      Digest manifestDigest =
          omitManifest ? Digest.sha256(manifest) : blob(entries, blobMode, manifest);
      Set<String> tags = new LinkedHashSet<>();
      for (String tag : image.tags) {
        tagged = true;
        tags.add(Tags.familiar(tag));
        Tags.Parsed parsed = Tags.parse(tag);
        if (indexed) {
          beginDescriptor(index, targetType, manifestDigest, manifest.length);
          index.name("annotations").beginObject();
          index.field("io.containerd.image.name", Tags.qualified(tag));
          index.field("org.opencontainers.image.ref.name", refName(tag, parsed, manifestDigest));
          index.endObject().endObject();
        }
        if (parsed != null && !image.layers.isEmpty()) {
          repositories
              .computeIfAbsent(parsed.familiarName(), k -> new TreeMap<>())
              .put(parsed.tag(), image.layers.get(image.layers.size() - 1).diffId.hex());
        }
      }
      if (image.tags.isEmpty() && indexed) {
        beginDescriptor(index, targetType, manifestDigest, manifest.length).endObject();
      }
      String layerSources = null;
      if (hybrid) {
        Map<String, String> sources = new TreeMap<>();
        for (int l = 0; l < image.layers.size(); l++) {
          LayerBlob layer = image.layers.get(l);
          boolean foreign = first && l == 0 && has(Quirk.FOREIGN_LAYER_URLS);
          sources.putIfAbsent(
              layer.diffId.toString(), layerSource(layer, quirks, foreign).toString());
        }
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
    if (has(Quirk.OCI_INDEX_MANIFESTS_NULL)) {
      indexBytes =
          new GoJson()
              .beginObject()
              .field("schemaVersion", 2)
              .field("mediaType", MediaTypes.OCI_INDEX)
              .name("manifests")
              .nullValue()
              .endObject()
              .toBytes();
    }
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
    entries.list().sort(DockerLegacyWriter.BY_NAME);
    return new Layout(
        entries.list(), items, new ManifestJson(false, hybrid), TarHeader.NumberStyle.GO);
  }

  /** Adds a blob named by its digest, once; returns the digest. */
  private static Digest blob(LayoutEntries entries, int mode, byte[] bytes) {
    Digest digest = Digest.sha256(bytes);
    entries.addOnce(Entry.bytes("blobs/sha256/" + digest.hex(), mode, 0, bytes, Role.OTHER));
    return digest;
  }

  /**
   * An OCI image index, open at its {@code manifests} array; with its {@code mediaType} member or
   * without it (as containerd before 1.6.31 and 1.7.15 writes {@code index.json}).
   */
  private static GoJson beginIndex(boolean withMediaType) {
    GoJson index = new GoJson().beginObject().field("schemaVersion", 2);
    if (withMediaType) {
      index.field("mediaType", MediaTypes.OCI_INDEX);
    }
    return index.name("manifests").beginArray();
  }

  /** A descriptor's first members (media type, digest, size), left open for the others. */
  private static GoJson beginDescriptor(GoJson json, String mediaType, Digest digest, long size) {
    return json.beginObject()
        .field("mediaType", mediaType)
        .field("digest", digest.toString())
        .field("size", size);
  }

  /**
   * The image's multi-platform index as Docker's containerd store keeps it after a pull: its own
   * platform's manifest, another platform's (whose blobs are not written) and an attestation
   * manifest for its own, whose blobs are written.
   */
  private static byte[] platformIndex(
      PlannedImage image, Digest manifestDigest, int manifestSize, LayoutEntries entries) {
    String architecture = image.configSpec.architecture();
    String os = image.configSpec.os();
    byte[] statement = inTotoStatement(image, manifestDigest);
    Digest statementDigest = blob(entries, 0444, statement);
    byte[] attestationConfig =
        new GoJson()
            .beginObject()
            .field("architecture", "unknown")
            .field("os", "unknown")
            .name("config")
            .beginObject()
            .endObject()
            .name("rootfs")
            .beginObject()
            .field("type", "layers")
            .name("diff_ids")
            .beginArray()
            .value(statementDigest.toString())
            .endArray()
            .endObject()
            .endObject()
            .toBytes();
    Digest configDigest = blob(entries, 0444, attestationConfig);
    byte[] attestationBytes =
        new ImageManifest(
                MediaTypes.OCI_MANIFEST,
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, attestationConfig.length),
                List.of(
                    new Descriptor(
                        MediaTypes.IN_TOTO,
                        statementDigest,
                        statement.length,
                        List.of(),
                        Map.of("in-toto.io/predicate-type", PROVENANCE))))
            .toOci();
    Digest attestationDigest = blob(entries, 0444, attestationBytes);

    // Another platform's manifest: listed, its blobs never pulled, so absent from the archive.
    String otherArchitecture = "arm64".equals(architecture) ? "amd64" : "arm64";
    byte[] other = absentManifest(os + "/" + otherArchitecture + " of " + manifestDigest);
    GoJson index = beginIndex(true);
    platformDescriptor(index, manifestDigest, manifestSize, os, architecture, null);
    platformDescriptor(
        index,
        Digest.sha256(other),
        other.length,
        os,
        otherArchitecture,
        "arm64".equals(otherArchitecture) ? "v8" : null);
    beginDescriptor(index, MediaTypes.OCI_MANIFEST, attestationDigest, attestationBytes.length);
    index.name("annotations").beginObject();
    index.field("vnd.docker.reference.digest", manifestDigest.toString());
    index.field("vnd.docker.reference.type", "attestation-manifest");
    index.endObject().name("platform").beginObject();
    index.field("architecture", "unknown").field("os", "unknown");
    index.endObject().endObject();
    return index.endArray().endObject().toBytes();
  }

  /**
   * A well-formed manifest of a platform that was not pulled; the config and layer it names exist
   * nowhere (their digests are of a text naming them).
   */
  private static byte[] absentManifest(String what) {
    byte[] config = ("config of " + what).getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + what).getBytes(StandardCharsets.UTF_8);
    return new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length),
            List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length)))
        .toOci();
  }

  private static void platformDescriptor(
      GoJson index, Digest digest, int size, String os, String architecture, String variant) {
    beginDescriptor(index, MediaTypes.OCI_MANIFEST, digest, size);
    index.name("platform").beginObject().field("architecture", architecture).field("os", os);
    if (variant != null) {
      index.field("variant", variant);
    }
    index.endObject().endObject();
  }

  /** A BuildKit-style SLSA provenance statement whose subject is the image manifest. */
  private static byte[] inTotoStatement(PlannedImage image, Digest manifestDigest) {
    GoJson json =
        new GoJson()
            .beginObject()
            .field("_type", "https://in-toto.io/Statement/v0.1")
            .field("predicateType", PROVENANCE);
    json.name("subject").beginArray().beginObject();
    json.field(
        "name",
        "pkg:docker/"
            + (image.tags.isEmpty() ? "synthetic" : Tags.familiar(image.tags.get(0)))
            + "?platform="
            + image.configSpec.os()
            + "%2F"
            + image.configSpec.architecture());
    json.name("digest").beginObject().field("sha256", manifestDigest.hex()).endObject();
    json.endObject().endArray();
    json.name("predicate").beginObject();
    json.name("builder").beginObject().field("id", "").endObject();
    json.field("buildType", "https://mobyproject.org/buildkit@v1");
    json.endObject();
    return json.endObject().toBytes();
  }

  /**
   * The {@code org.opencontainers.image.ref.name} of a tag: the tag alone, or the form a quirk asks
   * for (a whole reference, a digest reference, the object part of a digest reference).
   */
  private String refName(String tag, Tags.Parsed parsed, Digest manifestDigest) {
    if (parsed == null) {
      return tag;
    }
    if (has(Quirk.OCI_REF_NAME_FULL_REFERENCE)) {
      return parsed.reference().canonical();
    }
    if (has(Quirk.OCI_REF_NAME_DIGEST_REFERENCE)) {
      return parsed.qualifiedName() + "@" + manifestDigest;
    }
    if (has(Quirk.OCI_REF_NAME_INVALID)) {
      return "@" + manifestDigest;
    }
    return parsed.tag();
  }

  /**
   * A {@code LayerSources} descriptor of a stored layer: media type, size, digest (Go field order),
   * and for a foreign layer its URL. The media type is OCI's unless a quirk asks for Docker's
   * spelling, labels an uncompressed layer gzip, or makes the layer foreign.
   */
  static GoJson layerSource(LayerBlob layer, List<Quirk> quirks, boolean foreign) {
    String mediaType;
    if (foreign) {
      mediaType = MediaTypes.DOCKER_FOREIGN_LAYER_GZIP;
    } else if (quirks.contains(Quirk.LAYER_SOURCES_DOCKER_MEDIA_TYPES)) {
      mediaType =
          layer.compression == Compression.NONE && !quirks.contains(Quirk.RAW_TAR_LABELLED_GZIP)
              ? MediaTypes.DOCKER_LAYER_TAR
              : layer.compression == Compression.NONE || layer.compression == Compression.GZIP
                  ? MediaTypes.DOCKER_LAYER_GZIP
                  : layerMediaType(layer.compression);
    } else {
      mediaType = layerMediaType(labelled(layer.compression, quirks));
    }
    GoJson json =
        new GoJson()
            .beginObject()
            .field("mediaType", mediaType)
            .field("size", layer.storedSize)
            .field("digest", layer.storedDigest.toString());
    if (foreign) {
      json.name("urls").beginArray().value(FOREIGN_URL + layer.storedDigest.hex()).endArray();
    }
    return json.endObject();
  }

  /** Where a foreign layer's descriptor says its bytes can be fetched (followed by the hex). */
  static final String FOREIGN_URL = "https://foreign-layers.example.com/sha256/";

  /** The compression a descriptor claims: gzip for an uncompressed layer under the lying label. */
  private static Compression labelled(Compression stored, List<Quirk> quirks) {
    return stored == Compression.NONE && quirks.contains(Quirk.RAW_TAR_LABELLED_GZIP)
        ? Compression.GZIP
        : stored;
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

  /**
   * The OCI image manifest: schemaVersion, mediaType, config, layers (descriptor field order). With
   * {@code wrongSize} the first layer's descriptor (the config's, without layers) claims one byte
   * more than its blob has.
   */
  private byte[] ociManifest(PlannedImage image, boolean wrongSize) {
    List<Descriptor> layers = new ArrayList<>();
    for (LayerBlob layer : image.layers) {
      long size = layer.storedSize + (wrongSize && layers.isEmpty() ? 1 : 0);
      layers.add(
          Descriptor.of(
              layerMediaType(labelled(layer.compression, quirks)), layer.storedDigest, size));
    }
    long configSize = image.config.length + (wrongSize && layers.isEmpty() ? 1 : 0);
    return new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            Descriptor.of(MediaTypes.OCI_CONFIG, image.configDigest, configSize),
            layers)
        .toOci();
  }
}
