package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.DialectWriter.Layout;
import io.github.dockerarchive.testkit.writer.DuplicateTagException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Materialises {@link ArchiveSpec}s: writes the archive a spec describes and returns it with the
 * truth a correct reader must find.
 *
 * <p>Output is deterministic: the same spec gives a byte-identical archive (mtimes, modes, JSON key
 * order and entry order are fixed; nothing depends on hash-map order or the clock). File contents
 * come from a seeded generator (or are zeros, {@link FileContent}), so a 1 GiB layer is written at
 * disk speed; uncompressed layers are streamed straight into the archive and never held in memory,
 * compressed ones are spooled once (in memory up to 4 MiB, else in a temporary file beside the
 * target that is always deleted) to learn their digest before their name is written. Written to a
 * file, an uncompressed archive whose layers keep their place is written in one pass over its
 * uncompressed layers, hashed on a second thread as they go to the file, and runs of zeros beyond
 * the end of what is written are left as holes. Entries of any size are written (WR-14).
 *
 * <p>Images whose configs are byte-identical (same layers and config fields) become one {@code
 * manifest.json} item with their tags merged, as Docker and containers/image do (WR-8); the truth
 * therefore has one entry per item, in {@code manifest.json} order.
 *
 * <p>Corruptions apply to the first image and its first layer. A corruption that cannot apply to a
 * spec is refused with an {@link IllegalArgumentException} saying why ({@link #whyInapplicable}),
 * with two adaptations ({@link #effectiveSpec}): {@link
 * Corruption#UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR} strips every tag and, when the spec has fewer
 * than two distinct images, adds copies of the first image (or of a one-layer image) that differ by
 * the label {@value #COPY_LABEL}, so the archive holds at least two untagged items; {@link
 * Corruption#DUPLICATE_TAG_ACROSS_IMAGES} adds such a copy when needed and gives the second
 * distinct image the first image's first tag. Without that corruption, a spec giving two different
 * images the same tag is refused with a {@link DuplicateTagException} (WR-13), and nothing is
 * written.
 *
 * <p>The {@link Quirk}s a spec lists shape the archive as well: the writers consult them where a
 * shape is not expressible with the spec's other fields (an {@code index.json} value, a {@code
 * manifest.json} encoding); a spec whose quirks contradict each other is refused ({@link
 * #whyInapplicable}).
 *
 * <p>The returned fixture holds the spec as given (materialising it again gives the same bytes).
 * Materialising is thread-safe: no state is shared between calls.
 *
 * <pre>{@code
 * ArchiveFixture fixture = SyntheticArchives.materialize(
 *     ArchiveSpec.builder().image(List.of("busybox:1"), LayerSpec.filler(4096)).build(),
 *     dir.resolve("busybox.tar"));
 * Digest diffId = fixture.image(0).diffIds().get(0);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SyntheticArchives {
  /** The label that tells the images added by {@link #effectiveSpec} apart. */
  public static final String COPY_LABEL = "io.github.dockerarchive.testkit.synthetic.copy";

  /** The tag {@link Corruption#DUPLICATE_TAG_ACROSS_IMAGES} uses when the first image has none. */
  public static final String DUPLICATE_TAG = "example.com/duplicate:1";

  private SyntheticArchives() {}

  /**
   * Writes the archive a spec describes to a file (created or replaced). On failure the partial
   * file is deleted.
   *
   * @param spec the archive
   * @param target where to write it
   * @return the archive and its truth
   * @throws DuplicateTagException (WR-13) when two different images share a tag and the spec does
   *     not ask for {@link Corruption#DUPLICATE_TAG_ACROSS_IMAGES}; the file is deleted
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the spec's corruption cannot apply to it, or its dialect
   *     cannot hold its images
   */
  public static ArchiveFixture materialize(ArchiveSpec spec, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    check(spec);
    boolean done = false;
    try (FileChannel channel =
        FileChannel.open(
            absolute,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      List<ImageTruth> truth;
      if (Files.isRegularFile(absolute)) {
        ArchiveFile file = new ArchiveFile(channel);
        truth = writeFile(spec, file, directory).truth();
        file.finish();
      } else {
        // a pipe or a device: written in order, as a stream
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        truth = write(spec, out, directory);
        out.flush();
      }
      done = true;
      return new ArchiveFixture(target, spec, truth);
    } catch (IOException e) {
      throw namingPath(e, "writing synthetic archive", absolute);
    } finally {
      if (!done) {
        Files.deleteIfExists(absolute);
      }
    }
  }

  /**
   * An I/O error whose message names the file: a {@link java.nio.file.FileSystemException} already
   * does, and archive errors carry their own; a bare one ({@code No space left on device}, from a
   * write) gets what was done and the path in front.
   *
   * @param e the error
   * @param action what was being done, for example {@code writing synthetic archive}
   * @param path the file it was done to
   * @return {@code e}, or an error wrapping it whose message names the path
   */
  public static IOException namingPath(IOException e, String action, Path path) {
    if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
      return e;
    }
    if (e instanceof io.github.dockerarchive.testkit.ArchiveException) {
      return e;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains(path.toString())) {
      return e;
    }
    return new IOException(action + " \"" + path + "\": " + message, e);
  }

  /**
   * Writes the archive a spec describes to a stream. Temporary files (for large compressed layers)
   * go to {@code java.io.tmpdir} and are deleted before this returns.
   *
   * @param spec the archive
   * @param out where to write it (flushed, not closed)
   * @return the archive's truth; its {@link ArchiveFixture#path()} is null
   * @throws DuplicateTagException (WR-13) when two different images share a tag and the spec does
   *     not ask for {@link Corruption#DUPLICATE_TAG_ACROSS_IMAGES}; nothing is written then
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the spec's corruption cannot apply to it
   */
  public static ArchiveFixture materialize(ArchiveSpec spec, OutputStream out) throws IOException {
    check(spec);
    List<ImageTruth> truth =
        write(
            spec,
            new Compressors.NonClosingOutputStream(out),
            Path.of(System.getProperty("java.io.tmpdir")));
    out.flush();
    return new ArchiveFixture(null, spec, truth);
  }

  /**
   * Why a spec cannot be materialised, if it cannot: its corruption needs something the spec lacks
   * (a layer, an image, a config named by digest), its dialect cannot hold its images (Jib writes
   * exactly one), or the spec lacks what a listed {@link Quirk}'s shape needs (its dialect, its
   * layer compressions or count, a tagged or untagged image, a repeated layer), as when a quirk
   * applied later undid an earlier one's shape, or two listed quirks contradict each other
   * (manifest.json first and last).
   *
   * @param spec the spec
   * @return the reason, or empty when the spec can be materialised
   */
  public static Optional<String> whyInapplicable(ArchiveSpec spec) {
    ArchiveSpec effective = effectiveSpec(spec);
    Optional<String> contradiction = TarQuirkShapes.whyInapplicable(effective);
    if (contradiction.isPresent()) {
      return contradiction;
    }
    Corruption c = spec.corruption();
    boolean jib = spec.dialect() == Dialect.JIB || spec.dialect() == Dialect.JIB_LEGACY;
    if (jib && effective.images().size() != 1) {
      return Optional.of(
          "the "
              + spec.dialect().id()
              + " dialect writes exactly one image (config.json), the spec has "
              + effective.images().size()
              + (c == Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR
                      || c == Corruption.DUPLICATE_TAG_ACROSS_IMAGES
                  ? " after " + c + " forced a second image"
                  : ""));
    }
    Optional<String> quirks = QuirkShapes.whyInapplicable(effective);
    if (quirks.isPresent()) {
      return quirks;
    }
    boolean hasImage = !effective.images().isEmpty();
    boolean hasLayer = hasImage && !effective.images().get(0).layers().isEmpty();
    switch (c) {
      case LAYER_DIGEST_MISMATCH,
          MISSING_LAYER,
          SYMLINK_LOOP,
          SYMLINK_ESCAPE,
          ABSOLUTE_PATH,
          TRUNCATED -> {
        if (!hasLayer) {
          return Optional.of(
              c + " changes the first layer of the first image, but it has no layers");
        }
      }
      case CONFIG_DIGEST_MISMATCH -> {
        if (jib) {
          return Optional.of(
              c
                  + " needs a config named by its digest, but the "
                  + spec.dialect().id()
                  + " dialect names it config.json");
        }
        if (!hasImage) {
          return Optional.of(c + " changes the first image's config, but the spec has no images");
        }
      }
      case MISSING_CONFIG, LAYER_COUNT_MISMATCH, DUPLICATE_ENTRIES -> {
        if (!hasImage) {
          return Optional.of(c + " changes the first image, but the spec has no images");
        }
      }
      default -> {
        // applies to every spec
      }
    }
    return Optional.empty();
  }

  /**
   * The spec as it is written: the spec itself, except for {@link
   * Corruption#UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR}, where every tag is removed and labelled
   * copies are added until there are at least two distinct images, and for {@link
   * Corruption#DUPLICATE_TAG_ACROSS_IMAGES}, where the second distinct image (a labelled copy if
   * need be) also gets the first image's first tag ({@value #DUPLICATE_TAG} if it has none).
   *
   * @param spec the spec
   * @return the spec that is materialised
   */
  public static ArchiveSpec effectiveSpec(ArchiveSpec spec) {
    if (spec.corruption() == Corruption.DUPLICATE_TAG_ACROSS_IMAGES) {
      return duplicateTag(spec);
    }
    if (spec.corruption() != Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR) {
      return spec;
    }
    List<ImageSpec> images = new ArrayList<>();
    for (ImageSpec image : spec.images()) {
      images.add(new ImageSpec(List.of(), image.layers(), image.config()));
    }
    ImageSpec template =
        spec.images().isEmpty()
            ? new ImageSpec(List.of(), List.of(LayerSpec.filler(16)), null)
            : images.get(0);
    addDistinctCopies(images, template);
    return spec.toBuilder().clearImages().images(images).build();
  }

  /**
   * For {@link Corruption#DUPLICATE_TAG_ACROSS_IMAGES}: the first image keeps its tags (or gets
   * {@value #DUPLICATE_TAG}), a labelled copy is added when there is no second distinct image, and
   * the first image that differs from the first is given the first image's first tag as well.
   */
  private static ArchiveSpec duplicateTag(ArchiveSpec spec) {
    List<ImageSpec> images = new ArrayList<>(spec.images());
    if (images.isEmpty()) {
      images.add(new ImageSpec(List.of(DUPLICATE_TAG), List.of(LayerSpec.filler(16)), null));
    }
    ImageSpec first = images.get(0);
    if (first.tags().isEmpty()) {
      first = new ImageSpec(List.of(DUPLICATE_TAG), first.layers(), first.config());
      images.set(0, first);
    }
    addDistinctCopies(images, new ImageSpec(List.of(), first.layers(), first.config()));
    String tag = first.tags().get(0);
    for (int i = 1; i < images.size(); i++) {
      ImageSpec image = images.get(i);
      if (!image.layers().equals(first.layers()) || !image.config().equals(first.config())) {
        if (!image.tags().contains(tag)) {
          List<String> tags = new ArrayList<>(image.tags());
          tags.add(tag);
          images.set(i, new ImageSpec(tags, image.layers(), image.config()));
        }
        break;
      }
    }
    return spec.toBuilder().clearImages().images(images).build();
  }

  /** Adds copies of {@code template} labelled {@value #COPY_LABEL} until two images differ. */
  private static void addDistinctCopies(List<ImageSpec> images, ImageSpec template) {
    Set<List<Object>> distinct = new HashSet<>();
    for (ImageSpec image : images) {
      distinct.add(List.of(image.layers(), image.config()));
    }
    for (int copy = 1; distinct.size() < 2; copy++) {
      Map<String, String> labels = new HashMap<>(template.config().labels());
      labels.put(COPY_LABEL, Integer.toString(copy));
      ConfigSpec c = template.config();
      ConfigSpec labelled =
          new ConfigSpec(c.architecture(), c.os(), c.created(), c.env(), c.cmd(), labels);
      ImageSpec added = new ImageSpec(template.tags(), template.layers(), labelled);
      images.add(added);
      distinct.add(List.of(added.layers(), added.config()));
    }
  }

  private static void check(ArchiveSpec spec) {
    whyInapplicable(spec)
        .ifPresent(
            reason -> {
              throw new IllegalArgumentException("cannot materialise the spec: " + reason);
            });
  }

  /**
   * Writes to a file. An uncompressed archive without a corruption is written in one pass over its
   * uncompressed layers: laid out first with a placeholder digest of the same length for each (so
   * every entry has its final size and offset), written with the layers' bytes hashed on a second
   * thread on their way to the file, then laid out with the real digests and written again over the
   * same file, skipping the layer bytes already in place. Should an entry not land where the first
   * writing put it, the file is written again from the start in the two-pass way. Archives whose
   * uncompressed layers hold less than {@value #ONE_PASS_MIN_BYTES} bytes of content are written in
   * two passes straight away (for them the second layout costs more than a second pass saves), and
   * so are those of the dialects that sort their entries by name, where a layer's place depends on
   * its digest ({@link DialectWriter#sortsByName()}), and those with quirks.
   */
  static Written writeFile(ArchiveSpec spec, ArchiveFile file, Path temporary) throws IOException {
    ArchiveSpec effective = effectiveSpec(spec);
    if (!onePassPays(effective)) {
      return new Written(write(spec, file, temporary), false);
    }
    try (BlobStore store = new BlobStore(effective.seed(), temporary)) {
      store.deferUncompressed();
      DialectWriter writer = writer(effective.dialect(), List.of());
      LayoutWriter.write(writer.layout(plan(effective, store)), Corruption.NONE, file);
      if (store.resolveDeferred()) {
        Layout layout = writer.layout(plan(effective, store));
        long end = file.position();
        file.seek(0);
        try {
          LayoutWriter.write(layout, Corruption.NONE, file);
          if (file.position() == end) {
            return new Written(truth(layout.items()), true);
          }
        } catch (LayerBlob.NotInPlace e) {
          // an entry moved: fall through to the two-pass writing
        }
      }
    }
    file.seek(0);
    return new Written(write(spec, file, temporary), false);
  }

  /** Content bytes of uncompressed layers from which {@link #writeFile} writes in one pass. */
  static final long ONE_PASS_MIN_BYTES = 1 << 20;

  /**
   * What {@link #writeFile} wrote.
   *
   * @param truth the archive's truth
   * @param onePass whether the uncompressed layers were written in one pass
   */
  record Written(List<ImageTruth> truth, boolean onePass) {}

  private static boolean onePassPays(ArchiveSpec spec) {
    if (spec.compression() != Compression.NONE
        || spec.corruption() != Corruption.NONE
        || !spec.quirks().isEmpty()
        || writer(spec.dialect(), List.of()).sortsByName()) {
      return false;
    }
    Compression dialectDefault = spec.dialect().defaultLayerCompression();
    long bytes = 0;
    for (ImageSpec image : spec.images()) {
      for (LayerSpec layer : image.layers()) {
        Compression stored = layer.compression() != null ? layer.compression() : dialectDefault;
        if (stored == Compression.NONE) {
          bytes += layer.contentBytes();
        }
      }
    }
    return bytes >= ONE_PASS_MIN_BYTES;
  }

  private static List<ImageTruth> write(ArchiveSpec spec, OutputStream out, Path temporary)
      throws IOException {
    ArchiveSpec effective = effectiveSpec(spec);
    try (BlobStore store = new BlobStore(effective.seed(), temporary)) {
      List<PlannedImage> images = plan(effective, store);
      List<Quirk> quirks = effective.quirks();
      Layout layout =
          TarQuirkShapes.apply(
              ManifestQuirks.adjust(writer(effective.dialect(), quirks).layout(images), quirks),
              effective);
      List<ImageTruth> truth =
          truth(ManifestQuirks.listsNoImage(quirks) ? List.of() : layout.items());
      try (OutputStream compressed = Compressors.compress(effective.compression(), out)) {
        LayoutWriter.write(layout, effective.corruption(), quirks, compressed);
      }
      return truth;
    }
  }

  private static List<PlannedImage> plan(ArchiveSpec spec, BlobStore store) throws IOException {
    Map<Digest, PlannedImage> byConfig = new LinkedHashMap<>();
    Compression dialectDefault = spec.dialect().defaultLayerCompression();
    for (int i = 0; i < spec.images().size(); i++) {
      ImageSpec image = spec.images().get(i);
      List<LayerBlob> layers = new ArrayList<>();
      for (int j = 0; j < image.layers().size(); j++) {
        LayerSpec layer = image.layers().get(j);
        boolean flip = spec.corruption() == Corruption.LAYER_DIGEST_MISMATCH && i == 0 && j == 0;
        Compression stored = layer.compression() != null ? layer.compression() : dialectDefault;
        layers.add(store.blob(layer, stored, flip));
      }
      List<Digest> diffIds = layers.stream().map(l -> l.diffId).toList();
      PlannedImage planned =
          new PlannedImage(
              image.tags(), image.config(), layers, ImageConfigs.build(image.config(), diffIds));
      PlannedImage existing = byConfig.putIfAbsent(planned.configDigest, planned);
      if (existing != null) {
        for (String tag : image.tags()) {
          if (!existing.tags.contains(tag)) {
            existing.tags.add(tag);
          }
        }
      }
    }
    List<PlannedImage> images = new ArrayList<>(byConfig.values());
    if (spec.corruption() != Corruption.DUPLICATE_TAG_ACROSS_IMAGES) {
      refuseSharedTags(images);
    }
    if (spec.corruption() == Corruption.CONFIG_DIGEST_MISMATCH) {
      PlannedImage first = images.get(0);
      first.configNameHex =
          Digest.sha256(("not the config " + first.configDigest).getBytes(StandardCharsets.UTF_8))
              .hex();
    }
    return images;
  }

  /**
   * One tag names one image (WR-13): a spec that gives two different images the same tag is refused
   * unless it asks for {@link Corruption#DUPLICATE_TAG_ACROSS_IMAGES}. Tags that do not parse as
   * references are compared as written.
   */
  private static void refuseSharedTags(List<PlannedImage> images) throws DuplicateTagException {
    Map<String, PlannedImage> holders = new HashMap<>();
    for (PlannedImage image : images) {
      for (String tag : image.tags) {
        Tags.Parsed parsed = Tags.parse(tag);
        String key = parsed == null ? tag : parsed.reference().canonical();
        PlannedImage holder = holders.putIfAbsent(key, image);
        if (holder != null && holder != image) {
          throw new DuplicateTagException(key, holder.configDigest, image.configDigest);
        }
      }
    }
  }

  private static DialectWriter writer(Dialect dialect, List<Quirk> quirks) {
    return switch (dialect) {
      case CONTAINERS_IMAGE -> new ContainersImageWriter();
      case DOCKER_LEGACY -> new DockerLegacyWriter();
      case DOCKER_HYBRID -> OciArchiveWriter.dockerHybrid(quirks);
      case CONTAINERD -> OciArchiveWriter.containerd(quirks);
      case DOCKER_CONTAINERD_STORE -> OciArchiveWriter.dockerContainerdStore(quirks);
      case GO_CONTAINERREGISTRY -> new GoContainerRegistryWriter();
      case JIB -> new JibWriter(false);
      case JIB_LEGACY -> new JibWriter(true);
    };
  }

  private static List<ImageTruth> truth(List<ItemDraft> items) {
    List<ImageTruth> truth = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      ItemDraft item = items.get(i);
      PlannedImage image = item.image();
      truth.add(
          new ImageTruth(
              i,
              item.repoTags() == null ? List.of() : item.repoTags(),
              image.configDigest,
              image.diffIds(),
              image.storedDigests(),
              image.layers.stream().map(l -> l.size).toList(),
              image.layers.stream().map(l -> l.storedSize).toList(),
              item.layers()));
    }
    return truth;
  }
}
