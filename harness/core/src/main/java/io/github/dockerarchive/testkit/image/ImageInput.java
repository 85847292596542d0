package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.Closeable;
import org.apiguardian.api.API;

/**
 * One image to copy from, whatever stores it: a docker-archive ({@link
 * io.github.dockerarchive.testkit.archive.ImageSource}), an OCI layout or a {@code dir:} directory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ImageInput extends Closeable {
  /**
   * The image manifest as stored or synthesised.
   *
   * @return the manifest bytes
   * @throws ArchiveException if the image cannot be loaded
   */
  byte[] manifestBytes() throws ArchiveException;

  /**
   * The media type of {@link #manifestBytes()}.
   *
   * @return a Docker schema 2 or OCI manifest media type
   * @throws ArchiveException if the image cannot be loaded
   */
  String manifestMediaType() throws ArchiveException;

  /**
   * A blob named by the manifest (the config, or a layer by the digest the manifest gives it),
   * verified as it is read: a mismatch fails at end of stream.
   *
   * @param digest the digest from the manifest
   * @return the blob's bytes; close it when done
   * @throws ArchiveException if the blob is unknown or cannot be opened
   */
  BlobStream getBlob(Digest digest) throws ArchiveException;

  /**
   * A blob as {@link #getBlob} returns it, but without the digest check, for callers that verify
   * the bytes themselves (every {@link ImageOutput#putBlob} does, WR-2), so that a copy hashes each
   * blob once. The default verifies anyway.
   *
   * @param digest the digest from the manifest
   * @return the blob's bytes; close it when done
   * @throws ArchiveException if the blob is unknown or cannot be opened
   */
  default BlobStream rawBlob(Digest digest) throws ArchiveException {
    return getBlob(digest);
  }

  /**
   * Whether several blobs may be opened and read at the same time, each on its own thread (an input
   * that opens each blob independently, as files are); the copier then copies layers in parallel
   * when the output accepts it too. The default is false, which is always safe.
   *
   * @return true when concurrent {@link #rawBlob} streams are independent
   */
  default boolean servesConcurrentBlobs() {
    return false;
  }

  /**
   * A short description for messages, such as {@code docker-archive:/tmp/a.tar:@0}.
   *
   * @return the description
   */
  String describe();
}
