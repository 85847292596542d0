package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/** The families of {@link Quirk}s: which part of an archive a quirk shapes. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum QuirkFamily {
  /**
   * What Docker 25+ and its containerd image store write: OCI layout beside {@code manifest.json},
   * {@code blobs/sha256/<hex>} paths, {@code LayerSources}, nested and sparse indexes, {@code
   * index.json} values, {@code ref.name} forms.
   */
  OCI_LAYOUT,
  /** Variants of {@code manifest.json} and {@code repositories}: RepoTags forms, nulls, keys. */
  MANIFEST_JSON,
  /** Repeated layers stored once, with symlinks of various depths and targets. */
  REPEATED_LAYERS,
  /** Media-type spellings in descriptors. */
  MEDIA_TYPES,
  /** The outer tar: {@code ./} prefixes, directory entries, large entries, outer compression. */
  OUTER_TAR,
  /** The contents of layer tars: whiteouts, links, member names, PAX and GNU headers, sizes. */
  LAYER_TAR,
  /** Layer counts around the depth limits of loaders. */
  LAYER_COUNT;

  /**
   * The family's name in docs and on the command line.
   *
   * @return for example {@code oci-layout}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
