package io.github.dockerarchive.testkit.testing;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An {@link ImageOutput} that forwards every call to another: override one method to inject a
 * defect, observe calls, or take away a capability (the conformance suite's broken implementations
 * are built this way).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ForwardingImageOutput implements ImageOutput {
  /** The output every call goes to. */
  protected final ImageOutput delegate;

  /**
   * Forwards to an output.
   *
   * @param delegate the output
   */
  public ForwardingImageOutput(ImageOutput delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean wantsDecompressedLayers() {
    return delegate.wantsDecompressedLayers();
  }

  @Override
  public List<String> supportedManifestMediaTypes() {
    return delegate.supportedManifestMediaTypes();
  }

  @Override
  public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
      throws ArchiveException {
    return delegate.putBlob(stream, info, isConfig);
  }

  @Override
  public boolean acceptsConcurrentBlobs() {
    return delegate.acceptsConcurrentBlobs();
  }

  @Override
  public Optional<BlobInfo> tryReusingBlob(BlobInfo info) throws ArchiveException {
    return delegate.tryReusingBlob(info);
  }

  @Override
  public void putManifest(byte[] manifest) throws ArchiveException {
    delegate.putManifest(manifest);
  }

  @Override
  public void addRepoTags(List<DockerReference> tags) throws ArchiveException {
    delegate.addRepoTags(tags);
  }

  @Override
  public void commit() throws ArchiveException {
    delegate.commit();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
