package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.UnknownBlobException;
import io.github.dockerarchive.testkit.archive.ArchiveReader.Measurement;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.VerifyingInputStream;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.ImageConfig;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One image read from an archive (the Go reference's {@code tarfile.Source}): its Docker schema 2
 * manifest, its config and its layers by diffID, decompressed and verified.
 *
 * <p>Nothing is read until first use. The first use chooses the item (SEL-*), reads and checks the
 * config (SRC-2) and measures the layers (SRC-5, SRC-8); the outcome, success or failure, is
 * cached, so a failing source fails the same way every time (SRC-1). Safe for use from many
 * threads.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImageSource implements ImageInput {
  private final ArchiveReader reader;
  private final DockerReference reference;
  private final int sourceIndex;
  private final boolean ownsReader;
  private volatile Loaded loaded;
  private volatile ArchiveException failure;

  ImageSource(
      ArchiveReader reader, DockerReference reference, int sourceIndex, boolean ownsReader) {
    this.reader = reader;
    this.reference = reference;
    this.sourceIndex = sourceIndex;
    this.ownsReader = ownsReader;
  }

  /**
   * Opens the archive a transport reference names and a source for the image it selects; closing
   * the source closes the archive.
   *
   * @param reference {@code path[:REF|:@N]}
   * @param options the reader's options
   * @return the image source, owning its reader
   * @throws ArchiveException if the archive cannot be opened
   */
  public static ImageSource open(ArchiveReference reference, ReaderOptions options)
      throws ArchiveException {
    ArchiveReader reader = ArchiveReader.open(Path.of(reference.path()), options);
    return new ImageSource(reader, reference.reference(), reference.index(), true);
  }

  /** Everything the first use learns, kept for the source's lifetime. */
  private record Loaded(
      ManifestSelection selection,
      byte[] config,
      Digest configDigest,
      List<Digest> diffIds,
      Map<Digest, LayerInfo> layers,
      byte[] manifest) {}

  private Loaded load() throws ArchiveException {
    Loaded done = loaded;
    if (done != null) {
      return done;
    }
    synchronized (this) {
      if (loaded != null) {
        return loaded;
      }
      if (failure != null) {
        throw failure;
      }
      try {
        loaded = doLoad();
        return loaded;
      } catch (ArchiveException e) {
        failure = e;
        throw e;
      }
    }
  }

  private Loaded doLoad() throws ArchiveException {
    ManifestSelection selection = reader.chooseManifestItem(reference, sourceIndex);
    ManifestItem item = selection.item();
    String configPath = item.config();
    TarEntry configEntry;
    try {
      configEntry = reader.resolve(configPath, "SRC-2");
    } catch (EntryNotFoundException e) {
      throw new EntryNotFoundException(
          "SRC-2",
          "loading tar component \""
              + configPath
              + "\" (the config of manifest.json item @"
              + selection.itemIndex()
              + "): "
              + e.getMessage(),
          e);
    }
    byte[] config = reader.readEntry(configEntry, reader.options().configLimit(), "RD-3");
    List<Digest> diffIds = ImageConfig.diffIds(config, configPath);
    Map<Digest, LayerInfo> layers = prepareLayers(item, selection.itemIndex(), diffIds);
    Digest configDigest = Digest.sha256(config);
    byte[] manifest = schema2Manifest(config.length, configDigest, diffIds, layers);
    return new Loaded(selection, config, configDigest, diffIds, layers, manifest);
  }

  private Map<Digest, LayerInfo> prepareLayers(
      ManifestItem item, int itemIndex, List<Digest> diffIds) throws ArchiveException {
    List<String> paths = item.layers();
    if (paths.size() != diffIds.size()) {
      throw new InvalidConfigException(
          "SRC-2",
          "Inconsistent layer count: "
              + paths.size()
              + " in manifest, "
              + diffIds.size()
              + " in config (manifest.json item @"
              + itemIndex
              + ", config \""
              + item.config()
              + "\")");
    }
    Map<Digest, String> pathByDiffId = new LinkedHashMap<>();
    Map<String, Digest> diffIdByPath = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      Digest diffId = diffIds.get(i);
      if (pathByDiffId.containsKey(diffId)) {
        continue;
      }
      String clean = EntryPaths.clean(paths.get(i));
      Digest other = diffIdByPath.putIfAbsent(clean, diffId);
      if (other != null && !other.equals(diffId)) {
        throw new InvalidConfigException(
            "SRC-8",
            "Layer tarfile \""
                + clean
                + "\" used for two different DiffID values ("
                + other
                + " and "
                + diffId
                + ", manifest.json item @"
                + itemIndex
                + ")");
      }
      pathByDiffId.put(diffId, paths.get(i));
    }
    String mediaType =
        reader.options().referenceMediaTypes()
            ? MediaTypes.DOCKER_LAYER_GZIP
            : MediaTypes.DOCKER_LAYER_TAR;
    Map<Digest, LayerInfo> layers = new LinkedHashMap<>();
    for (Map.Entry<Digest, String> e : pathByDiffId.entrySet()) {
      TarEntry entry;
      try {
        entry = reader.resolve(e.getValue(), "ARC-2");
      } catch (EntryNotFoundException missing) {
        throw new EntryNotFoundException(
            "ARC-2",
            "layer tarfile \""
                + e.getValue()
                + "\" of manifest.json item @"
                + itemIndex
                + " (diffID "
                + e.getKey()
                + ") is missing in the tarball: "
                + missing.getMessage(),
            missing);
      }
      Measurement m = reader.measurements().size(entry);
      layers.put(
          e.getKey(),
          new LayerInfo(
              e.getKey(),
              e.getValue(),
              entry.name(),
              m.size(),
              m.compression(),
              entry.size(),
              mediaType));
    }
    return layers;
  }

  private static byte[] schema2Manifest(
      int configSize, Digest configDigest, List<Digest> diffIds, Map<Digest, LayerInfo> layers) {
    StringBuilder json = new StringBuilder(256 + diffIds.size() * 160);
    json.append("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaTypes.DOCKER_MANIFEST_V2)
        .append("\",\"config\":{\"mediaType\":\"")
        .append(MediaTypes.DOCKER_CONFIG)
        .append("\",\"size\":")
        .append(configSize)
        .append(",\"digest\":\"")
        .append(configDigest)
        .append("\"},\"layers\":[");
    for (int i = 0; i < diffIds.size(); i++) {
      LayerInfo layer = layers.get(diffIds.get(i));
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"mediaType\":\"")
          .append(layer.mediaType())
          .append("\",\"size\":")
          .append(layer.size())
          .append(",\"digest\":\"")
          .append(layer.diffId())
          .append("\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The item this source reads, with its index and the matching tag's index.
   *
   * @return the selection
   * @throws ArchiveException if no item matches (SEL-*) or the image cannot be loaded
   */
  public ManifestSelection selection() throws ArchiveException {
    return load().selection();
  }

  /**
   * The raw config bytes.
   *
   * @return a copy of the config
   * @throws ArchiveException if the image cannot be loaded
   */
  public byte[] configBytes() throws ArchiveException {
    return load().config().clone();
  }

  /**
   * The sha256 of the config bytes, computed (never taken from a file name): the image ID.
   *
   * @return the config digest
   * @throws ArchiveException if the image cannot be loaded
   */
  public Digest configDigest() throws ArchiveException {
    return load().configDigest();
  }

  /**
   * The config's {@code rootfs.diff_ids}, in order, duplicates included.
   *
   * @return the diffIDs
   * @throws ArchiveException if the image cannot be loaded
   */
  public List<Digest> diffIds() throws ArchiveException {
    return load().diffIds();
  }

  /**
   * One entry per diffID in config order (duplicates repeated), with real uncompressed sizes
   * (SRC-5) and the media type of the bytes {@link #getBlob} returns (SRC-4).
   *
   * @return the layers
   * @throws ArchiveException if the image cannot be loaded
   */
  public List<LayerInfo> layers() throws ArchiveException {
    Loaded l = load();
    List<LayerInfo> result = new ArrayList<>(l.diffIds().size());
    for (Digest d : l.diffIds()) {
      result.add(l.layers().get(d));
    }
    return result;
  }

  /**
   * The Docker schema 2 manifest (SRC-3): compact JSON, config descriptor first, one layer
   * descriptor per diffID in config order, {@code "layers":[]} when there are none.
   *
   * @return a copy of the manifest bytes
   * @throws ArchiveException if the image cannot be loaded
   */
  public byte[] manifestBytes() throws ArchiveException {
    return load().manifest().clone();
  }

  /**
   * The manifest for an instance of a manifest list; only {@code null} (the image itself) is
   * supported (SRC-3).
   *
   * @param instanceDigest must be null
   * @return the manifest bytes
   * @throws ArchiveException for a non-null instance digest, or if the image cannot be loaded
   */
  public byte[] manifestBytes(Digest instanceDigest) throws ArchiveException {
    if (instanceDigest != null) {
      throw new UnknownBlobException(
          "SRC-3",
          "Manifest lists are not supported by docker-archive (asked for instance "
              + instanceDigest
              + ")");
    }
    return manifestBytes();
  }

  /**
   * The media type of {@link #manifestBytes()}.
   *
   * @return {@value MediaTypes#DOCKER_MANIFEST_V2}
   */
  public String manifestMediaType() {
    return MediaTypes.DOCKER_MANIFEST_V2;
  }

  /**
   * The sha256 of {@link #manifestBytes()}. It is synthetic: it never equals a registry digest.
   *
   * @return the manifest digest
   * @throws ArchiveException if the image cannot be loaded
   */
  public Digest manifestDigest() throws ArchiveException {
    return Digest.sha256(load().manifest());
  }

  /**
   * A blob by digest (SRC-6): the config by its digest, a layer by its diffID, decompressed. The
   * layer stream is verified as it is read: a content that does not hash to the diffID fails at end
   * of stream with a {@link io.github.dockerarchive.testkit.digest.DigestMismatchException}
   * (SRC-7).
   *
   * @param digest the config digest or a diffID
   * @return the blob's bytes, size and digest; close it when done
   * @throws ArchiveException if the digest is unknown, the image cannot be loaded or the entry
   *     cannot be opened
   */
  public BlobStream getBlob(Digest digest) throws ArchiveException {
    return blob(digest, true);
  }

  /**
   * Yes: every blob stream reads its tar entry through a file channel of its own (RD-5).
   *
   * @return true
   */
  @Override
  public boolean servesConcurrentBlobs() {
    return true;
  }

  /**
   * A blob as {@link #getBlob} returns it, decompressed, but without the digest check: for callers
   * that verify the bytes themselves (an {@link io.github.dockerarchive.testkit.image.ImageOutput}
   * does, WR-2), so they are hashed once, not twice.
   *
   * @param digest the config digest or a diffID
   * @return the blob's bytes, unverified
   * @throws ArchiveException if the digest is unknown or the entry cannot be opened
   */
  @Override
  public BlobStream rawBlob(Digest digest) throws ArchiveException {
    return blob(digest, false);
  }

  private BlobStream blob(Digest digest, boolean verify) throws ArchiveException {
    Loaded l = load();
    if (digest.equals(l.configDigest())) {
      return new BlobStream(new ByteArrayInputStream(l.config()), l.config().length, digest);
    }
    LayerInfo layer = l.layers().get(digest);
    if (layer == null) {
      throw new UnknownBlobException("SRC-6", "Unknown blob " + digest);
    }
    TarEntry entry = reader.resolve(layer.path(), "ARC-2");
    EntryInputStream stored = reader.openStream(entry);
    try {
      String what = "layer \"" + layer.path() + "\" (diffID " + digest + ")";
      InputStream plain = layer.compression().decompress(stored);
      if (!verify) {
        return new BlobStream(plain, layer.size(), digest);
      }
      return new BlobStream(
          new VerifyingInputStream(
              plain, digest, layer.size(), reader.options().maxLayerSize(), what, "SRC-7"),
          layer.size(),
          digest);
    } catch (ArchiveException e) {
      // Already typed, e.g. the reader was closed while the decoder read its header (RD-5).
      stored.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      stored.close();
      throw new io.github.dockerarchive.testkit.MalformedArchiveException(
          "ARC-5",
          "auto-decompressing blob "
              + digest
              + " from \""
              + layer.path()
              + "\": "
              + TarIndex.describe(e),
          e);
    }
  }

  /**
   * The whole {@code manifest.json}, every item, whatever this source selects (RD-6).
   *
   * @return the items
   */
  public List<ManifestItem> tarManifest() {
    return reader.manifest();
  }

  /**
   * Describes the image as a transport reference, for messages.
   *
   * @return for example {@code docker-archive:/tmp/a.tar:@0}
   */
  @Override
  public String describe() {
    String where = reader.description();
    if (reference != null) {
      return where + " image " + reference.canonical();
    }
    return sourceIndex >= 0 ? where + " image @" + sourceIndex : where;
  }

  /**
   * The reader this source reads from.
   *
   * @return the reader
   */
  public ArchiveReader reader() {
    return reader;
  }

  /**
   * Closes the reader if this source owns it (see {@link #open}); otherwise does nothing.
   *
   * @throws IOException if closing the owned reader fails
   */
  @Override
  public void close() throws IOException {
    if (ownsReader) {
      reader.close();
    }
  }
}
