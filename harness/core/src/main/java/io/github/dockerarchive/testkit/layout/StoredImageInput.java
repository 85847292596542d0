package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.ImageInput;

/** An image whose blobs are files of a {@link BlobDirectory} ({@code oci:} and {@code dir:}). */
abstract class StoredImageInput implements ImageInput {
  private final BlobDirectory blobs;

  StoredImageInput(BlobDirectory blobs) {
    this.blobs = blobs;
  }

  BlobDirectory blobs() {
    return blobs;
  }

  @Override
  public BlobStream getBlob(Digest digest) throws ArchiveException {
    return blobs.open(digest, describe());
  }

  @Override
  public BlobStream rawBlob(Digest digest) throws ArchiveException {
    return blobs.open(digest, describe(), false);
  }

  /** Each blob is a file opened on its own, so yes. */
  @Override
  public boolean servesConcurrentBlobs() {
    return true;
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }
}
