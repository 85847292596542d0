package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.BlobStream;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageInput;
import java.io.IOException;

/** An {@link ImageInput} that forwards every call; a defect overrides one. */
class ForwardingInput implements ImageInput {
  final ImageInput delegate;

  ForwardingInput(ImageInput delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] manifestBytes() throws ArchiveException {
    return delegate.manifestBytes();
  }

  @Override
  public String manifestMediaType() throws ArchiveException {
    return delegate.manifestMediaType();
  }

  @Override
  public BlobStream getBlob(Digest digest) throws ArchiveException {
    return delegate.getBlob(digest);
  }

  @Override
  public BlobStream rawBlob(Digest digest) throws ArchiveException {
    return delegate.rawBlob(digest);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
