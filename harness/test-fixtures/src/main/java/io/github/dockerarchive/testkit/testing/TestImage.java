package io.github.dockerarchive.testkit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.writer.Layout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * One synthetic image for tests: layer tars built from files, a config whose {@code
 * rootfs.diff_ids} are the sha256 of the uncompressed layers, and its {@code manifest.json} item.
 *
 * <pre>{@code
 * TestImage image = new TestImage()
 *     .tags("busybox:latest")
 *     .layer(Layer.of("hello.txt", "hi"))
 *     .compress(Compression.GZIP);
 * byte[] archive = TestImage.archive(image).build();
 * }</pre>
 *
 * <p>Options: lower-case manifest keys (old Jib), compressed layer bytes, layers reached through
 * symbolic or hard links (Docker up to 24), the Docker 25 hybrid layout ({@code blobs/sha256/...}
 * with {@code index.json} and {@code oci-layout}), and duplicate entries written after each blob
 * with different bytes (first wins, ARC-7). Everything is JSON by Jackson and tar by
 * commons-compress. This is the tests' name for {@link HandmadeImage}, to which every method
 * delegates.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TestImage {
  /** The shared Jackson mapper (compact output, insertion order). */
  public static final ObjectMapper JSON = HandmadeImage.JSON;

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
      return of(HandmadeImage.Layer.of(namesAndContents));
    }

    /**
     * A layer whose tar is these bytes; its diffID is their sha256.
     *
     * @param tar the uncompressed layer bytes
     * @return the layer
     */
    public static Layer raw(byte[] tar) {
      return of(HandmadeImage.Layer.raw(tar));
    }

    /**
     * A layer of {@code size} pseudo-random bytes in one file (for concurrency and big-stream
     * tests).
     *
     * @param seed the random seed
     * @param size the file size
     * @return the layer
     */
    public static Layer random(long seed, int size) {
      return of(HandmadeImage.Layer.random(seed, size));
    }

    /**
     * The same bytes with another declared diffID (for SRC-7 mismatch tests).
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

    private static Layer of(HandmadeImage.Layer layer) {
      return new Layer(layer.tar(), layer.diffId());
    }

    private HandmadeImage.Layer handmade() {
      return new HandmadeImage.Layer(tar, diffId);
    }
  }

  private final HandmadeImage image = new HandmadeImage();

  /** An untagged image with no layers. */
  public TestImage() {}

  /**
   * Sets the RepoTags.
   *
   * @param tags the tags as stored (no normalisation)
   * @return this image
   */
  public TestImage tags(String... tags) {
    image.tags(tags);
    return this;
  }

  /**
   * Writes {@code "RepoTags": null}.
   *
   * @return this image
   */
  public TestImage nullTags() {
    image.nullTags();
    return this;
  }

  /**
   * Adds a layer, stored with the image's default compression.
   *
   * @param layer the layer
   * @return this image
   */
  public TestImage layer(Layer layer) {
    image.layer(layer.handmade());
    return this;
  }

  /**
   * Adds a layer stored with its own compression.
   *
   * @param layer the layer
   * @param compression how its bytes are stored
   * @return this image
   */
  public TestImage layer(Layer layer, Compression compression) {
    image.layer(layer.handmade(), compression);
    return this;
  }

  /**
   * Adds a layer holding text files.
   *
   * @param namesAndContents name, content, name, content...
   * @return this image
   */
  public TestImage layerFiles(String... namesAndContents) {
    image.layerFiles(namesAndContents);
    return this;
  }

  /**
   * Stores every layer without an explicit compression with this one.
   *
   * @param compression the compression
   * @return this image
   */
  public TestImage compress(Compression compression) {
    image.compress(compression);
    return this;
  }

  /**
   * Reaches the layers through links.
   *
   * @param style the link style
   * @return this image
   */
  public TestImage layersAs(LinkStyle style) {
    image.layersAs(HandmadeImage.LinkStyle.valueOf(style.name()));
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
  public TestImage layout(Layout layout) {
    image.layout(layout);
    return this;
  }

  /**
   * Writes {@code config}, {@code repoTags}, {@code layers} as Jib before 2.3 did.
   *
   * @return this image
   */
  public TestImage lowerCaseKeys() {
    image.lowerCaseKeys();
    return this;
  }

  /**
   * Writes every blob twice: the right bytes first, then different bytes under the same name.
   *
   * @return this image
   */
  public TestImage duplicateEntries() {
    image.duplicateEntries();
    return this;
  }

  /**
   * Adds Docker 25 style {@code LayerSources} (one descriptor per diffID).
   *
   * @return this image
   */
  public TestImage layerSources() {
    image.layerSources();
    return this;
  }

  /**
   * Changes the config after {@code rootfs} is set (remove {@code rootfs}, set {@code created}...).
   *
   * @param edit the change
   * @return this image
   */
  public TestImage configEdit(Consumer<ObjectNode> edit) {
    image.configEdit(edit);
    return this;
  }

  /**
   * Uses these bytes as the config, whatever the layers are.
   *
   * @param config the config bytes
   * @return this image
   */
  public TestImage rawConfig(byte[] config) {
    image.rawConfig(config);
    return this;
  }

  /**
   * Changes the {@code manifest.json} item after it is built.
   *
   * @param edit the change
   * @return this image
   */
  public TestImage itemEdit(Consumer<ObjectNode> edit) {
    image.itemEdit(edit);
    return this;
  }

  /**
   * The layers in order.
   *
   * @return the layers
   */
  public List<Layer> layers() {
    return image.layers().stream().map(Layer::of).toList();
  }

  /**
   * The declared diffIDs in order.
   *
   * @return the diffIDs
   */
  public List<Digest> diffIds() {
    return image.diffIds();
  }

  /**
   * The RepoTags as written.
   *
   * @return the tags
   */
  public List<String> repoTags() {
    return image.repoTags();
  }

  /**
   * The config document before serialisation.
   *
   * @return a fresh config object
   */
  public ObjectNode configNode() {
    return image.configNode();
  }

  /**
   * The config bytes (compact JSON).
   *
   * @return the config
   */
  public byte[] configBytes() {
    return image.configBytes();
  }

  /**
   * The sha256 of the config bytes: the image ID.
   *
   * @return the config digest
   */
  public Digest configDigest() {
    return image.configDigest();
  }

  /**
   * The compression a layer is stored with.
   *
   * @param i the layer's index
   * @return its compression
   */
  public Compression compressionOf(int i) {
    return image.compressionOf(i);
  }

  /**
   * The bytes stored for a layer.
   *
   * @param i the layer's index
   * @return the (possibly compressed) bytes
   */
  public byte[] storedLayer(int i) {
    return image.storedLayer(i);
  }

  /**
   * The tar path of the config.
   *
   * @return the config path
   */
  public String configPath() {
    return image.configPath();
  }

  /**
   * The tar path of the file holding a layer's bytes.
   *
   * @param i the layer's index
   * @return the blob's path
   */
  public String blobPath(int i) {
    return image.blobPath(i);
  }

  /**
   * The tar paths {@code manifest.json} lists, one per layer.
   *
   * @return the layer paths
   */
  public List<String> layerPaths() {
    return image.layerPaths();
  }

  /**
   * This image's {@code manifest.json} item.
   *
   * @return a fresh item object
   */
  public ObjectNode manifestItem() {
    return image.manifestItem();
  }

  /**
   * The {@code manifest.json} of several images (compact JSON).
   *
   * @param images the images, in order
   * @return the document
   */
  public static byte[] manifestJson(TestImage... images) {
    return HandmadeImage.manifestJson(handmade(images));
  }

  /**
   * A complete archive: every image's blobs (shared ones once), then {@code index.json} and {@code
   * oci-layout} when any image uses the hybrid layout, then {@code manifest.json}. The builder can
   * take more entries before {@link TarBuilder#build()}.
   *
   * @param images the images, in {@code manifest.json} order
   * @return a tar builder holding the archive
   */
  public static TarBuilder archive(TestImage... images) {
    return new TarBuilder(HandmadeImage.archive(handmade(images)));
  }

  /**
   * Builds the archive of this image alone.
   *
   * @return the tar bytes
   */
  public byte[] build() {
    return image.build();
  }

  /**
   * Writes the archive of this image alone.
   *
   * @param path the file
   * @return {@code path}
   */
  public Path writeTo(Path path) {
    return image.writeTo(path);
  }

  /**
   * Compact JSON of a Jackson tree or value.
   *
   * @param value the value
   * @return its UTF-8 bytes
   */
  public static byte[] toJson(Object value) {
    return HandmadeImage.toJson(value);
  }

  private static HandmadeImage[] handmade(TestImage... images) {
    return Arrays.stream(images).map(i -> i.image).toArray(HandmadeImage[]::new);
  }
}
