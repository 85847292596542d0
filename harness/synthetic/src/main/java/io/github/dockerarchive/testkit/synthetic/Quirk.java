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
