package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.testing.ForwardingImageInput;
import io.github.dockerarchive.testkit.testing.ForwardingImageOutput;
import java.io.IOException;
import java.io.InputStream;

/**
 * SRC-7 broken: layer bytes read from an archive are served without checking them against the
 * diffID asked for; a copy out of an archive stores what it got (nothing in the chain hashes it).
 */
final class SkipsLayerVerification extends BrokenImplementation {
  SkipsLayerVerification() {
    super("broken-skips-layer-verification", "SRC-7");
  }

  @Override
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    return new ForwardingImageInput(super.openArchive(reference, options)) {
      @Override
      public BlobStream getBlob(Digest digest) throws ArchiveException {
        return delegate.rawBlob(digest);
      }
    };
  }

  @Override
  ImageOutput readOutput(ImageOutput out) {
    return new ForwardingImageOutput(out) {
      @Override
      public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
          throws ArchiveException {
        if (isConfig || !"sha256".equals(info.digest().algorithm())) {
          // The output names blobs by the sha256 of what it got, so only a sha256 digest can go
          // unchecked (stored as it comes, under its own name); others are still verified.
          return delegate.putBlob(stream, info, isConfig);
        }
        // Stored as it comes: the digest the layer should have is not checked.
        return delegate.putBlob(
            stream, new BlobInfo(null, BlobInfo.UNKNOWN_SIZE, info.mediaType()), false);
      }
    };
  }
}
