package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliberately broken readers for the shrinking demonstration: each wraps our reader and gets one
 * thing wrong.
 */
final class BrokenReaders {
  private BrokenReaders() {}

  /** Lists the diffIDs of every image, but forgets every layer after the first. */
  static List<List<Digest>> diffIdsIgnoringSecondLayer(ArchiveFixture fixture) throws Exception {
    List<List<Digest>> all = new ArrayList<>();
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      for (ImageSource image : reader.images()) {
        List<Digest> ids = image.diffIds();
        all.add(ids.isEmpty() ? ids : ids.subList(0, 1));
      }
    }
    return all;
  }

  /** Lists the diffIDs of every image, but gives up on gzip-compressed layers. */
  static List<List<Digest>> diffIdsFailingOnGzipLayers(ArchiveFixture fixture) throws Exception {
    List<List<Digest>> all = new ArrayList<>();
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      for (ImageSource image : reader.images()) {
        for (LayerInfo layer : image.layers()) {
          if (layer.compression() == Compression.GZIP) {
            throw new IOException("cannot read gzip layer " + layer.path());
          }
        }
        all.add(image.diffIds());
      }
    }
    return all;
  }

  /** What a correct reader lists. */
  static List<List<Digest>> truth(ArchiveFixture fixture) {
    return fixture.images().stream().map(ImageTruth::diffIds).toList();
  }
}
