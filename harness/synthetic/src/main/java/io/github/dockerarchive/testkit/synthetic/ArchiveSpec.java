package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A complete description of a synthetic archive: its images, the producer dialect it imitates, its
 * outer compression, an optional corruption and the seed of its file contents. Specs are plain
 * values: equal specs materialise to byte-identical archives ({@link SyntheticArchives}), and
 * {@link SpecJson} turns them into JSON and back.
 *
 * <pre>{@code
 * ArchiveSpec spec = ArchiveSpec.builder()
 *     .image(List.of("example.com/app:1"), LayerSpec.filler(4096), LayerSpec.filler(10))
 *     .dialect(Dialect.DOCKER_HYBRID)
 *     .compression(Compression.GZIP)
 *     .seed(7)
 *     .build();
 * }</pre>
 *
 * @param images the images, in {@code manifest.json} order
 * @param dialect the producer imitated
 * @param compression the compression of the whole archive
 * @param corruption the defect to build in, {@link Corruption#NONE} for none
 * @param seed the seed of all generated content
 * @param quirks the {@link Quirk}s whose shapes the archive has, each once, in the order given
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ArchiveSpec(
    List<ImageSpec> images,
    Dialect dialect,
    Compression compression,
    Corruption corruption,
    long seed,
    List<Quirk> quirks) {

  /**
   * Copies the lists (quirks without repeats) and fills defaults for null values.
   *
   * @param images the images, in {@code manifest.json} order
   * @param dialect the producer imitated
   * @param compression the compression of the whole archive
   * @param corruption the defect to build in, {@link Corruption#NONE} for none
   * @param seed the seed of all generated content
   * @param quirks the {@link Quirk}s whose shapes the archive has, each once, in the order given
   */
  public ArchiveSpec {
    images = images == null ? List.of() : List.copyOf(images);
    dialect = dialect == null ? Dialect.CONTAINERS_IMAGE : dialect;
    compression = compression == null ? Compression.NONE : compression;
    corruption = corruption == null ? Corruption.NONE : corruption;
    quirks = quirks == null ? List.of() : List.copyOf(new LinkedHashSet<>(quirks));
  }

  /**
   * A spec without quirks.
   *
   * @param images the images, in {@code manifest.json} order
   * @param dialect the producer imitated
   * @param compression the compression of the whole archive
   * @param corruption the defect to build in, {@link Corruption#NONE} for none
   * @param seed the seed of all generated content
   */
  public ArchiveSpec(
      List<ImageSpec> images,
      Dialect dialect,
      Compression compression,
      Corruption corruption,
      long seed) {
    this(images, dialect, compression, corruption, seed, List.of());
  }

  /**
   * A new builder: no images yet, {@link Dialect#CONTAINERS_IMAGE}, uncompressed, no corruption,
   * seed 0.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this spec's values, to derive a changed spec.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.images.addAll(images);
    b.quirks.addAll(quirks);
    return b.dialect(dialect).compression(compression).corruption(corruption).seed(seed);
  }

  /**
   * The same spec with another corruption.
   *
   * @param defect the corruption
   * @return the changed spec
   */
  public ArchiveSpec withCorruption(Corruption defect) {
    return new ArchiveSpec(images, dialect, compression, defect, seed, quirks);
  }

  /**
   * The same spec in another dialect.
   *
   * @param producer the dialect
   * @return the changed spec
   */
  public ArchiveSpec withDialect(Dialect producer) {
    return new ArchiveSpec(images, producer, compression, corruption, seed, quirks);
  }

  /**
   * Whether the archive has a quirk's shape.
   *
   * @param quirk the quirk
   * @return true when the spec lists it
   */
  public boolean has(Quirk quirk) {
    return quirks.contains(quirk);
  }

  /**
   * The same spec with a quirk added (kept once, after the quirks already listed). This only lists
   * the quirk; {@link Quirk#applyTo(ArchiveSpec)} also makes the other changes a quirk needs.
   *
   * @param quirk the quirk
   * @return the changed spec
   */
  public ArchiveSpec withQuirk(Quirk quirk) {
    List<Quirk> more = new ArrayList<>(quirks);
    more.add(quirk);
    return new ArchiveSpec(images, dialect, compression, corruption, seed, more);
  }

  /** Builds {@link ArchiveSpec}s. */
  public static final class Builder {
    private final List<ImageSpec> images = new ArrayList<>();
    private Dialect dialect = Dialect.CONTAINERS_IMAGE;
    private Compression compression = Compression.NONE;
    private Corruption corruption = Corruption.NONE;
    private long seed;
    private final List<Quirk> quirks = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an image.
     *
     * @param image the image
     * @return this builder
     */
    public Builder image(ImageSpec image) {
      images.add(image);
      return this;
    }

    /**
     * Adds images.
     *
     * @param values the images, in order
     * @return this builder
     */
    public Builder images(List<ImageSpec> values) {
      images.addAll(values);
      return this;
    }

    /**
     * Removes every image added so far (to replace the images of a {@link #toBuilder()} copy).
     *
     * @return this builder
     */
    public Builder clearImages() {
      images.clear();
      return this;
    }

    /**
     * Adds an image with the default config.
     *
     * @param tags its tags (empty for untagged)
     * @param layers its layers, bottom first
     * @return this builder
     */
    public Builder image(List<String> tags, LayerSpec... layers) {
      return image(new ImageSpec(tags, List.of(layers), null));
    }

    /**
     * Sets the dialect.
     *
     * @param value the dialect
     * @return this builder
     */
    public Builder dialect(Dialect value) {
      this.dialect = value;
      return this;
    }

    /**
     * Sets the outer compression.
     *
     * @param value the compression of the whole archive
     * @return this builder
     */
    public Builder compression(Compression value) {
      this.compression = value;
      return this;
    }

    /**
     * Sets the corruption.
     *
     * @param value the defect
     * @return this builder
     */
    public Builder corruption(Corruption value) {
      this.corruption = value;
      return this;
    }

    /**
     * Sets the content seed.
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Adds a quirk to the list (see {@link ArchiveSpec#withQuirk(Quirk)}).
     *
     * @param value the quirk
     * @return this builder
     */
    public Builder quirk(Quirk value) {
      quirks.add(value);
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     */
    public ArchiveSpec build() {
      return new ArchiveSpec(images, dialect, compression, corruption, seed, quirks);
    }
  }
}
