package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.ImageInput;

/**
 * An image whose blobs a {@link BlobReader} reads: files of a directory ({@code oci:}, {@code
 * dir:}) or entries of a tar ({@code oci-archive:}). Each subclass says what closing releases.
 */
abstract class StoredImageInput implements ImageInput {
  private final BlobReader blobs;

  StoredImageInput(BlobReader blobs) {
    this.blobs = blobs;
  }

  BlobReader blobs() {
    return blobs;
  }

  @Override
  public BlobStream getBlob(Digest digest) throws ArchiveException {
    return blobs.open(digest, describe(), true);
  }

  @Override
  public BlobStream rawBlob(Digest digest) throws ArchiveException {
    return blobs.open(digest, describe(), false);
  }

  /** Each blob is a file, or a tar entry, opened on its own, so yes. */
  @Override
  public boolean servesConcurrentBlobs() {
    return true;
  }
}
