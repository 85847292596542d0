package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.digest.Digest;

/**
 * An image of an OCI layout, in a directory ({@code oci:}) or a tar file ({@code oci-archive:}):
 * the manifest {@code index.json} led to (OAR-2..4) and the blobs it names.
 */
abstract class ChosenOciInput extends StoredImageInput {
  private final OciIndexes.Chosen chosen;

  ChosenOciInput(BlobReader blobs, OciIndexes.Chosen chosen) {
    super(blobs);
    this.chosen = chosen;
  }

  OciIndexes.Chosen chosen() {
    return chosen;
  }

  @Override
  public byte[] manifestBytes() {
    return chosen.manifestCopy();
  }

  @Override
  public String manifestMediaType() {
    return chosen.mediaType();
  }

  /**
   * The digest of the chosen manifest.
   *
   * @return the manifest digest (of a platform's manifest when {@code index.json} names an index)
   */
  public Digest manifestDigest() {
    return chosen.digest();
  }
}
