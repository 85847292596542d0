package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SEL-3 broken: the range check of an index is off by one ({@code index > count}), so {@code @N} of
 * an archive of N items is not refused but serves the last item.
 */
final class IndexBoundOffByOne extends BrokenImplementation {
  IndexBoundOffByOne() {
    super("broken-index-bound-off-by-one", "SEL-3");
  }

  @Override
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    if (reference.index() > 0 && Files.isRegularFile(Path.of(reference.path()))) {
      int count;
      try (ArchiveReader reader = ArchiveReader.open(Path.of(reference.path()), options)) {
        count = reader.manifest().size();
      }
      if (reference.index() == count) {
        return super.openArchive(ArchiveReference.ofIndex(reference.path(), count - 1), options);
      }
    }
    return super.openArchive(reference, options);
  }
}
