package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.util.List;

/** The reference's {@code ChooseManifestItem}, rule by rule (SEL-1..7). */
final class ManifestItemChooser {
  private ManifestItemChooser() {}

  static ManifestSelection choose(
      List<ManifestItem> items, DockerReference reference, int sourceIndex)
      throws ImageNotFoundException {
    if (reference != null && sourceIndex != -1) {
      throw new ImageNotFoundException(
          "SEL-4",
          "Internal error: Cannot have both ref "
              + reference.canonical()
              + " and source index @"
              + sourceIndex);
    }
    if (reference != null) {
      return byReference(items, reference);
    }
    if (sourceIndex != -1) {
      if (sourceIndex < 0) {
        throw new ImageNotFoundException(
            "SEL-3", "Invalid source index @" + sourceIndex + ": must not be negative");
      }
      if (sourceIndex >= items.size()) {
        throw new ImageNotFoundException(
            "SEL-3",
            "Invalid source index @"
                + sourceIndex
                + ", only "
                + items.size()
                + " manifest items available");
      }
      return new ManifestSelection(items.get(sourceIndex), sourceIndex, -1);
    }
    if (items.size() != 1) {
      throw new ImageNotFoundException(
          "SEL-1", "Unexpected tar manifest.json: expected 1 item, got " + items.size());
    }
    return new ManifestSelection(items.get(0), 0, -1);
  }

  private static ManifestSelection byReference(List<ManifestItem> items, DockerReference wanted)
      throws ImageNotFoundException {
    String canonical = wanted.canonical();
    for (int i = 0; i < items.size(); i++) {
      List<String> tags = items.get(i).repoTags();
      for (int t = 0; t < tags.size(); t++) {
        DockerReference parsed;
        try {
          parsed = DockerReference.parseNormalized(tags.get(t));
        } catch (InvalidReferenceException e) {
          throw new ImageNotFoundException(
              "SEL-5",
              "Invalid tag \""
                  + tags.get(t)
                  + "\" in manifest.json item @"
                  + i
                  + ": "
                  + e.getMessage());
        }
        if (parsed.canonical().equals(canonical)) {
          return new ManifestSelection(items.get(i), i, t);
        }
      }
    }
    throw new ImageNotFoundException("SEL-2", "Tag \"" + canonical + "\" not found");
  }
}
