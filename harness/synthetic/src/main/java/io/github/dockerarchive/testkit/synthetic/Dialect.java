package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.util.Locale;
import org.apiguardian.api.API;

/** The producers whose archives a synthetic archive imitates (docs/rules.md DIA-1..7). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Dialect {
  /** skopeo and podman (containers/image): the reference writer's layout (DIA-1, WR-6). */
  CONTAINERS_IMAGE("DIA-1", Compression.NONE),
  /** Docker up to 24: {@code <v1id>/layer.tar}, symlinks for repeated layers, sorted (DIA-2). */
  DOCKER_LEGACY("DIA-2", Compression.NONE),
  /** Docker 25 to 28: OCI layout plus {@code manifest.json}, {@code LayerSources} (DIA-3). */
  DOCKER_HYBRID("DIA-3", Compression.NONE),
  /**
   * containerd's exporter ({@code ctr images export}) as containerd 1.6.20 writes it, byte for
   * byte: gzip blobs named by their digest, {@code index.json} pointing at each image manifest,
   * without the {@code mediaType} member that containerd 1.6.31, 1.7.15 and 2.0 add (DIA-4).
   */
  CONTAINERD("DIA-4", Compression.GZIP),
  /** go-containerregistry (crane, kaniko): {@code sha256:<hex>} config, {@code .tar.gz} (DIA-5). */
  GO_CONTAINERREGISTRY("DIA-5", Compression.GZIP),
  /** Jib: {@code config.json}, gzip layers, optionally lower-case keys (DIA-6). */
  JIB("DIA-6", Compression.GZIP),
  /**
   * Jib before 2.3: as {@link #JIB}, but {@code manifest.json} has the lower-case keys {@code
   * config}, {@code repoTags} and {@code layers} (DIA-6, ARC-2: keys match case-insensitively).
   */
  JIB_LEGACY("DIA-6", Compression.GZIP),
  /**
   * Docker 29 with the containerd image store (its default for new installs): as {@link
   * #CONTAINERD}, but {@code index.json} points at each image's multi-platform OCI index, which
   * lists the image's own platform, another platform whose blobs are absent (not pulled) and a
   * BuildKit attestation manifest with its in-toto layer (DIA-7).
   */
  DOCKER_CONTAINERD_STORE("DIA-7", Compression.GZIP);

  private final String rule;
  private final Compression defaultLayerCompression;

  Dialect(String rule, Compression defaultLayerCompression) {
    this.rule = rule;
    this.defaultLayerCompression = defaultLayerCompression;
  }

  /**
   * The rule ID that describes this dialect.
   *
   * @return for example {@code DIA-3}
   */
  public String rule() {
    return rule;
  }

  /**
   * How this producer stores layers unless a layer says otherwise.
   *
   * @return the default layer compression
   */
  public Compression defaultLayerCompression() {
    return defaultLayerCompression;
  }

  /**
   * The dialect's name in specs and on the command line.
   *
   * @return for example {@code docker-hybrid}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Finds a dialect by its {@link #id()} or constant name, ignoring case.
   *
   * @param text for example {@code containerd} or {@code DOCKER_LEGACY}
   * @return the dialect
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Dialect parse(String text) {
    for (Dialect d : values()) {
      if (d.id().equalsIgnoreCase(text) || d.name().equalsIgnoreCase(text)) {
        return d;
      }
    }
    StringBuilder ids = new StringBuilder();
    for (Dialect d : values()) {
      ids.append(ids.length() == 0 ? "" : ", ").append(d.id());
    }
    throw new IllegalArgumentException("unknown dialect \"" + text + "\"; expected one of " + ids);
  }
}
