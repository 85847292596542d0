package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.digest.Digest;
import java.util.ArrayList;
import java.util.List;

/** What two archives must share to have the same content: per image, tags, config and diffIDs. */
final class ContentSummary {
  private ContentSummary() {}

  /**
   * One image's content.
   *
   * @param tags the normalised tags, in stored order
   * @param configDigest the config's digest
   * @param diffIds the diffIDs, bottom first
   */
  record Image(List<String> tags, Digest configDigest, List<Digest> diffIds) {
    @Override
    public String toString() {
      return "tags " + tags + ", config " + configDigest + ", diffIDs " + diffIds;
    }
  }

  static List<Image> of(ArchiveReader reader) throws ArchiveException {
    List<Image> images = new ArrayList<>();
    List<ManifestItem> items = reader.manifest();
    for (int i = 0; i < items.size(); i++) {
      ImageSource source = reader.imageSource(null, i);
      images.add(
          new Image(
              ImageSelector.normalisedTags(items.get(i)), source.configDigest(), source.diffIds()));
    }
    return images;
  }

  /** The first difference, in words, or null when the summaries are equal. */
  static String difference(List<Image> actual, List<Image> expected) {
    if (actual.size() != expected.size()) {
      return "it has " + actual.size() + " image(s) and the other " + expected.size();
    }
    for (int i = 0; i < actual.size(); i++) {
      if (!actual.get(i).equals(expected.get(i))) {
        return "image @"
            + i
            + " differs:"
            + String.format("%n  actual:   %s%n  expected: %s", actual.get(i), expected.get(i));
      }
    }
    return null;
  }

  static String lines(List<Image> images) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < images.size(); i++) {
      out.append('@').append(i).append(": ").append(images.get(i)).append(System.lineSeparator());
    }
    return out.toString();
  }
}
