package io.github.dockerarchive.testkit.synthetic.handmade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.json.GoJson;
import io.github.dockerarchive.testkit.writer.Layout;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * One hand-shaped image: layer tars built from files, a config whose {@code rootfs.diff_ids} are
 * the sha256 of the uncompressed layers, and its {@code manifest.json} item (encoded by {@link
 * ManifestJson}). Where {@link io.github.dockerarchive.testkit.synthetic.ArchiveSpec} describes
 * archives as producers write them, this builder shapes one archive field by field: the conformance
 * checks use it for inputs no producer writes (a foreign layout, edited items, raw configs,
 * declared diffIDs that do not match).
 *
 * <pre>{@code
 * HandmadeImage image = new HandmadeImage()
 *     .tags("busybox:latest")
 *     .layer(Layer.of("hello.txt", "hi"))
 *     .compress(Compression.GZIP);
 * byte[] archive = HandmadeImage.archive(image).build();
 * }</pre>
 *
 * <p>Options: lower-case manifest keys (old Jib), compressed layer bytes, layers reached through
 * symbolic or hard links (Docker up to 24), the Docker 25 hybrid layout ({@code blobs/sha256/...}
 * with {@code index.json} and {@code oci-layout}), and duplicate entries written after each blob
 * with different bytes (first wins, ARC-7). Everything is JSON by Jackson and tar by
 * commons-compress.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HandmadeImage {
  /** The shared Jackson mapper (compact output, insertion order). */
  public static final ObjectMapper JSON = new ObjectMapper();

  /** How {@code manifest.json} reaches each layer. */
  public enum LinkStyle {
    /** {@code Layers} names the file itself. */
    NONE,
    /** {@code Layers} names {@code <hex>/layer.tar}, a symlink to {@code ../<blob>}. */
    SYMLINK,
    /** {@code Layers} names {@code <hex>/layer.tar}, a hard link to {@code <blob>}. */
    HARDLINK
  }

  /**
   * One layer: its uncompressed tar and the diffID the config declares for it.
   *
   * @param tar the uncompressed layer tar
   * @param diffId the declared diffID (the sha256 of {@code tar} unless made with {@link
   *     #withDiffId})
   */
  public record Layer(byte[] tar, Digest diffId) {
    /**
     * A layer holding text files.
     *
     * @param namesAndContents name, content, name, content...
     * @return the layer
     */
    public static Layer of(String... namesAndContents) {
      HandmadeTar tar = new HandmadeTar();
      for (int i = 0; i + 1 < namesAndContents.length; i += 2) {
        tar.file(namesAndContents[i], namesAndContents[i + 1]);
      }
      return raw(tar.build());
    }

    /**
     * A layer whose tar is these bytes; its diffID is their sha256.
     *
     * @param tar the uncompressed layer bytes
     * @return the layer
     */
    public static Layer raw(byte[] tar) {
      return new Layer(tar.clone(), Digest.sha256(tar));
    }

    /**
     * A layer of {@code size} pseudo-random bytes in one file (for concurrency and big-stream
     * inputs).
     *
     * @param seed the random seed
     * @param size the file size
     * @return the layer
     */
    public static Layer random(long seed, int size) {
      byte[] data = new byte[size];
      new java.util.Random(seed).nextBytes(data);
      return raw(new HandmadeTar().file("data-" + seed + ".bin", data).build());
    }

    /**
     * The same bytes with another declared diffID (an SRC-7 mismatch).
     *
     * @param declared the diffID to put in the config
     * @return the changed layer
     */
    public Layer withDiffId(Digest declared) {
      return new Layer(tar, declared);
    }

    /**
     * The uncompressed size.
     *
     * @return the tar's length
     */
    public long size() {
      return tar.length;
    }
  }

  private final List<Layer> layers = new ArrayList<>();
  private final List<Compression> compressions = new ArrayList<>();
  private List<String> repoTags = List.of();
  private boolean repoTagsNull;
  private Compression defaultCompression = Compression.NONE;
  private LinkStyle linkStyle = LinkStyle.NONE;
  private Layout layout = Layout.DOCKER_ARCHIVE;
  private boolean lowerCaseKeys;
  private boolean duplicateEntries;
  private boolean layerSources;
  private Consumer<ObjectNode> configEdit = c -> {};
  private Consumer<ObjectNode> itemEdit = i -> {};
  private byte[] rawConfig;
  private final java.util.Map<String, byte[]> stored = new java.util.HashMap<>();

  /** An untagged image with no layers. */
  public HandmadeImage() {}

  /**
   * Sets the RepoTags.
   *
   * @param tags the tags as stored (no normalisation)
   * @return this image
   */
  public HandmadeImage tags(String... tags) {
    this.repoTags = List.of(tags);
    this.repoTagsNull = false;
    return this;
  }

  /**
   * Writes {@code "RepoTags": null}.
   *
   * @return this image
   */
  public HandmadeImage nullTags() {
    this.repoTags = List.of();
    this.repoTagsNull = true;
    return this;
  }

  /**
   * Adds a layer, stored with the image's default compression.
   *
   * @param layer the layer
   * @return this image
   */
  public HandmadeImage layer(Layer layer) {
    layers.add(layer);
    compressions.add(null);
    return this;
  }

  /**
   * Adds a layer stored with its own compression.
   *
   * @param layer the layer
   * @param compression how its bytes are stored
   * @return this image
   */
  public HandmadeImage layer(Layer layer, Compression compression) {
    layers.add(layer);
    compressions.add(compression);
    return this;
  }

  /**
   * Adds a layer holding text files.
   *
   * @param namesAndContents name, content, name, content...
   * @return this image
   */
  public HandmadeImage layerFiles(String... namesAndContents) {
    return layer(Layer.of(namesAndContents));
  }

  /**
   * Stores every layer without an explicit compression with this one.
   *
   * @param compression the compression
   * @return this image
   */
  public HandmadeImage compress(Compression compression) {
    this.defaultCompression = compression;
    return this;
  }

  /**
   * Reaches the layers through links.
   *
   * @param style the link style
   * @return this image
   */
  public HandmadeImage layersAs(LinkStyle style) {
    this.linkStyle = style;
    return this;
  }

  /**
   * Chooses the blob layout: {@link Layout#DOCKER_ARCHIVE} names blobs as the reference writer does
   * ({@code <diffID hex>.tar}, {@code <config hex>.json}); {@link Layout#DOCKER_HYBRID} puts them
   * under {@code blobs/sha256/<hex>} (by the stored bytes' digest) and adds {@code index.json},
   * {@code oci-layout} and an OCI manifest blob that readers must ignore (ARC-3).
   *
   * @param layout the layout
   * @return this image
   */
  public HandmadeImage layout(Layout layout) {
    this.layout = layout;
    return this;
  }

  /**
   * Writes {@code config}, {@code repoTags}, {@code layers} as Jib before 2.3 did.
   *
   * @return this image
   */
  public HandmadeImage lowerCaseKeys() {
    this.lowerCaseKeys = true;
    return this;
  }

  /**
   * Writes every blob twice: the right bytes first, then different bytes under the same name.
   *
   * @return this image
   */
  public HandmadeImage duplicateEntries() {
    this.duplicateEntries = true;
    return this;
  }

  /**
   * Adds Docker 25 style {@code LayerSources} (one descriptor per diffID).
   *
   * @return this image
   */
  public HandmadeImage layerSources() {
    this.layerSources = true;
    return this;
  }

  /**
   * Changes the config after {@code rootfs} is set (remove {@code rootfs}, set {@code created}...).
   *
   * @param edit the change
   * @return this image
   */
  public HandmadeImage configEdit(Consumer<ObjectNode> edit) {
    this.configEdit = this.configEdit.andThen(edit);
    return this;
  }

  /**
   * Uses these bytes as the config, whatever the layers are.
   *
   * @param config the config bytes
   * @return this image
   */
  public HandmadeImage rawConfig(byte[] config) {
    this.rawConfig = config.clone();
    return this;
  }

  /**
   * Changes the {@code manifest.json} item after it is built.
   *
   * @param edit the change
   * @return this image
   */
  public HandmadeImage itemEdit(Consumer<ObjectNode> edit) {
    this.itemEdit = this.itemEdit.andThen(edit);
    return this;
  }

  /**
   * The layers in order.
   *
   * @return the layers
   */
  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /**
   * The declared diffIDs in order.
   *
   * @return the diffIDs
   */
  public List<Digest> diffIds() {
    return layers.stream().map(Layer::diffId).toList();
  }

  /**
   * The RepoTags as written.
   *
   * @return the tags
   */
  public List<String> repoTags() {
    return repoTags;
  }

  /**
   * The config document before serialisation.
   *
   * @return a fresh config object
   */
  public ObjectNode configNode() {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.put("created", "2024-01-02T03:04:05Z");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    layers.forEach(l -> ids.add(l.diffId().toString()));
    configEdit.accept(config);
    return config;
  }

  /**
   * The config bytes (compact JSON).
   *
   * @return the config
   */
  public byte[] configBytes() {
    return rawConfig != null ? rawConfig.clone() : toJson(configNode());
  }

  /**
   * The sha256 of the config bytes: the image ID.
   *
   * @return the config digest
   */
  public Digest configDigest() {
    return Digest.sha256(configBytes());
  }

  /**
   * The compression a layer is stored with.
   *
   * @param i the layer's index
   * @return its compression
   */
  public Compression compressionOf(int i) {
    Compression c = compressions.get(i);
    return c == null ? defaultCompression : c;
  }

  /**
   * The bytes stored for a layer.
   *
   * @param i the layer's index
   * @return the (possibly compressed) bytes
   */
  public byte[] storedLayer(int i) {
    Compression c = compressionOf(i);
    return stored.computeIfAbsent(i + " " + c, k -> HandmadeTar.compress(layers.get(i).tar(), c));
  }

  /**
   * The tar path of the config.
   *
   * @return the config path
   */
  public String configPath() {
    String hex = configDigest().hex();
    return layout == Layout.DOCKER_HYBRID ? "blobs/sha256/" + hex : hex + ".json";
  }

  /**
   * The tar path of the file holding a layer's bytes.
   *
   * @param i the layer's index
   * @return the blob's path
   */
  public String blobPath(int i) {
    if (layout == Layout.DOCKER_HYBRID) {
      return "blobs/sha256/" + Digest.sha256(storedLayer(i)).hex();
    }
    return layers.get(i).diffId().hex() + ".tar";
  }

  /**
   * The tar paths {@code manifest.json} lists, one per layer.
   *
   * @return the layer paths
   */
  public List<String> layerPaths() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      paths.add(linkStyle == LinkStyle.NONE ? blobPath(i) : linkDirectory(i) + "/layer.tar");
    }
    return paths;
  }

  private String linkDirectory(int i) {
    return Digest.sha256(
            ("link " + i + " " + layers.get(i).diffId()).getBytes(StandardCharsets.UTF_8))
        .hex();
  }

  /**
   * This image's {@code manifest.json} item.
   *
   * @return a fresh item object
   */
  public ObjectNode manifestItem() {
    String sources = null;
    if (layerSources) {
      GoJson json = new GoJson().beginObject();
      for (Layer layer : layers) {
        json.name(layer.diffId().toString())
            .beginObject()
            .field("mediaType", MediaTypes.OCI_LAYER_TAR)
            .field("size", layer.size())
            .field("digest", layer.diffId().toString())
            .endObject();
      }
      sources = json.endObject().toString();
    }
    ManifestJson.Item entry =
        new ManifestJson.Item(configPath(), repoTagsNull ? null : repoTags, layerPaths(), sources);
    ObjectNode item;
    try {
      item = (ObjectNode) JSON.readTree(new ManifestJson(lowerCaseKeys, false).encodeItem(entry));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the manifest.json encoder wrote invalid JSON", e);
    }
    itemEdit.accept(item);
    return item;
  }

  /** Adds this image's blobs and links to a tar, skipping paths already in {@code written}. */
  void addBlobs(HandmadeTar tar, Set<String> written) {
    if (layout == Layout.DOCKER_HYBRID && written.add("oci-layout")) {
      tar.directory("blobs").directory("blobs/sha256");
    }
    for (int i = 0; i < layers.size(); i++) {
      String blob = blobPath(i);
      if (written.add(blob)) {
        tar.file(blob, storedLayer(i));
        if (duplicateEntries) {
          tar.file(blob, "not the layer (a later duplicate must be ignored)");
        }
      }
      if (linkStyle != LinkStyle.NONE) {
        String link = linkDirectory(i) + "/layer.tar";
        if (written.add(link)) {
          if (linkStyle == LinkStyle.SYMLINK) {
            tar.symlink(link, "../" + blob);
          } else {
            tar.hardlink(link, blob);
          }
        }
      }
    }
    if (written.add(configPath())) {
      tar.file(configPath(), configBytes());
      if (duplicateEntries) {
        tar.file(configPath(), "{\"duplicate\":true}");
      }
    }
  }

  /**
   * The {@code manifest.json} of several images (compact JSON).
   *
   * @param images the images, in order
   * @return the document
   */
  public static byte[] manifestJson(HandmadeImage... images) {
    ArrayNode items = JSON.createArrayNode();
    for (HandmadeImage image : images) {
      items.add(image.manifestItem());
    }
    return toJson(items);
  }

  /**
   * A complete archive: every image's blobs (shared ones once), then {@code index.json} and {@code
   * oci-layout} when any image uses the hybrid layout, then {@code manifest.json}. The builder can
   * take more entries before {@link HandmadeTar#build()}.
   *
   * @param images the images, in {@code manifest.json} order
   * @return a tar builder holding the archive
   */
  public static HandmadeTar archive(HandmadeImage... images) {
    HandmadeTar tar = new HandmadeTar();
    Set<String> written = new HashSet<>();
    for (HandmadeImage image : images) {
      image.addBlobs(tar, written);
    }
    if (Arrays.stream(images).anyMatch(i -> i.layout == Layout.DOCKER_HYBRID)) {
      ArrayNode manifests = JSON.createArrayNode();
      for (HandmadeImage image : images) {
        byte[] oci = image.ociManifest();
        String path = "blobs/sha256/" + Digest.sha256(oci).hex();
        if (written.add(path)) {
          tar.file(path, oci);
        }
        ObjectNode d = manifests.addObject();
        d.put("mediaType", MediaTypes.OCI_MANIFEST);
        d.put("digest", Digest.sha256(oci).toString());
        d.put("size", oci.length);
      }
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", MediaTypes.OCI_INDEX);
      index.set("manifests", manifests);
      tar.file("index.json", toJson(index));
      tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
    }
    tar.file("manifest.json", manifestJson(images));
    return tar;
  }

  /**
   * Builds the archive of this image alone.
   *
   * @return the tar bytes
   */
  public byte[] build() {
    return archive(this).build();
  }

  /**
   * Writes the archive of this image alone.
   *
   * @param path the file
   * @return {@code path}
   */
  public Path writeTo(Path path) {
    return archive(this).writeTo(path);
  }

  private byte[] ociManifest() {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    ObjectNode c = m.putObject("config");
    c.put("mediaType", MediaTypes.OCI_CONFIG);
    c.put("digest", configDigest().toString());
    c.put("size", configBytes().length);
    ArrayNode ls = m.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      byte[] stored = storedLayer(i);
      ObjectNode d = ls.addObject();
      d.put("mediaType", MediaTypes.OCI_LAYER_TAR);
      d.put("digest", Digest.sha256(stored).toString());
      d.put("size", stored.length);
    }
    return toJson(m);
  }

  /**
   * Compact JSON of a Jackson tree or value.
   *
   * @param value the value
   * @return its UTF-8 bytes
   */
  public static byte[] toJson(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
