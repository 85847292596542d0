package io.github.dockerarchive.testkit.testing;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.ImageInput;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * An {@link ImageInput} that forwards every call to another: override one method to inject a
 * defect, observe calls, or take away a capability (the conformance suite's broken implementations
 * are built this way).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ForwardingImageInput implements ImageInput {
  /** The input every call goes to. */
  protected final ImageInput delegate;

  /**
   * Forwards to an input.
   *
   * @param delegate the input
   */
  public ForwardingImageInput(ImageInput delegate) {
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
  public boolean servesConcurrentBlobs() {
    return delegate.servesConcurrentBlobs();
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
