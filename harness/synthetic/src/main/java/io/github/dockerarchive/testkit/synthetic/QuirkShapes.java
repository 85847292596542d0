package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The spec-level shapes of the quirks of the OCI layout, {@code manifest.json}, media-type and
 * layer-count families, and what each of them needs the materialised spec to keep ({@link
 * #whyInapplicable}): a shape that a later quirk undid (another dialect, other layer compressions,
 * a different layer count) makes the combination contradictory.
 */
final class QuirkShapes {
  /** The dialects that write an OCI layout beside {@code manifest.json}. */
  static final Set<Dialect> OCI_DIALECTS =
      EnumSet.of(Dialect.DOCKER_HYBRID, Dialect.CONTAINERD, Dialect.DOCKER_CONTAINERD_STORE);

  /** The tag an image gets when a quirk needs a tagged image and the spec has none. */
  static final String DEFAULT_TAG = "example.com/quirk:1";

  /** The families whose shapes are built here. */
  static final Set<QuirkFamily> OWNED =
      EnumSet.of(
          QuirkFamily.OCI_LAYOUT,
          QuirkFamily.MANIFEST_JSON,
          QuirkFamily.MEDIA_TYPES,
          QuirkFamily.LAYER_COUNT);

  /** Groups of quirks that write one thing in different ways: at most one of each per spec. */
  static final List<List<Quirk>> EXCLUSIVE =
      List.of(
          List.of(
              Quirk.OCI_REF_NAME_TAG,
              Quirk.OCI_REF_NAME_FULL_REFERENCE,
              Quirk.OCI_REF_NAME_DIGEST_REFERENCE,
              Quirk.OCI_REF_NAME_INVALID),
          List.of(Quirk.REPO_TAGS_NULL, Quirk.REPO_TAGS_ABSENT, Quirk.REPO_TAGS_EMPTY),
          List.of(Quirk.LAYER_SOURCES_DOCKER_MEDIA_TYPES, Quirk.LAYER_SOURCES_OCI_MEDIA_TYPES),
          List.of(Quirk.LAYERS_AT_DOCKER_LIMIT, Quirk.LAYERS_OVER_DOCKER_LIMIT));

  /**
   * The quirks whose shape is reached through {@code index.json} and the first image's OCI
   * manifest, which a null index or an absent manifest hides.
   */
  static final Set<Quirk> HIDDEN_BEHIND_THE_INDEX =
      EnumSet.of(
          Quirk.CONTAINERD_STORE_SPARSE_INDEX,
          Quirk.OCI_INDEX_MANIFESTS_NULL,
          Quirk.OCI_INDEX_MISSING_IMAGE,
          Quirk.OCI_REF_NAME_TAG,
          Quirk.OCI_REF_NAME_FULL_REFERENCE,
          Quirk.OCI_REF_NAME_DIGEST_REFERENCE,
          Quirk.OCI_REF_NAME_INVALID,
          Quirk.OCI_MANIFEST_NO_LAYERS,
          Quirk.OCI_DESCRIPTOR_SIZE_MISMATCH,
          Quirk.OCI_SELECTED_BLOB_MISSING,
          Quirk.RAW_TAR_LABELLED_GZIP);

  private QuirkShapes() {}

  /** The spec in an OCI dialect: its own when it has one, else {@code docker-hybrid}. */
  static ArchiveSpec oci(ArchiveSpec spec) {
    return OCI_DIALECTS.contains(spec.dialect()) ? spec : spec.withDialect(Dialect.DOCKER_HYBRID);
  }

  /** The spec with at least one image (the base spec's first image when it has none). */
  static ArchiveSpec withImage(ArchiveSpec spec) {
    if (!spec.images().isEmpty()) {
      return spec;
    }
    return spec.toBuilder().images(Quirk.baseSpec().images().subList(0, 1)).build();
  }

  /** The spec with its first image changed (one is added first if it has none). */
  static ArchiveSpec firstImage(ArchiveSpec spec, UnaryOperator<ImageSpec> change) {
    ArchiveSpec with = withImage(spec);
    List<ImageSpec> images = new ArrayList<>(with.images());
    images.set(0, change.apply(images.get(0)));
    return with.toBuilder().clearImages().images(images).build();
  }

  /** The first image without tags. */
  static ArchiveSpec untagFirst(ArchiveSpec spec) {
    return firstImage(spec, i -> new ImageSpec(List.of(), i.layers(), i.config()));
  }

  /** The first image with a tag ({@value #DEFAULT_TAG} if it had none). */
  static ArchiveSpec tagFirst(ArchiveSpec spec) {
    return firstImage(
        spec,
        i -> i.tags().isEmpty() ? new ImageSpec(List.of(DEFAULT_TAG), i.layers(), i.config()) : i);
  }

  /** The first image tagged with the short, un-normalised form of its first tag. */
  static ArchiveSpec familiarFirstTag(ArchiveSpec spec) {
    return firstImage(
        tagFirst(spec),
        i -> {
          Tags.Parsed parsed = Tags.parse(i.tags().get(0));
          if (parsed == null) {
            return i;
          }
          String path = parsed.reference().path();
          String shortName = path.substring(path.lastIndexOf('/') + 1) + ":" + parsed.tag();
          return new ImageSpec(List.of(shortName), i.layers(), i.config());
        });
  }

  /** The first image with at least one layer (a small filler is added to one without). */
  static ArchiveSpec firstWithLayer(ArchiveSpec spec) {
    return firstImage(
        spec,
        i ->
            i.layers().isEmpty()
                ? new ImageSpec(i.tags(), List.of(LayerSpec.filler(32)), i.config())
                : i);
  }

  /** The first image with exactly {@code count} layers: distinct one-byte layers are added. */
  static ArchiveSpec layerCount(ArchiveSpec spec, int count) {
    return firstImage(
        spec,
        i -> {
          List<LayerSpec> layers = new ArrayList<>(i.layers());
          while (layers.size() > count) {
            layers.remove(layers.size() - 1);
          }
          for (int n = layers.size(); n < count; n++) {
            layers.add(LayerSpec.of(FileSpec.file("layer-" + n + ".bin", 1)));
          }
          return new ImageSpec(i.tags(), layers, i.config());
        });
  }

  /** Every layer of every image stored with {@code compression}. */
  static ArchiveSpec allLayers(ArchiveSpec spec, Compression compression) {
    List<ImageSpec> images = new ArrayList<>();
    for (ImageSpec image : withImage(spec).images()) {
      images.add(
          new ImageSpec(
              image.tags(),
              image.layers().stream().map(l -> l.withCompression(compression)).toList(),
              image.config()));
    }
    return spec.toBuilder().clearImages().images(images).build();
  }

  /** The first layer of the first image stored with {@code compression}. */
  static ArchiveSpec firstLayer(ArchiveSpec spec, Compression compression) {
    return firstImage(
        firstWithLayer(spec),
        i -> {
          List<LayerSpec> layers = new ArrayList<>(i.layers());
          layers.set(0, layers.get(0).withCompression(compression));
          return new ImageSpec(i.tags(), layers, i.config());
        });
  }

  /**
   * At least two distinct images: a copy of the first, labelled {@value
   * SyntheticArchives#COPY_LABEL} with {@code label} (the quirk's id), is added when there is one;
   * tagged {@code <first image's name>:second} or untagged.
   */
  static ArchiveSpec secondImage(ArchiveSpec spec, String label, boolean tagged) {
    ArchiveSpec with = withImage(spec);
    ImageSpec first = with.images().get(0);
    Tags.Parsed parsed = first.tags().isEmpty() ? null : Tags.parse(first.tags().get(0));
    String name = parsed == null ? "example.com/quirk" : parsed.qualifiedName();
    ArchiveSpec.Builder more = with.toBuilder();
    List<ImageSpec> images = new ArrayList<>(with.images());
    for (int copy = 1; !enough(images, tagged); copy++) {
      List<String> tags = tagged ? List.of(name + ":copy-" + copy) : List.of();
      ImageSpec added = new ImageSpec(tags, first.layers(), labelled(first, label + "-" + copy));
      images.add(added);
      more.image(added);
    }
    return more.build();
  }

  /**
   * Whether there are two distinct images, and (tagged) two distinct tagged ones or (untagged) an
   * untagged one.
   */
  private static boolean enough(List<ImageSpec> images, boolean tagged) {
    Set<List<Object>> distinct = new HashSet<>();
    Set<List<Object>> distinctTagged = new HashSet<>();
    boolean untagged = false;
    for (ImageSpec i : images) {
      distinct.add(List.of(i.layers(), i.config()));
      if (i.tags().isEmpty()) {
        untagged = true;
      } else {
        distinctTagged.add(List.of(i.layers(), i.config()));
      }
    }
    return distinct.size() >= 2 && (tagged ? distinctTagged.size() >= 2 : untagged);
  }

  /**
   * The first image's parent added after the other images: untagged, the same config fields, every
   * layer but the first image's top one (which gets a layer first if it has none). Docker links
   * parents after loading every item, so the parent's place does not matter, and the first image
   * stays first for the quirks applied after this one.
   */
  static ArchiveSpec parent(ArchiveSpec spec) {
    ArchiveSpec with = firstWithLayer(spec);
    ImageSpec child = with.images().get(0);
    ImageSpec parent =
        new ImageSpec(
            List.of(), child.layers().subList(0, child.layers().size() - 1), child.config());
    return with.toBuilder().image(parent).build();
  }

  private static ConfigSpec labelled(ImageSpec image, String label) {
    Map<String, String> labels = new HashMap<>(image.config().labels());
    labels.put(SyntheticArchives.COPY_LABEL, label);
    ConfigSpec c = image.config();
    return new ConfigSpec(c.architecture(), c.os(), c.created(), c.env(), c.cmd(), labels);
  }

  /**
   * Why the spec cannot hold the shapes of the quirks it lists (of the families owned here), if it
   * cannot: the spec as materialised lacks what a listed quirk's shape needs, or two listed quirks
   * ask for contradictory encodings of the same thing.
   *
   * @param spec the effective spec
   * @return the reason, or empty
   */
  static Optional<String> whyInapplicable(ArchiveSpec spec) {
    for (Quirk q : spec.quirks()) {
      Optional<String> why = missing(q, spec);
      if (why.isPresent()) {
        return Optional.of(q.id() + " " + why.get());
      }
    }
    for (List<Quirk> group : EXCLUSIVE) {
      List<String> listed = group.stream().filter(spec::has).map(Quirk::id).toList();
      if (listed.size() > 1) {
        return Optional.of(
            "contradictory quirks: "
                + String.join(" and ", listed)
                + " shape the same part of the archive differently");
      }
    }
    return hidden(
            spec,
            List.of(Quirk.OCI_INDEX_MANIFESTS_NULL, Quirk.OCI_SELECTED_BLOB_MISSING),
            HIDDEN_BEHIND_THE_INDEX::contains,
            "hides the OCI manifest in which")
        .or(
            () ->
                hidden(
                    spec,
                    List.of(Quirk.MANIFEST_NULL, Quirk.MANIFEST_EMPTY_ARRAY),
                    q -> q != Quirk.NO_REPOSITORIES && OWNED.contains(q.family()),
                    "leaves manifest.json without the items in which"));
  }

  /** A quirk of {@code hiders} in the spec that hides another listed quirk's shape. */
  private static Optional<String> hidden(
      ArchiveSpec spec, List<Quirk> hiders, java.util.function.Predicate<Quirk> hides, String how) {
    for (Quirk hider : hiders) {
      for (Quirk q : spec.quirks()) {
        if (spec.has(hider) && q != hider && hides.test(q)) {
          return Optional.of(
              "contradictory quirks: " + hider.id() + " " + how + " " + q.id() + " has its shape");
        }
      }
    }
    return Optional.empty();
  }

  /** What the spec lacks for one quirk's shape, as the rest of a sentence. */
  private static Optional<String> missing(Quirk q, ArchiveSpec spec) {
    List<ImageSpec> images = spec.images();
    ImageSpec first = images.isEmpty() ? null : images.get(0);
    Dialect d = spec.dialect();
    return switch (q) {
      case DOCKER25_BLOB_PATHS -> needDialect(d, EnumSet.of(Dialect.DOCKER_HYBRID));
      case CONTAINERD_STORE_SPARSE_INDEX ->
          needDialect(d, EnumSet.of(Dialect.DOCKER_CONTAINERD_STORE));
      case CONTAINERD_COMPRESSED_DIGEST_PATHS -> {
        Optional<String> dialect =
            needDialect(d, EnumSet.of(Dialect.CONTAINERD, Dialect.DOCKER_CONTAINERD_STORE));
        yield dialect.isPresent() ? dialect : layersAre(spec, c -> c == Compression.GZIP, "gzip");
      }
      case OCI_REF_NAME_TAG,
          OCI_REF_NAME_FULL_REFERENCE,
          OCI_REF_NAME_DIGEST_REFERENCE,
          OCI_REF_NAME_INVALID ->
          needDialect(d, OCI_DIALECTS).or(() -> needTagged(images));
      case OCI_INDEX_MANIFESTS_NULL, OCI_DESCRIPTOR_SIZE_MISMATCH, OCI_SELECTED_BLOB_MISSING ->
          needDialect(d, OCI_DIALECTS).or(() -> needImage(first));
      case OCI_INDEX_MISSING_IMAGE ->
          needDialect(d, OCI_DIALECTS)
              .or(
                  () ->
                      distinctImages(spec) < 2
                          ? Optional.of("needs at least two images, the spec has fewer")
                          : images.stream().skip(1).allMatch(i -> i.tags().isEmpty())
                              ? Optional.of(
                                  "needs a tagged image after the first (an untagged one is"
                                      + " rightly left out of index.json), the spec has none")
                              : Optional.empty());
      case OCI_MANIFEST_NO_LAYERS ->
          needDialect(d, OCI_DIALECTS).or(() -> needImage(first)).or(() -> noLayers(first));
      case REPO_TAGS_NULL, REPO_TAGS_ABSENT, REPO_TAGS_EMPTY ->
          images.stream().anyMatch(i -> i.tags().isEmpty())
              ? Optional.empty()
              : Optional.of("needs an untagged image, but every image is tagged");
      case REPO_TAGS_STRING, REPO_TAGS_FAMILIAR -> needTagged(images);
      case MULTIPLE_IMAGES ->
          enough(images, true)
              ? Optional.empty()
              : Optional.of("needs two different tagged images, the spec has fewer");
      case UNTAGGED_BESIDE_TAGGED ->
          images.stream().anyMatch(i -> i.tags().isEmpty())
                  && images.stream().anyMatch(i -> !i.tags().isEmpty())
              ? Optional.empty()
              : Optional.of("needs a tagged and an untagged image");
      case PARENT_PRESENT ->
          hasParentPair(spec)
              ? Optional.empty()
              : Optional.of("needs an image whose layers start with all of another's");
      case LAYER_SOURCES_DOCKER_MEDIA_TYPES, LAYER_SOURCES_OCI_MEDIA_TYPES ->
          needDialect(d, EnumSet.of(Dialect.DOCKER_HYBRID))
              .or(() -> needFirstLayer(first))
              .or(() -> layersAre(spec, c -> c == Compression.GZIP, "gzip"));
      case ZSTD_LAYERS ->
          needFirstLayer(first).or(() -> layersAre(spec, c -> c == Compression.ZSTD, "zstd"));
      case RAW_TAR_LABELLED_GZIP ->
          needDialect(d, OCI_DIALECTS)
              .or(() -> needFirstLayer(first))
              .or(() -> layersAre(spec, c -> c == Compression.NONE, "uncompressed"));
      case FOREIGN_LAYER_URLS ->
          needImage(first)
              .or(
                  () ->
                      first.layers().isEmpty()
                              || stored(first.layers().get(0), d) != Compression.GZIP
                          ? Optional.of("needs a gzip first layer in the first image")
                          : Optional.empty());
      case IMAGE_WITHOUT_LAYERS -> needImage(first).or(() -> noLayers(first));
      case EMPTY_LAYER ->
          needImage(first)
              .or(
                  () ->
                      first.layers().stream().anyMatch(l -> l.files().isEmpty())
                          ? Optional.empty()
                          : Optional.of("needs an empty layer in the first image"));
      case LAYERS_AT_DOCKER_LIMIT -> layerCount(first, Quirk.DOCKER_MAX_LAYERS);
      case LAYERS_OVER_DOCKER_LIMIT -> layerCount(first, Quirk.DOCKER_MAX_LAYERS + 1);
      default -> Optional.empty();
    };
  }

  private static Optional<String> needDialect(Dialect d, Set<Dialect> allowed) {
    if (allowed.contains(d)) {
      return Optional.empty();
    }
    return Optional.of(
        "needs the dialect "
            + String.join(" or ", allowed.stream().map(Dialect::id).toList())
            + ", the spec is "
            + d.id());
  }

  private static Optional<String> needTagged(List<ImageSpec> images) {
    return images.stream().anyMatch(i -> !i.tags().isEmpty())
        ? Optional.empty()
        : Optional.of("needs a tagged image, but no image is tagged");
  }

  private static Optional<String> needFirstLayer(ImageSpec first) {
    return first == null || first.layers().isEmpty()
        ? Optional.of("needs a first image with layers")
        : Optional.empty();
  }

  private static Optional<String> needImage(ImageSpec first) {
    return first == null ? Optional.of("needs an image, the spec has none") : Optional.empty();
  }

  private static Optional<String> noLayers(ImageSpec first) {
    return first.layers().isEmpty()
        ? Optional.empty()
        : Optional.of("needs a first image without layers, it has " + first.layers().size());
  }

  private static Optional<String> layerCount(ImageSpec first, int count) {
    int actual = first == null ? 0 : first.layers().size();
    return actual == count
        ? Optional.empty()
        : Optional.of("needs a first image of " + count + " layers, it has " + actual);
  }

  private static Optional<String> layersAre(
      ArchiveSpec spec, java.util.function.Predicate<Compression> ok, String what) {
    for (ImageSpec image : spec.images()) {
      for (LayerSpec layer : image.layers()) {
        Compression c = stored(layer, spec.dialect());
        if (!ok.test(c)) {
          return Optional.of("needs " + what + " layers, but a layer is stored as " + c);
        }
      }
    }
    return Optional.empty();
  }

  private static Compression stored(LayerSpec layer, Dialect d) {
    return layer.compression() != null ? layer.compression() : d.defaultLayerCompression();
  }

  private static int distinctImages(ArchiveSpec spec) {
    Set<List<Object>> distinct = new HashSet<>();
    spec.images().forEach(i -> distinct.add(List.of(i.layers(), i.config())));
    return distinct.size();
  }

  private static boolean hasParentPair(ArchiveSpec spec) {
    List<ImageSpec> images = spec.images();
    for (int i = 0; i < images.size(); i++) {
      for (int j = 0; j < images.size(); j++) {
        if (isParent(images.get(j), images.get(i))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Docker's test: the same config fields, and the parent's layers a proper prefix. */
  static boolean isParent(ImageSpec parent, ImageSpec child) {
    return parent.config().equals(child.config())
        && parent.layers().size() < child.layers().size()
        && child.layers().subList(0, parent.layers().size()).equals(parent.layers());
  }
}
