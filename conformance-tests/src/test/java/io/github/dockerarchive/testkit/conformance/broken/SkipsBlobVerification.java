package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.testing.ForwardingImageOutput;
import java.io.InputStream;
import java.util.Map;

/**
 * WR-2 broken: the writer's {@code PutBlob} takes a layer's stream without checking it against the
 * digest and size it is given: it stores whatever arrives (under the digest of what arrived).
 */
final class SkipsBlobVerification extends BrokenImplementation {
  SkipsBlobVerification() {
    super("broken-skips-blob-verification", "WR-2");
  }

  @Override
  ImageOutput imageOutput(ImageOutput out, Map<String, Object> archive) {
    return new ForwardingImageOutput(out) {
      @Override
      public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
          throws ArchiveException {
        if (isConfig) {
          return delegate.putBlob(stream, info, true);
        }
        return delegate.putBlob(
            stream, new BlobInfo(null, BlobInfo.UNKNOWN_SIZE, info.mediaType()), false);
      }
    };
  }
}
