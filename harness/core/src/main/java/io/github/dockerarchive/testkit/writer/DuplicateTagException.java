package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A tag was given to an image although another image of the same archive already holds it (WR-13):
 * one tag names one image, so the archive is not written with it. The same image (the same config
 * digest) given a tag twice is no conflict: its tags merge (WR-9).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class DuplicateTagException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /** The tag, fully qualified. */
  private final String tag;

  private final transient Digest heldBy;
  private final transient Digest refused;

  /**
   * Creates an exception.
   *
   * @param tag the tag, fully qualified as {@link DockerReference#canonical()} gives it (or as
   *     written, when it is no reference)
   * @param heldBy the config digest of the image that holds the tag
   * @param refused the config digest of the image the tag was refused to
   */
  public DuplicateTagException(String tag, Digest heldBy, Digest refused) {
    super(
        "WR-13",
        "tag "
            + Objects.requireNonNull(tag, "tag")
            + " already names image "
            + Objects.requireNonNull(heldBy, "heldBy")
            + " in this archive; refusing to give it to image "
            + Objects.requireNonNull(refused, "refused")
            + " as well (one tag, one image)");
    this.tag = tag;
    this.heldBy = heldBy;
    this.refused = refused;
  }

  /**
   * The tag both images were given.
   *
   * @return the tag, fully qualified ({@code docker.io/library/app:1})
   */
  public String tag() {
    return tag;
  }

  /**
   * The image that holds the tag.
   *
   * @return its config digest
   */
  public Digest heldBy() {
    return heldBy;
  }

  /**
   * The image the tag was refused to.
   *
   * @return its config digest
   */
  public Digest refused() {
    return refused;
  }
}
