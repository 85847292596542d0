package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.net.URI;
import java.util.ArrayList;
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
      "index.json has no descriptor for the last tagged image manifest.json lists",
      "early Docker 25.0 releases: docker save of an image by ID or digest",
      "loaders that read index.json (Docker and nerdctl with the containerd store) and lose it",
      List.of("https://github.com/moby/moby/pull/47232", "https://github.com/moby/moby/pull/47294"),
      spec -> QuirkShapes.secondImage(QuirkShapes.oci(spec), "oci-index-missing-image", true)),
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
  /**
   * The whole archive gzip-compressed. ARC-1 allows it and Docker loads it; skopeo 1.9.3 and podman
   * 4.3.1 as Debian 12 packages them fail on every gzip-compressed {@code docker-archive:} (also on
   * plain {@code gzip -c} output) with {@code loading tar component manifest.json: unexpected EOF},
   * while they read the same archive compressed with xz, bzip2 or zstd.
   */
  OUTER_GZIP(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the whole archive is gzip-compressed (docker save | gzip)",
      "users, CI pipelines, Bazel rules",
      "readers that open the archive as a plain tar; skopeo 1.9.3 and podman 4.3.1 of Debian 12"
          + " (unexpected EOF on every gzip-compressed docker-archive)",
      List.of(),
      spec -> spec.toBuilder().compression(Compression.GZIP).build()),
  // OUTER_TAR: the outer tar's names, directory entries, headers, order, end and compression.
  /** Every entry name starts with {@code ./}, as {@code tar -C dir -cf out.tar .} writes it. */
  OUTER_DOT_SLASH_NAMES(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-4",
      "every entry name of the outer tar starts with ./ while manifest.json names them without it",
      "archives repacked with tar -C dir -cf out.tar .",
      "readers that compare entry names without cleaning them",
      List.of(),
      spec -> spec),
  /** A {@code ./} directory entry for the archive root comes first. */
  OUTER_DOT_ENTRY(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-3",
      "the outer tar starts with a ./ directory entry for the archive root",
      "archives repacked with tar -C dir -cf out.tar .",
      "readers that treat every entry as a file or refuse the name .",
      List.of(),
      spec -> spec),
  /** A directory entry before the first entry of each directory, where the dialect writes none. */
  OUTER_DIRECTORY_ENTRIES(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-3",
      "every directory of the outer tar has its own directory entry before its first member",
      "Docker up to 24 docker save, archives repacked with tar",
      "readers that expect only regular files and symlinks",
      List.of(),
      spec -> spec),
  /** The Docker-legacy layout without its directory entries. */
  OUTER_NO_DIRECTORY_ENTRIES(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-3",
      "the docker-legacy layout with its <id>/ directory entries left out",
      "hand-edited archives, archivers that store files only",
      "loaders that create a file's directory only from its directory entry",
      List.of(),
      spec -> spec.withDialect(Dialect.DOCKER_LEGACY)),
  /**
   * The whole archive zstd-compressed. ARC-1 allows it, skopeo, podman and Docker 23+ load it;
   * Docker before 23 does not know zstd.
   */
  OUTER_ZSTD(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the whole archive is zstd-compressed (docker save | zstd)",
      "users, CI pipelines",
      "docker load before Docker 23 (Docker 20.10: archive/tar: invalid tar header)",
      List.of(
          "https://github.com/rancher-sandbox/rancher-desktop-wsl-distro/pull/50",
          "https://github.com/docker/cli/pull/4667"),
      spec -> spec.toBuilder().compression(Compression.ZSTD).build()),
  /** The whole archive xz-compressed. */
  OUTER_XZ(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the whole archive is xz-compressed (docker save | xz)",
      "users, CI pipelines",
      "readers that detect only gzip",
      List.of(),
      spec -> spec.toBuilder().compression(Compression.XZ).build()),
  /** The whole archive bzip2-compressed. */
  OUTER_BZIP2(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the whole archive is bzip2-compressed (docker save | bzip2)",
      "users, CI pipelines",
      "readers that detect only gzip",
      List.of(),
      spec -> spec.toBuilder().compression(Compression.BZIP2).build()),
  /** A PAX extended header with {@code path} and {@code mtime} before every outer entry. */
  OUTER_PAX_HEADERS(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "a PAX extended header with path and mtime records precedes every entry of the outer tar",
      "archives repacked with tar --format=posix or bsdtar",
      "readers that take the PAX header for an entry",
      List.of(),
      spec -> spec),
  /** The config under a path over 100 bytes, written with a GNU {@code L} header. */
  OUTER_GNU_LONG_NAMES(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the config's path is over 100 bytes and written with a GNU ././@LongLink header",
      "archives repacked with GNU tar",
      "readers that know only ustar names",
      List.of(),
      spec -> spec),
  /** The config under a path over 100 bytes, written with a PAX {@code path} record. */
  OUTER_PAX_LONG_NAMES(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-1",
      "the config's path is over 100 bytes and written with a PAX path record",
      "archives repacked with tar --format=posix, Go's archive/tar",
      "readers that know only ustar names",
      List.of(),
      spec -> spec),
  /**
   * Non-zero bytes after the end-of-archive marker: loaders ignore them, {@code verify} warns
   * (ARC-9, a warning).
   */
  OUTER_TRAILING_DATA(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-9",
      "a block of text follows the end-of-archive marker and its zero padding to a whole"
          + " 10240-byte record",
      "archives concatenated or appended to by scripts",
      "readers that read on past the end-of-archive marker",
      List.of(),
      spec -> spec),
  /** The outer tar zero-padded to a whole 10240-byte record, as GNU tar and bsdtar write it. */
  OUTER_RECORD_PADDING(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "ARC-9",
      "zero blocks after the end-of-archive marker pad the outer tar to a whole 10240-byte record",
      "GNU tar, bsdtar",
      "readers that take padding after the marker for data",
      List.of(),
      spec -> spec),
  /** {@code manifest.json} is the first entry. */
  OUTER_MANIFEST_FIRST(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "RD-2",
      "manifest.json is the first entry of the outer tar",
      "streaming writers that know every digest up front",
      "readers that assume the blobs come before manifest.json",
      List.of(),
      spec -> spec),
  /** {@code manifest.json} is the last entry, as go-containerregistry writes it. */
  OUTER_MANIFEST_LAST(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "RD-2",
      "manifest.json is the last entry of the outer tar",
      "go-containerregistry tarball.Write (crane, kaniko)",
      "streaming readers that need manifest.json before the blobs",
      List.of("https://github.com/containers/image/issues/1317"),
      spec -> spec),
  /**
   * An uncompressed layer of 8 GiB and more (two files of 4 GiB zeros on top), so that its outer
   * entry's size needs a PAX {@code size} record, as Go's Writer (Docker's {@code docker save})
   * writes it; the members themselves fit their octal fields. The archive file holds the zeros as a
   * hole, so it is small on disk. {@link #expensive() Expensive}: 8 GiB are hashed and read.
   */
  OUTER_8_GIB_ENTRY(
      QuirkFamily.OUTER_TAR,
      QuirkValidity.VALID,
      "WR-14",
      "an uncompressed layer of 8 GiB or more is an outer entry whose size needs a PAX size record",
      "Docker's docker save and Go's archive/tar of an image with a layer of 8 GiB or more",
      "image tar writers and readers that know only ustar's 11 octal digits of size",
      List.of("https://github.com/TencentBlueKing/bk-repo/issues/336"),
      expensiveShape(Quirk::withEightGibLayer)),
  // LAYER_TAR: the members of layer tars.
  /** An opaque whiteout {@code dir/.wh..wh..opq} hides a lower layer's directory content. */
  LAYER_OPAQUE_WHITEOUT(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds an opaque whiteout .wh..wh..opq for a directory of the layer below",
      "Docker and BuildKit image builds",
      "layer extractors that take whiteouts for files",
      List.of(
          "https://github.com/concourse/registry-image-resource/pull/284",
          "https://github.com/h33333333/xray/issues/29"),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(FileSpec.directory("opaque"), FileSpec.file("opaque/old.txt", 10)),
              LayerSpec.of(
                  FileSpec.directory("opaque"),
                  FileSpec.opaqueWhiteout("opaque"),
                  FileSpec.file("opaque/new.txt", 12)))),
  /** A whiteout {@code .wh.<name>} deletes a lower layer's file. */
  LAYER_WHITEOUT(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds a whiteout .wh.<name> deleting a file of the layer below",
      "Docker and BuildKit image builds",
      "layer extractors that take whiteouts for files",
      List.of("https://github.com/tern-tools/tern/pull/658"),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(FileSpec.file("deleted.txt", 10)),
              LayerSpec.of(FileSpec.whiteout("deleted.txt")))),
  /** A whiteout deletes a whole directory of a lower layer. */
  LAYER_WHITEOUT_DIRECTORY(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds a whiteout .wh.<dir> deleting a directory, with its files, of the layer below",
      "Docker and BuildKit image builds (RUN rm -r)",
      "layer extractors that delete only files",
      List.of(),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(FileSpec.directory("gone"), FileSpec.file("gone/file.txt", 10)),
              LayerSpec.of(FileSpec.whiteout("gone")))),
  /** A whiteout of a name that starts with a dot: {@code .wh..hidden}. */
  LAYER_WHITEOUT_DOT_NAME(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds .wh..hidden, the whiteout of the dot file .hidden, which looks like a"
          + " whiteout meta file",
      "Docker and BuildKit image builds",
      "layer extractors that take every .wh..* name for a meta file such as the opaque marker",
      List.of(),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(FileSpec.file(".hidden", 10)),
              LayerSpec.of(FileSpec.whiteout(".hidden")))),
  /** A hard link whose target comes later in the layer: extraction fails. */
  LAYER_HARDLINK_BEFORE_TARGET(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.DEFECT,
      "LAY-2",
      "a layer's hard link comes before the member it links to",
      "hand-edited and buggy layer writers",
      "docker load and podman load (link: no such file or directory): the target does not"
          + " exist yet when the link is made",
      List.of(),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(
                  FileSpec.hardlink("link.bin", "target.bin"), FileSpec.file("target.bin", 16)))),
  /** A hard link after its target, as tar writes one. */
  LAYER_HARDLINK_AFTER_TARGET(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds a hard link to an earlier member",
      "Docker and BuildKit image builds, tar",
      "layer readers that expect only files, directories and symlinks",
      List.of(),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(
                  FileSpec.file("target.bin", 16), FileSpec.hardlink("link.bin", "target.bin")))),
  /** The same member name twice in one layer, with different content. */
  LAYER_DUPLICATE_MEMBERS(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.DEFECT,
      "LAY-1",
      "a layer holds the same member name twice with different content (the last wins on"
          + " extraction)",
      "layer writers that append, hand-edited layers",
      "docker load and podman load (tar-split: duplicates of file paths not supported), and"
          + " scanners that index a layer by name and see the first copy",
      List.of("https://github.com/podman-container-tools/podman/issues/19407"),
      spec ->
          withTopLayers(
              spec, LayerSpec.of(FileSpec.file("twice.txt", 8), FileSpec.file("twice.txt", 12)))),
  /** A member name over 100 bytes in a PAX {@code path} record. */
  LAYER_PAX_LONG_NAME(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer member's name is over 100 bytes and written in a PAX path record",
      "Go's archive/tar (Docker, BuildKit, containerd), tar --format=posix",
      "layer readers that know only ustar names",
      List.of(),
      longName(MemberFormat.PAX)),
  /** A member name over 100 bytes in a GNU {@code ././@LongLink} ({@code L}) entry. */
  LAYER_GNU_LONG_NAME(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer member's name is over 100 bytes and written in a GNU ././@LongLink entry",
      "GNU tar, rules_docker and other GNU-format layer writers",
      "layer readers that know only ustar or PAX names",
      List.of("https://github.com/vbatts/tar-split/issues/7"),
      longName(MemberFormat.GNU)),
  /** A member name over 100 bytes split into the ustar prefix and name fields. */
  LAYER_USTAR_PREFIX_NAME(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer member's name is over 100 bytes and split into the ustar prefix and name fields",
      "Go's archive/tar, Python's tarfile and other ustar writers",
      "layer readers that ignore the ustar prefix field",
      List.of(),
      longName(MemberFormat.USTAR)),
  /** A symlink target over 100 bytes in a PAX {@code linkpath} record. */
  LAYER_PAX_LONG_LINK_TARGET(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer symlink's target is over 100 bytes and written in a PAX linkpath record",
      "Go's archive/tar (Docker, BuildKit, containerd)",
      "layer readers that take the link target from the ustar field",
      List.of(),
      longLinkTarget(MemberFormat.PAX)),
  /** A symlink target over 100 bytes in a GNU {@code ././@LongLink} ({@code K}) entry. */
  LAYER_GNU_LONG_LINK_TARGET(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer symlink's target is over 100 bytes and written in a GNU K entry",
      "GNU tar and GNU-format layer writers",
      "layer readers that take the link target from the ustar field",
      List.of(),
      longLinkTarget(MemberFormat.GNU)),
  /**
   * A PAX {@code path} record with an empty value: Go's reader keeps the ustar name (an empty value
   * deletes the record).
   */
  LAYER_EMPTY_PAX_VALUE(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer member's PAX header holds a path record with an empty value, so the ustar name"
          + " stands",
      "hand-edited layers, PAX writers that clear a record instead of dropping it",
      "layer readers that take the empty path for the member's name",
      List.of(),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(
                  FileSpec.file("empty-pax-path.txt", 8)
                      .withHeader(MemberHeader.of(MemberFormat.PAX).withPaxRecord("path", ""))))),
  /** A member name in ISO-8859-1, not UTF-8. */
  LAYER_LATIN1_NAME(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer member's name holds a Latin-1 byte (0xE9) that is not valid UTF-8",
      "layers packed on Latin-1 file systems, old tars",
      "layer readers that decode names as UTF-8 and fail or replace the byte",
      List.of("https://github.com/quay/claircore/pull/985"),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(
                  FileSpec.file("caf\u00e9.txt", 8)
                      .withHeader(
                          MemberHeader.of(MemberFormat.USTAR)
                              .withEncoding(NameEncoding.LATIN_1))))),
  /** Member names with a {@code ./} prefix and a {@code ./} member for the layer root. */
  LAYER_DOT_SLASH_MEMBERS(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer's members start with ./, a ./ member for the root among them",
      "layers packed with tar -C dir -cf layer.tar .",
      "layer readers that compare member names without cleaning them",
      List.of("https://github.com/google/go-containerregistry/pull/2392"),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(
                  FileSpec.directory("./"),
                  FileSpec.directory("./dotted"),
                  FileSpec.file("./dotted/file.txt", 8)))),
  /** An absolute member name: loaders strip the {@code /}, {@code verify} refuses it. */
  LAYER_ABSOLUTE_MEMBER(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.DEFECT,
      "SAFE-2",
      "a layer member's name is absolute (/absolute.txt)",
      "hand-edited and hostile layers, tar -P",
      "layer extractors that join the name to the target directory without cleaning it (Docker"
          + " and podman confine it to the layer root)",
      List.of("https://github.com/google/go-containerregistry/pull/2227"),
      ustarMember("/absolute.txt")),
  /** A member name that climbs out of the layer with {@code ..}. */
  LAYER_PARENT_MEMBER(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.DEFECT,
      "SAFE-2",
      "a layer member's name climbs out of the layer root (../escapes.txt)",
      "hostile layers (path traversal)",
      "layer extractors that do not confine names to the target directory (Docker and podman"
          + " apply layers in a chroot, so the name lands at the root)",
      List.of("https://github.com/google/go-containerregistry/pull/2227"),
      ustarMember("../escapes.txt")),
  /** A named pipe member. */
  LAYER_FIFO(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds a named pipe (type 6)",
      "images that ship a FIFO (mkfifo in a RUN step)",
      "layer readers that expect only files, directories and links",
      List.of(),
      spec -> withTopLayers(spec, LayerSpec.of(FileSpec.fifo("pipe")))),
  /** A setuid, setgid and sticky member. */
  LAYER_SETUID(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "ARC-5",
      "a layer holds a file with the setuid and setgid bits and a directory with the sticky bit",
      "images with setuid binaries (su, ping, sudo) and a /tmp",
      "layer readers and extractors that drop or mask the special bits",
      List.of(
          "https://github.com/opencontainers/umoci/issues/166",
          "https://github.com/chainguard-dev/apko/issues/561"),
      spec ->
          withTopLayers(
              spec,
              LayerSpec.of(
                  FileSpec.file("setuid-bin", 16).withMode(06755),
                  FileSpec.directory("sticky").withMode(01777)))),
  /**
   * A member of 8 GiB and more (zeros, in a gzip layer on top) whose size needs a PAX {@code size}
   * record in the layer tar, as Go's Writer and commons-compress with {@code BIGNUMBER_POSIX} write
   * it; the layer blob itself is small. {@link #expensive() Expensive}: 8 GiB are compressed,
   * hashed and read.
   */
  LAYER_8_GIB_MEMBER(
      QuirkFamily.LAYER_TAR,
      QuirkValidity.VALID,
      "WR-14",
      "a layer member of 8 GiB or more, in a gzip layer, whose size needs a PAX size record",
      "Docker, BuildKit and containerd (Go's archive/tar) for images with a file of 8 GiB or more",
      "layer tar readers and writers that know only ustar's 11 octal digits of size (Docker's"
          + " tar-split before its fix)",
      List.of(
          "https://github.com/moby/moby/issues/37581",
          "https://github.com/vbatts/tar-split/issues/47",
          "https://github.com/containerd/overlaybd/pull/82"),
      expensiveShape(Quirk::withEightGibMember)),
  // REPEATED_LAYERS: a layer listed more than once in one image, stored once.
  /** Docker up to 24: the repeated layer's {@code <id>/layer.tar} is a symlink {@code ../<id>}. */
  REPEATED_LAYER_LEGACY_SYMLINK(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.VALID,
      "ARC-6",
      "a repeated layer's <id>/layer.tar is a symlink to ../<first id>/layer.tar",
      "Docker up to 24 docker save",
      "readers that expect every Layers path to be a regular file",
      List.of("https://github.com/podman-container-tools/skopeo/issues/1313"),
      spec -> withRepeatedLayer(spec).withDialect(Dialect.DOCKER_LEGACY)),
  /** The repeated layer's {@code Layers} path is the first occurrence's path again. */
  REPEATED_LAYER_SAME_PATH(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.VALID,
      "SRC-8",
      "manifest.json lists the same Layers path twice for a layer repeated in one image",
      "skopeo, podman (containers/image) and Docker 25+ docker save",
      "readers that map a Layers path to one position in the image",
      List.of("https://github.com/containers/image/pull/503"),
      spec -> withRepeatedLayer(spec)),
  /** The repeated layer's path is a symlink two directory levels down, up to the blob. */
  REPEATED_LAYER_SYMLINK_OTHER_LEVEL(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.VALID,
      "ARC-6",
      "a repeated layer's path repeated-layers/<n>/layer.tar is a symlink ../../<blob> to the"
          + " first occurrence two directory levels up",
      "hand-assembled archives",
      "readers that resolve symlink targets relative to the archive root",
      List.of(),
      spec -> withRepeatedLayer(spec)),
  /**
   * The repeated layer's path is a symlink to a symlink to the blob (a chain of two). Docker
   * resolves the chain in the extracted archive; skopeo and podman serve the repeated diffID from
   * its first path and never open this one (containers/image follows one symlink only).
   */
  REPEATED_LAYER_SYMLINK_CHAIN(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.VALID,
      "ARC-6",
      "a repeated layer's path is a symlink to a second symlink that points at the blob",
      "hand-assembled archives",
      "readers that follow one symlink only, such as containers/image (skopeo, podman), when"
          + " they open the path",
      List.of(),
      spec -> withRepeatedLayer(spec)),
  /**
   * The repeated layer's path is a hard link to the blob. Docker extracts it as a link; skopeo and
   * podman serve the repeated diffID from its first path and never open this one (containers/image
   * reads a hard link as an empty file).
   */
  REPEATED_LAYER_HARDLINK(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.VALID,
      "ARC-6",
      "a repeated layer's path is a hard link to the first occurrence's blob",
      "archives repacked with tar from an extracted docker save",
      "readers that read a hard link's own (empty) data, such as containers/image when it opens"
          + " the path",
      List.of(),
      spec -> withRepeatedLayer(spec)),
  /** The repeated layer's path is a symlink with an absolute target. */
  REPEATED_LAYER_ABSOLUTE_SYMLINK(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.DEFECT,
      "ARC-12",
      "a repeated layer's path is a symlink with an absolute target /<blob>",
      "hand-edited archives",
      "loaders that resolve the target against the host's root (Docker resolves it inside"
          + " the extracted archive)",
      List.of(),
      spec -> withRepeatedLayer(spec)),
  /**
   * The repeated layer's path is a dangling symlink: a reader serving the diffID from its first
   * path never notices, Docker's loader opens every path and fails.
   */
  REPEATED_LAYER_DANGLING_SYMLINK(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.DEFECT,
      "ARC-12",
      "a repeated layer's later path is a symlink to an entry that does not exist",
      "hand-edited archives, writers that drop a blob they think is stored already",
      "docker load, which opens every Layers path (no such file or directory); skopeo and"
          + " podman serve the diffID from its first path and load it",
      List.of(),
      spec -> withRepeatedLayer(spec)),
  /** The repeated layer's path is a symlink loop. */
  REPEATED_LAYER_SYMLINK_LOOP(
      QuirkFamily.REPEATED_LAYERS,
      QuirkValidity.DEFECT,
      "ARC-12",
      "a repeated layer's later path is one of two symlinks pointing at each other",
      "hand-edited and hostile archives",
      "docker load (too many links); loaders that follow links without a depth limit hang",
      List.of(),
      spec -> withRepeatedLayer(spec)),
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

  /** 8 GiB: the smallest size that does not fit a tar header's 11 octal digits. */
  static final long EIGHT_GIB = 8L << 30;

  /** Half of {@link #EIGHT_GIB}: two such files make a layer tar of more than 8 GiB. */
  static final long HALF_OF_8_GIB = EIGHT_GIB / 2;

  /** A member name over 100 bytes (with a {@code /} that splits it for a ustar prefix). */
  static final String LONG_MEMBER_NAME =
      "a-directory-whose-name-is-long-enough/that-the-member-path-below-it-needs-more-than-100-bytes"
          + "/file.txt";

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
   * The spec with layers added on top of its first image (an untagged image of those layers when it
   * has none).
   */
  private static ArchiveSpec withTopLayers(ArchiveSpec spec, LayerSpec... layers) {
    List<ImageSpec> images = new ArrayList<>(spec.images());
    if (images.isEmpty()) {
      images.add(new ImageSpec(List.of(), List.of(layers), null));
    } else {
      ImageSpec first = images.get(0);
      List<LayerSpec> all = new ArrayList<>(first.layers());
      all.addAll(List.of(layers));
      images.set(0, new ImageSpec(first.tags(), all, first.config()));
    }
    return spec.toBuilder().clearImages().images(images).build();
  }

  /** A layer of one file whose name is written exactly as given in a ustar header on top. */
  private static UnaryOperator<ArchiveSpec> ustarMember(String name) {
    return spec ->
        withTopLayers(
            spec,
            LayerSpec.of(FileSpec.file(name, 8).withHeader(MemberHeader.of(MemberFormat.USTAR))));
  }

  /** A layer of one file under {@link #LONG_MEMBER_NAME} in the given header format on top. */
  private static UnaryOperator<ArchiveSpec> longName(MemberFormat format) {
    return spec ->
        withTopLayers(
            spec,
            LayerSpec.of(FileSpec.file(LONG_MEMBER_NAME, 8).withHeader(MemberHeader.of(format))));
  }

  /** A layer of one symlink to {@link #LONG_MEMBER_NAME} in the given header format on top. */
  private static UnaryOperator<ArchiveSpec> longLinkTarget(MemberFormat format) {
    return spec ->
        withTopLayers(
            spec,
            LayerSpec.of(
                FileSpec.symlink("long-link", LONG_MEMBER_NAME)
                    .withHeader(MemberHeader.of(format))));
  }

  /** The shape of an {@link #expensive()} quirk. */
  private interface ExpensiveShape extends UnaryOperator<ArchiveSpec> {}

  /** Marks a shape as one whose archive is expensive to write and read. */
  private static UnaryOperator<ArchiveSpec> expensiveShape(ExpensiveShape shape) {
    return shape;
  }

  /** The spec with an uncompressed layer of two 4 GiB files of zeros on top. */
  private static ArchiveSpec withEightGibLayer(ArchiveSpec spec) {
    return withTopLayers(
        spec,
        new LayerSpec(
            List.of(
                FileSpec.file("large/first.bin", HALF_OF_8_GIB),
                FileSpec.file("large/second.bin", HALF_OF_8_GIB)),
            Compression.NONE,
            FileContent.ZEROS));
  }

  /** The spec with a gzip layer of one 8 GiB file of zeros on top. */
  private static ArchiveSpec withEightGibMember(ArchiveSpec spec) {
    return withTopLayers(
        spec,
        LayerSpec.of(FileSpec.file("large.bin", EIGHT_GIB))
            .withContent(FileContent.ZEROS)
            .withCompression(Compression.GZIP));
  }

  /**
   * The spec with its first image's bottom layer repeated on top (a one-layer image first when it
   * has no layer): each repeated-layer quirk shapes one repeated occurrence.
   */
  private static ArchiveSpec withRepeatedLayer(ArchiveSpec spec) {
    if (spec.images().isEmpty() || spec.images().get(0).layers().isEmpty()) {
      spec = withTopLayers(spec, LayerSpec.filler(64));
    }
    return withTopLayers(spec, spec.images().get(0).layers().get(0));
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
   * Whether the quirk is expensive: writing, hashing and reading its archive takes more than a few
   * seconds and gigabytes of I/O (about a minute each on two cores for the entries of 8 GiB),
   * though the file stays small on disk. What loops over the whole catalogue by default leaves
   * expensive quirks out, visibly, unless asked for them: {@code @ArchiveQuirks(includeExpensive =
   * true)}, {@code generate --corpus DIR --quirks --include-expensive}; the jqwik arbitraries never
   * draw them unless named. Naming one ({@code --quirk ID}, {@code @ArchiveQuirks("id")}) runs it.
   *
   * @return true for an expensive quirk
   */
  public boolean expensive() {
    return shape instanceof ExpensiveShape;
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
