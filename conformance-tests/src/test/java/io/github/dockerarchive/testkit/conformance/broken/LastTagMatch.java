package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * SEL-2 broken: selection by tag takes the LAST item that has the tag, not the first (Docker's and
 * containerd's habit for duplicate names, wrongly applied to items).
 */
final class LastTagMatch extends BrokenImplementation {
  LastTagMatch() {
    super("broken-last-tag-match", "SEL-2");
  }

  @Override
  Map<String, String> relatedRules() {
    return Map.of(
        "SEL-7",
        "SEL-7 says that a tag held by several items selects the first of them, as SEL-2 does");
  }

  @Override
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    if (reference.reference() == null || !Files.isRegularFile(Path.of(reference.path()))) {
      return super.openArchive(reference, options);
    }
    int last = -1;
    try (ArchiveReader reader = ArchiveReader.open(Path.of(reference.path()), options)) {
      List<ManifestItem> items = reader.manifest();
      for (int i = 0; i < items.size(); i++) {
        for (String tag : items.get(i).repoTags()) {
          DockerReference parsed;
          try {
            parsed = DockerReference.parseNormalized(tag).withDefaultTag();
          } catch (InvalidReferenceException e) {
            // An unparseable tag stops the search as in the reference (SEL-5): the built-in
            // search reports it.
            return super.openArchive(reference, options);
          }
          if (parsed.equals(reference.reference().withDefaultTag())) {
            last = i;
          }
        }
      }
    }
    if (last < 0) {
      return super.openArchive(reference, options);
    }
    return super.openArchive(ArchiveReference.ofIndex(reference.path(), last), options);
  }
}
