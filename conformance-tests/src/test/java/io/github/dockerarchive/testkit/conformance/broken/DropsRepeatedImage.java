package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.testing.ForwardingImageOutput;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * WR-9 broken: writing an image whose config the archive already holds does not merge its tags into
 * the item; the second write is silently dropped, and its tags with it.
 */
final class DropsRepeatedImage extends BrokenImplementation {
  DropsRepeatedImage() {
    super("broken-drops-repeated-image", "WR-9");
  }

  @Override
  Map<String, String> relatedRules() {
    return Map.of("WR-8", "WR-8 also says that tags of items with the same config are merged");
  }

  @Override
  ImageOutput imageOutput(ImageOutput out, Map<String, Object> archive) {
    @SuppressWarnings("unchecked")
    Set<Digest> written = (Set<Digest>) archive.computeIfAbsent("configs", k -> new HashSet<>());
    return new ForwardingImageOutput(out) {
      private Digest config;

      @Override
      public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
          throws ArchiveException {
        BlobInfo put = delegate.putBlob(stream, info, isConfig);
        if (isConfig) {
          config = put.digest();
        }
        return put;
      }

      @Override
      public void commit() throws ArchiveException {
        if (config != null && !written.add(config)) {
          return; // the same image again: ignored, its tags lost
        }
        delegate.commit();
      }
    };
  }
}
