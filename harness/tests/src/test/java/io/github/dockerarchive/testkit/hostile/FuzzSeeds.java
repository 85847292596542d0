package io.github.dockerarchive.testkit.hostile;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small valid archives, one per producer dialect (and a gzip-compressed one), that seed the fuzz
 * tests: the committed seed corpus of {@link ArchiveBytesFuzzTest} and the starting points of
 * {@link MutatedArchiveFuzzTest}.
 */
final class FuzzSeeds {
  private FuzzSeeds() {}

  /**
   * One small archive per dialect, by file name.
   *
   * @return the seeds, in a fixed order
   */
  static Map<String, byte[]> archives() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    for (Dialect d : Dialect.values()) {
      seeds.put(d.id() + ".tar", archive(d, Compression.NONE));
    }
    seeds.put("containers-image.tar.gz", archive(Dialect.CONTAINERS_IMAGE, Compression.GZIP));
    return seeds;
  }

  static byte[] archive(Dialect dialect, Compression compression) {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(List.of("fuzz/seed:1"), LayerSpec.filler(200), LayerSpec.filler(100))
            .dialect(dialect)
            .compression(compression)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SyntheticArchives.materialize(spec, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
