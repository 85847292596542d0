package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * An archive shape that has broken real tools, named and documented: what it is, whether loaders
 * accept it ({@link QuirkValidity}), who writes it or what has broken on it, and how to build it
 * from any spec ({@link #applyTo(ArchiveSpec)}).
 *
 * <pre>{@code
 * ArchiveFixture fixture =
 *     SyntheticArchives.materialize(Quirk.OUTER_GZIP.spec(), dir.resolve("quirk.tar"));
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Quirk {
  /** Docker 25+: layers and config under {@code blobs/sha256/<hex>}, with {@code LayerSources}. */
  DOCKER25_BLOB_PATHS(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "DIA-3",
      "manifest.json names blobs/sha256/<hex> paths, with LayerSources, beside an OCI layout",
      "Docker 25+ docker save",
      "tools that expect <id>/layer.tar paths",
      List.of(),
      spec -> spec.withDialect(Dialect.DOCKER_HYBRID)),
  /**
   * Docker 29 with the containerd image store: {@code index.json} points at a nested index with an
   * attestation manifest and a platform whose blobs are absent.
   */
  CONTAINERD_STORE_SPARSE_INDEX(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "DIA-7",
      "index.json points at a nested index listing an absent platform and an attestation manifest",
      "Docker 29 with the containerd image store",
      "OCI readers that expect every indexed blob present",
      List.of(),
      spec -> spec.withDialect(Dialect.DOCKER_CONTAINERD_STORE)),
  /**
   * containerd's exporter: gzip layers stored under {@code blobs/sha256/<hex>} of their compressed
   * digest, so a layer's name is not its diffID.
   */
  CONTAINERD_COMPRESSED_DIGEST_PATHS(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "DIA-4",
      "gzip layers are named by the digest of their compressed bytes, not by their diffID",
      "containerd's ctr images export and nerdctl save; Docker 29 with the containerd store",
      "readers that take a layer's file name for its diffID",
      List.of(),
      spec -> QuirkShapes.allLayers(spec.withDialect(Dialect.CONTAINERD), Compression.GZIP)),
  /**
   * {@code index.json} says {@code "manifests": null}: early Docker 25.0 releases wrote it when an
   * image was saved by digest or ID. The OCI image spec requires an array.
   */
  OCI_INDEX_MANIFESTS_NULL(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.DEFECT,
      "OCI-1",
      "index.json has \"manifests\": null, so the OCI side lists none of manifest.json's images",
      "early Docker 25.0 releases: docker save IMAGE@DIGEST",
      "OCI layout readers (containerd import, skopeo oci-archive:) that find no image",
      List.of("https://github.com/moby/moby/issues/47210"),
      spec -> QuirkShapes.withImage(QuirkShapes.oci(spec))),
  /**
   * {@code index.json} lists fewer images than {@code manifest.json}: the last item has no
   * descriptor (early Docker 25.0 releases left out images saved by ID). A second image is added to
   * a spec of one.
   */
  OCI_INDEX_MISSING_IMAGE(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.DEFECT,
      "OCI-1",
      "index.json has no descriptor for the last image manifest.json lists",
      "early Docker 25.0 releases: docker save of an image by ID or digest",
      "loaders that read index.json (Docker and nerdctl with the containerd store) and lose it",
      List.of("https://github.com/moby/moby/pull/47232", "https://github.com/moby/moby/pull/47294"),
      spec -> QuirkShapes.secondImage(QuirkShapes.oci(spec), "oci-index-missing-image", false)),
  /**
   * {@code org.opencontainers.image.ref.name} holds the tag alone ({@code 1}), as the OCI image
   * layout's implementor's note suggests, beside the full name in {@code io.containerd.image.name}.
   */
  OCI_REF_NAME_TAG(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "OCI-4",
      "org.opencontainers.image.ref.name is the bare tag, the full name is in io.containerd.image.name",
      "Docker 25+ docker save, containerd's exporter",
      "tools that take ref.name for a whole image reference",
      List.of(),
      spec -> QuirkShapes.tagFirst(QuirkShapes.oci(spec))),
  /** {@code org.opencontainers.image.ref.name} holds a whole reference ({@code host/name:tag}). */
  OCI_REF_NAME_FULL_REFERENCE(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "OCI-4",
      "org.opencontainers.image.ref.name is a fully qualified reference, not a tag",
      "skopeo and podman oci: and oci-archive: (containers/image), BuildKit's oci exporter,"
          + " rules_oci",
      "registries and tools that expect a tag alone (zot, umoci)",
      List.of(
          "https://github.com/moby/buildkit/issues/4615",
          "https://github.com/opencontainers/umoci/issues/439",
          "https://github.com/containers/image/pull/318"),
      spec -> QuirkShapes.tagFirst(QuirkShapes.oci(spec))),
  /**
   * {@code org.opencontainers.image.ref.name} holds a digest reference ({@code
   * host/name@sha256:<manifest hex>}), which the OCI grammar allows.
   */
  OCI_REF_NAME_DIGEST_REFERENCE(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "OCI-4",
      "org.opencontainers.image.ref.name is a name@sha256:<hex> reference to the image manifest",
      "containerd's ctr images export of an image named by digest",
      "tools that read ref.name as a tag",
      List.of("https://github.com/containerd/containerd/pull/13167"),
      spec -> QuirkShapes.tagFirst(QuirkShapes.oci(spec))),
  /**
   * {@code org.opencontainers.image.ref.name} outside the OCI grammar: {@code @sha256:<hex>} starts
   * with a separator (the object part of a digest reference, as containerd's exporter wrote for an
   * image named by digest).
   */
  OCI_REF_NAME_INVALID(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.DEFECT,
      "OCI-4",
      "org.opencontainers.image.ref.name is @sha256:<hex>, which the OCI ref grammar does not allow",
      "containerd's ctr images export of an image named only by digest",
      "OCI layout validators and tools that parse ref.name",
      List.of("https://github.com/containerd/containerd/pull/13167"),
      spec -> QuirkShapes.tagFirst(QuirkShapes.oci(spec))),
  /** An OCI image manifest with {@code "layers": []}: an image of metadata only. */
  OCI_MANIFEST_NO_LAYERS(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.VALID,
      "DIA-3",
      "the first image's OCI manifest has an empty layers array (and manifest.json no Layers)",
      "Docker 25+ docker save of a FROM scratch image with only metadata instructions",
      "OCI tools following image-spec 1.0, which asked for at least one layer",
      List.of(),
      spec ->
          QuirkShapes.firstImage(
              QuirkShapes.oci(spec), i -> new ImageSpec(i.tags(), List.of(), i.config()))),
  /** A descriptor in the first image's OCI manifest whose size is not its blob's (one more). */
  OCI_DESCRIPTOR_SIZE_MISMATCH(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.DEFECT,
      "OCI-2",
      "the first image's OCI manifest gives its first layer (or its config) a size one byte too big",
      "hand-edited/buggy writers",
      "content stores that check sizes (containerd import: unexpected EOF or size mismatch)",
      List.of(),
      spec -> QuirkShapes.withImage(QuirkShapes.oci(spec))),
  /**
   * The OCI manifest that {@code index.json} (or the image's nested index) names for the first
   * image is not in the archive: a blob a selected image needs is absent, unlike the absent blobs
   * of platforms nobody selects ({@link #CONTAINERD_STORE_SPARSE_INDEX}).
   */
  OCI_SELECTED_BLOB_MISSING(
      QuirkFamily.OCI_LAYOUT,
      QuirkValidity.DEFECT,
      "OCI-3",
      "the first image's own OCI manifest blob is absent, though index.json leads to it",
      "hand-edited/buggy writers",
      "loaders that read index.json (containerd import: blob not found)",
      List.of(),
      spec -> QuirkShapes.withImage(QuirkShapes.oci(spec))),

  /** {@code "RepoTags": null} for an untagged image, as Docker writes it. */
  REPO_TAGS_NULL(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "SEL-6",
      "the first image is untagged and its RepoTags is null",
      "Docker docker save IMAGE-ID, go-containerregistry for an untagged image",
      "tools that iterate RepoTags without a null check, or lose the image's name",
      List.of("https://github.com/concourse/docker-image-resource/issues/201"),
      QuirkShapes::untagFirst),
  /** The {@code RepoTags} key left out for an untagged image. */
  REPO_TAGS_ABSENT(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "ARC-2",
      "the first image is untagged and its item has no RepoTags key",
      "hand-edited/buggy writers",
      "parsers that require every key of Docker's item",
      List.of(),
      QuirkShapes::untagFirst),
  /** {@code "RepoTags": []} for an untagged image, as containers/image writes it. */
  REPO_TAGS_EMPTY(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "SEL-6",
      "the first image is untagged and its RepoTags is an empty array",
      "skopeo and podman (containers/image), Jib, for an untagged image",
      "tools that take RepoTags[0] without a length check",
      List.of(),
      QuirkShapes::untagFirst),
  /**
   * {@code "RepoTags": "name:tag"}, a string where Go's {@code []ManifestItem} expects a list: Go's
   * decoder fails on the whole document, so Docker, skopeo and podman load nothing.
   */
  REPO_TAGS_STRING(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.DEFECT,
      "ARC-11",
      "the first tagged item's RepoTags is a JSON string instead of an array",
      "hand-edited/buggy writers",
      "every Go loader: json: cannot unmarshal string into Go struct field RepoTags",
      List.of(),
      QuirkShapes::tagFirst),
  /**
   * Short, un-normalised tags ({@code quirk:1}, meaning {@code docker.io/library/quirk:1}), as
   * Docker writes familiar names.
   */
  REPO_TAGS_FAMILIAR(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "SEL-2",
      "RepoTags hold familiar, un-normalised names such as quirk:1",
      "Docker docker save (familiar names for Docker Hub images)",
      "readers that compare tags as strings without Docker's normalisation",
      List.of(),
      QuirkShapes::familiarFirstTag),
  /** Several tagged images in one archive (a second is added to a spec of one). */
  MULTIPLE_IMAGES(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "SEL-2",
      "manifest.json lists several tagged images",
      "docker save IMAGE IMAGE..., podman save -m",
      "loaders that take the only item (skopeo without a reference: expected 1 item, got 2)",
      List.of(),
      spec -> QuirkShapes.secondImage(spec, "multiple-images", true)),
  /** An untagged image beside a tagged one, reachable by index only (SEL-6). */
  UNTAGGED_BESIDE_TAGGED(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "SEL-6",
      "manifest.json lists a tagged image and an untagged one",
      "docker save of a tag and an image ID together",
      "tools that select images by tag only",
      List.of(),
      spec -> QuirkShapes.secondImage(QuirkShapes.tagFirst(spec), "untagged-beside-tagged", false)),
  /** The whole {@code manifest.json} is {@code null}: zero items (ARC-2), nothing to load. */
  MANIFEST_NULL(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.DEFECT,
      "ARC-13",
      "manifest.json is the JSON null, though the blobs are in the archive",
      "Go writers marshalling a nil slice of items; hand-edited/buggy writers",
      "loaders that expect an array, and skopeo: expected 1 item, got 0",
      List.of(),
      QuirkShapes::withImage),
  /** The whole {@code manifest.json} is {@code []}: zero items, nothing to load. */
  MANIFEST_EMPTY_ARRAY(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.DEFECT,
      "ARC-13",
      "manifest.json is an empty array, though the blobs are in the archive",
      "hand-edited/buggy writers",
      "loaders that take the first item without a check; skopeo: expected 1 item, got 0",
      List.of(),
      QuirkShapes::withImage),
  /** Items with keys Docker does not know, which Go's decoder ignores. */
  MANIFEST_UNKNOWN_KEYS(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "ARC-2",
      "every item has keys Docker's item does not define (Comment, Annotations)",
      "newer producers adding fields",
      "strict decoders that refuse unknown properties (Jib: Unrecognized field LayerSources)",
      List.of("https://github.com/GoogleContainerTools/jib/issues/2288"),
      QuirkShapes::withImage),
  /** No {@code repositories} file: only {@code manifest.json} names the images. */
  NO_REPOSITORIES(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "ARC-3",
      "the archive has no repositories file",
      "containerd's exporter, go-containerregistry, Jib, Docker 25+ for untagged images",
      "pre-manifest.json tools and scripts that read repositories",
      List.of("https://github.com/larsks/undocker/issues/7"),
      QuirkShapes::withImage),
  /** Lower-case keys {@code config}, {@code repoTags}, {@code layers}; Go matches them. */
  LOWER_CASE_KEYS(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "ARC-2",
      "the items' keys are config, repoTags and layers (Go's decoder matches case-insensitively)",
      "Jib before 2.3",
      "case-sensitive parsers that find no Config",
      List.of(
          "https://github.com/GoogleContainerTools/jib/issues/2430",
          "https://github.com/GoogleContainerTools/jib/pull/2454"),
      QuirkShapes::withImage),
  /**
   * An item with {@code "Parent": "sha256:<config digest>"} naming an earlier item whose layers
   * start the child's (Docker's {@code validatedParentLinks}); the parent image is added before the
   * first image, untagged.
   */
  PARENT_PRESENT(
      QuirkFamily.MANIFEST_JSON,
      QuirkValidity.VALID,
      "ARC-2",
      "an item names its parent image, also in the archive, in a Parent key",
      "Docker docker save of an image together with its parent",
      "parsers that refuse unknown keys, tools that load items out of order",
      List.of(),
      QuirkShapes::parent),

  /**
   * {@code LayerSources} descriptors spelled as Docker schema 2 does: {@code
   * application/vnd.docker.image.rootfs.diff.tar.gzip}, gzip layers.
   */
  LAYER_SOURCES_DOCKER_MEDIA_TYPES(
      QuirkFamily.MEDIA_TYPES,
      QuirkValidity.VALID,
      "SRC-9",
      "LayerSources descriptors use Docker schema 2's ...diff.tar.gzip spelling for gzip layers",
      "Docker's LayerSources before 25 (schema 2 media types)",
      "readers that only know the OCI spelling tar+gzip",
      List.of(),
      spec -> QuirkShapes.allLayers(spec.withDialect(Dialect.DOCKER_HYBRID), Compression.GZIP)),
  /**
   * {@code LayerSources} descriptors spelled as OCI does: {@code
   * application/vnd.oci.image.layer.v1.tar+gzip}, gzip layers.
   */
  LAYER_SOURCES_OCI_MEDIA_TYPES(
      QuirkFamily.MEDIA_TYPES,
      QuirkValidity.VALID,
      "SRC-9",
      "LayerSources descriptors use the OCI spelling ...tar+gzip for gzip layers",
      "Docker 25+ docker save",
      "readers that only know Docker schema 2 spellings",
      List.of(),
      spec -> QuirkShapes.allLayers(spec.withDialect(Dialect.DOCKER_HYBRID), Compression.GZIP)),
  /** zstd-compressed layers, {@code tar+zstd} in the OCI descriptors. */
  ZSTD_LAYERS(
      QuirkFamily.MEDIA_TYPES,
      QuirkValidity.VALID,
      "ARC-5",
      "every layer is zstd-compressed (application/vnd.oci.image.layer.v1.tar+zstd)",
      "BuildKit and buildx with compression=zstd, podman push --compression-format zstd",
      "Docker before 20.10, and tools that detect gzip only",
      List.of(
          "https://github.com/moby/moby/issues/28394", "https://github.com/moby/moby/pull/41759"),
      spec -> QuirkShapes.allLayers(spec, Compression.ZSTD)),
  /** Uncompressed layers whose OCI descriptors say {@code tar+gzip}: the label lies. */
  RAW_TAR_LABELLED_GZIP(
      QuirkFamily.MEDIA_TYPES,
      QuirkValidity.VALID,
      "ARC-5",
      "uncompressed layers are labelled tar+gzip in the OCI manifest and LayerSources",
      "Bazel rules (rules_oci, rules_docker) that skip compression but keep the gzip label",
      "loaders that trust the media type and gunzip (invalid header)",
      List.of(),
      spec -> QuirkShapes.allLayers(QuirkShapes.oci(spec), Compression.NONE)),
  /**
   * A foreign (non-distributable) layer: {@code LayerSources} gives the first layer the media type
   * {@code application/vnd.docker.image.rootfs.foreign.diff.tar.gzip} and a URL, as Docker saves
   * Windows base layers; the layer's bytes are in the archive all the same.
   */
  FOREIGN_LAYER_URLS(
      QuirkFamily.MEDIA_TYPES,
      QuirkValidity.VALID,
      "SRC-9",
      "LayerSources describes the first layer as a foreign layer with urls",
      "Docker docker save of Windows images (foreign base layers)",
      "parsers that do not know LayerSources; pushers that upload foreign layers",
      List.of(
          "https://github.com/GoogleContainerTools/jib/issues/2288",
          "https://github.com/moby/moby/pull/22866"),
      spec -> QuirkShapes.firstLayer(spec, Compression.GZIP)),

  /** An image without layers ({@code Layers: []}, empty {@code diff_ids}). */
  IMAGE_WITHOUT_LAYERS(
      QuirkFamily.LAYER_COUNT,
      QuirkValidity.VALID,
      "ARC-2",
      "the first image has no layers at all",
      "builders of FROM scratch images with only metadata; crane mutate",
      "readers that assume at least one layer",
      List.of(),
      spec -> QuirkShapes.firstImage(spec, i -> new ImageSpec(i.tags(), List.of(), i.config()))),
  /** A layer that is an empty tar: two zero blocks, 1024 bytes. */
  EMPTY_LAYER(
      QuirkFamily.LAYER_COUNT,
      QuirkValidity.VALID,
      "ARC-10",
      "the first image's top layer is an empty tar (two zero blocks)",
      "builders that commit a layer for a step that changes no file (Kaniko, Docker before 1.10)",
      "layer readers that expect at least one entry",
      List.of(),
      spec ->
          QuirkShapes.firstImage(
              spec,
              i -> {
                List<LayerSpec> layers = new java.util.ArrayList<>(i.layers());
                layers.add(new LayerSpec(List.of(), null));
                return new ImageSpec(i.tags(), layers, i.config());
              })),
  /**
   * Exactly {@value #DOCKER_MAX_LAYERS} layers, the most Docker's layer store chains: Docker 20.10
   * loads it.
   */
  LAYERS_AT_DOCKER_LIMIT(
      QuirkFamily.LAYER_COUNT,
      QuirkValidity.VALID,
      "ARC-14",
      "the first image has exactly 125 layers, the most docker load accepts",
      "images built with many RUN steps",
      "graph drivers with lower limits (aufs: 127 including the container's two)",
      List.of(),
      spec -> QuirkShapes.layerCount(spec, Quirk.DOCKER_MAX_LAYERS)),
  /**
   * {@value #DOCKER_MAX_LAYERS} + 1 layers: Docker's layer store refuses the 126th ({@code max
   * depth exceeded}); skopeo and podman load it.
   */
  LAYERS_OVER_DOCKER_LIMIT(
      QuirkFamily.LAYER_COUNT,
      QuirkValidity.DEFECT,
      "ARC-14",
      "the first image has 126 layers, one more than docker load accepts",
      "builders that stack many layers (FROM chains, image squash tools left unused)",
      "docker load and docker pull: failed to register layer: max depth exceeded",
      List.of(
          "https://github.com/moby/moby/issues/25957",
          "https://github.com/moby/moby/issues/20298",
          "https://github.com/docker/for-linux/issues/414"),
      spec -> QuirkShapes.layerCount(spec, Quirk.DOCKER_MAX_LAYERS + 1)),
  /** The whole archive gzip-compressed. */
  OUTER_GZIP(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the whole archive is gzip-compressed (docker save | gzip)",
      "users, CI pipelines, Bazel rules",
      "readers that open the archive as a plain tar",
      List.of(),
      spec -> spec.toBuilder().compression(Compression.GZIP).build()),
  /** A layer path is a symlink that leaves the archive. */
  REPEATED_LAYER_SYMLINK_ESCAPES(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.DEFECT,
      "SAFE-2",
      "a Layers path is a symlink pointing outside the archive",
      "hand-edited and hostile archives",
      "loaders that follow links without checking where they lead",
      List.of(),
      spec -> spec.withCorruption(Corruption.SYMLINK_ESCAPE));

  /**
   * The most layers one image can have for Docker to load it: {@code maxLayerDepth = 125} in moby's
   * {@code layer/layer_store.go} ("125 was chosen to account for the 127 max in some graphdrivers
   * plus the 2 additional layers used to create a rwlayer"); registering a layer whose parent chain
   * is already this deep fails with {@code max depth exceeded}. Measured with Docker 20.10.24 (vfs
   * driver): an image of 125 layers loads, one of 126 does not.
   */
  public static final int DOCKER_MAX_LAYERS = 125;

  private final QuirkFamily family;
  private final QuirkValidity validity;
  private final String rule;
  private final String description;
  private final String writtenBy;
  private final String broke;
  private final List<URI> reports;
  private final UnaryOperator<ArchiveSpec> shape;

  Quirk(
      QuirkFamily family,
      QuirkValidity validity,
      String rule,
      String description,
      String writtenBy,
      String broke,
      List<String> reports,
      UnaryOperator<ArchiveSpec> shape) {
    this.family = family;
    this.validity = validity;
    this.rule = rule;
    this.description = description;
    this.writtenBy = writtenBy;
    this.broke = broke;
    this.reports = reports.stream().map(URI::create).toList();
    this.shape = shape;
  }

  /**
   * The simplest spec a quirk is applied to: one tagged image of two small layers, in the {@code
   * containers-image} dialect.
   *
   * @return the spec
   */
  public static ArchiveSpec baseSpec() {
    return ArchiveSpec.builder()
        .image(List.of("example.com/quirk:1"), LayerSpec.filler(512), LayerSpec.filler(64))
        .seed(1)
        .build();
  }

  /**
   * The quirk applied to {@link #baseSpec()}: the simplest archive that shows it.
   *
   * @return the spec
   */
  public ArchiveSpec spec() {
    return applyTo(baseSpec());
  }

  /**
   * The quirk applied to a spec: the same images, shaped as the quirk says (a quirk that needs
   * something the spec lacks, such as a repeated layer, adds it), with the quirk listed in {@link
   * ArchiveSpec#quirks()}. Quirks combine: applying several gives an archive with every shape.
   *
   * @param spec the spec to shape
   * @return the shaped spec
   */
  public ArchiveSpec applyTo(ArchiveSpec spec) {
    return shape.apply(spec).withQuirk(this);
  }

  /**
   * The part of an archive the quirk shapes.
   *
   * @return the family
   */
  public QuirkFamily family() {
    return family;
  }

  /**
   * Whether loaders accept the shape.
   *
   * @return valid or defect
   */
  public QuirkValidity validity() {
    return validity;
  }

  /**
   * The rule of docs/rules.md the shape falls under: for a defect, the rule {@code verify} reports
   * it under; for a valid quirk, the rule that allows it.
   *
   * @return a rule ID, for example {@code SAFE-2}
   */
  public String rule() {
    return rule;
  }

  /**
   * What the shape is, in one sentence.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Which producers write the shape.
   *
   * @return for example {@code Docker 25+ docker save}
   */
  public String writtenBy() {
    return writtenBy;
  }

  /**
   * Which kinds of tool have broken on the shape.
   *
   * @return the tools
   */
  public String broke() {
    return broke;
  }

  /**
   * Public bug reports about the shape.
   *
   * @return links, possibly none
   */
  public List<URI> reports() {
    return reports;
  }

  /**
   * The quirk's name in docs and on the command line.
   *
   * @return for example {@code outer-gzip}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Finds a quirk by its {@link #id()} or constant name, ignoring case.
   *
   * @param text for example {@code outer-gzip}
   * @return the quirk
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Quirk parse(String text) {
    StringBuilder ids = new StringBuilder();
    for (Quirk q : values()) {
      if (q.id().equalsIgnoreCase(text) || q.name().equalsIgnoreCase(text)) {
        return q;
      }
      ids.append(ids.length() == 0 ? "" : ", ").append(q.id());
    }
    throw new IllegalArgumentException("unknown quirk \"" + text + "\"; expected one of " + ids);
  }
}
