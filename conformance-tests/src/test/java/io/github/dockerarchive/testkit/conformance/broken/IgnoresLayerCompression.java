package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.testing.ForwardingImageInput;
import java.io.IOException;
import java.util.Map;

/**
 * ARC-5 broken: a layer is served as its stored bytes, compressed or not (the layer entry as it is
 * in the tar), instead of decompressed.
 */
final class IgnoresLayerCompression extends BrokenImplementation {
  IgnoresLayerCompression() {
    super("broken-ignores-layer-compression", "ARC-5");
  }

  @Override
  Map<String, String> relatedRules() {
    return Map.of(
        "DIA-4", "the containerd dialect stores gzip layers",
        "DIA-5", "the go-containerregistry dialect stores gzip layers",
        "DIA-6", "the jib dialect stores gzip layers",
        "DIA-7", "the docker-containerd-store dialect stores gzip layers",
        "SAFE-3", "the uncapped gzip bomb is a gzip layer that must be read",
        "SRC-6", "SRC-6 says that GetBlob returns a layer decompressed");
  }

  @Override
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    ImageSource source = (ImageSource) super.openArchive(reference, options);
    return new ForwardingImageInput(source) {
      @Override
      public BlobStream getBlob(Digest digest) throws ArchiveException {
        return stored(digest).orElse(delegate.getBlob(digest));
      }

      @Override
      public BlobStream rawBlob(Digest digest) throws ArchiveException {
        return stored(digest).orElse(delegate.rawBlob(digest));
      }

      private java.util.Optional<BlobStream> stored(Digest digest) throws ArchiveException {
        for (LayerInfo layer : source.layers()) {
          if (layer.diffId().equals(digest) && layer.compression() != Compression.NONE) {
            return java.util.Optional.of(
                new BlobStream(
                    source.reader().openEntry(layer.path()), layer.storedSize(), digest));
          }
        }
        return java.util.Optional.empty();
      }
    };
  }
}
