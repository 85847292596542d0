package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds images by tag the way readers do: both sides normalised ({@code busybox} = {@code
 * docker.io/library/busybox:latest}).
 */
final class ImageSelector {
  private ImageSelector() {}

  /**
   * The normalised form of a tag.
   *
   * @param tag as written by a user or stored in {@code RepoTags}
   * @return the canonical reference with the default tag, or null when it does not parse
   */
  static String normalise(String tag) {
    try {
      return DockerReference.parseNormalized(tag).withDefaultTag().canonical();
    } catch (InvalidReferenceException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The index of the first item with a tag equal to {@code tag} after normalisation.
   *
   * @return the item index, or -1
   */
  static int find(List<ManifestItem> items, String tag) {
    String wanted = normalise(tag);
    if (wanted == null) {
      return -1;
    }
    for (int i = 0; i < items.size(); i++) {
      for (String stored : items.get(i).repoTags()) {
        if (wanted.equals(normalise(stored))) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Every stored tag, for messages. */
  static List<String> allTags(List<ManifestItem> items) {
    List<String> tags = new ArrayList<>();
    for (ManifestItem item : items) {
      tags.addAll(item.repoTags());
    }
    return tags;
  }

  /** The normalised tags of one item, in stored order. */
  static List<String> normalisedTags(ManifestItem item) {
    List<String> tags = new ArrayList<>();
    for (String t : item.repoTags()) {
      String n = normalise(t);
      tags.add(n == null ? t : n);
    }
    return tags;
  }
}
