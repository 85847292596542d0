package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import java.io.InputStream;
import java.util.Optional;

/**
 * What the directory outputs share: blobs stored as they come (never decompressed) in a {@link
 * BlobDirectory}, each through a temporary file of its own, so concurrently.
 */
abstract class BlobDirectoryOutput implements ImageOutput {
  /** Where the blobs go. */
  final BlobDirectory blobs;

  BlobDirectoryOutput(BlobDirectory blobs) {
    this.blobs = blobs;
  }

  @Override
  public boolean wantsDecompressedLayers() {
    return false;
  }

  @Override
  public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
      throws ArchiveException {
    return blobs.put(stream, info);
  }

  /** Blobs go to temporary files of their own and are renamed into place, so yes. */
  @Override
  public boolean acceptsConcurrentBlobs() {
    return true;
  }

  @Override
  public Optional<BlobInfo> tryReusingBlob(BlobInfo info) throws ArchiveException {
    return blobs.reuse(info);
  }
}
