package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.digest.Digest;
import org.apiguardian.api.API;

/**
 * What a caller knows about a blob it hands to an {@link ImageOutput}, or what the output recorded.
 *
 * @param digest the blob's digest, or null when unknown (the output then computes it, WR-3)
 * @param size the blob's size in bytes, or -1 when unknown (the output then spools, WR-3)
 * @param mediaType the media type the manifest gives the blob, or null
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BlobInfo(Digest digest, long size, String mediaType) {
  /** Size value meaning "unknown". */
  public static final long UNKNOWN_SIZE = -1;

  /**
   * Checks the size.
   *
   * @param digest the digest or null
   * @param size the size or -1
   * @param mediaType the media type or null
   */
  public BlobInfo {
    if (size < UNKNOWN_SIZE) {
      throw new IllegalArgumentException("size must be -1 (unknown) or at least 0, got " + size);
    }
  }

  /**
   * A blob known by digest and size.
   *
   * @param digest the digest
   * @param size the size
   * @return the info, without media type
   */
  public static BlobInfo of(Digest digest, long size) {
    return new BlobInfo(digest, size, null);
  }

  /**
   * Whether digest and size are both known, so the blob can be streamed without spooling.
   *
   * @return true if both are known
   */
  public boolean isComplete() {
    return digest != null && size >= 0;
  }
}
