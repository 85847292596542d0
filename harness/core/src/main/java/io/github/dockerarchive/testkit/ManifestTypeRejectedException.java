package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * A destination was given a manifest of a type it cannot store (WR-5): the docker-archive writer
 * takes Docker schema 2 image manifests only, and never manifest lists or OCI indexes. The message
 * names the type received and the type required.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ManifestTypeRejectedException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /** The media type that was refused, or {@code null} when the manifest had none. */
  private final String mediaType;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, such as {@code "WR-5"}
   * @param message the message, naming the type received and the type required
   * @param mediaType the media type that was refused, or {@code null} when the manifest had none
   */
  public ManifestTypeRejectedException(String rule, String message, String mediaType) {
    super(rule, message);
    this.mediaType = mediaType;
  }

  /**
   * The media type that was refused.
   *
   * @return the manifest's media type, or {@code null} when it had none
   */
  public String mediaType() {
    return mediaType;
  }
}
