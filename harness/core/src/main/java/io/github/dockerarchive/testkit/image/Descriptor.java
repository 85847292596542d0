package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.digest.Digest;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A content descriptor of a manifest: what a blob is, where it lives and how big it is.
 *
 * @param mediaType the media type
 * @param digest the digest of the blob as stored
 * @param size the size of the blob as stored
 * @param urls foreign-layer URLs (empty when none)
 * @param annotations OCI annotations (empty when none)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    List<String> urls,
    Map<String, String> annotations) {

  /**
   * Copies the collections.
   *
   * @param mediaType the media type
   * @param digest the digest of the blob as stored
   * @param size the size of the blob as stored
   * @param urls foreign-layer URLs (empty when none)
   * @param annotations OCI annotations (empty when none)
   */
  public Descriptor {
    urls = urls == null ? List.of() : List.copyOf(urls);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * A descriptor with no URLs or annotations.
   *
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size
   * @return the descriptor
   */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), Map.of());
  }

  /**
   * The same descriptor with another media type.
   *
   * @param type the new media type
   * @return the changed descriptor
   */
  public Descriptor withMediaType(String type) {
    return new Descriptor(type, digest, size, urls, annotations);
  }
}
