package io.github.dockerarchive.testkit.generators;

/**
 * How a generated {@code RepoTags} entry is written. {@link #SHORT} comes first: it is what
 * shrinking reaches. Tags carry the image's and the tag's position, so no two images share one.
 */
enum TagStyle {
  /** {@code img0:t1}: normalised to {@code docker.io/library/img0:t1}. */
  SHORT,
  /** {@code example.com/team/img0:1.0}. */
  QUALIFIED,
  /** {@code localhost:5000/img0:t1}: a registry with a port (the colon is not a tag separator). */
  REGISTRY_PORT,
  /** {@code docker.io/library/img0:t1}: already normalised, as some producers store it. */
  CANONICAL;

  /**
   * The tag text.
   *
   * @param image the image's position in the spec
   * @param tag the tag's position in the image
   */
  String render(int image, int tag) {
    String name = "img" + image;
    return switch (this) {
      case SHORT -> name + ":t" + tag;
      case QUALIFIED -> "example.com/team/" + name + ":" + tag + ".0";
      case REGISTRY_PORT -> "localhost:5000/" + name + ":t" + tag;
      case CANONICAL -> "docker.io/library/" + name + ":t" + tag;
    };
  }
}
