package io.github.dockerarchive.testkit.image;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One image to copy into, whatever stores it: a docker-archive writer's destination, an OCI layout
 * or a {@code dir:} directory. Mirrors the reference's {@code ImageDestination}: blobs first
 * (layers, then the config), then the manifest, then {@link #commit()}; {@link #close()} without a
 * commit abandons the image.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ImageOutput extends Closeable {
  /**
   * Whether layers must be handed over decompressed (docker-archive) rather than as stored.
   *
   * @return true to receive uncompressed layers keyed by diffID
   */
  boolean wantsDecompressedLayers();

  /**
   * The manifest media types {@link #putManifest} accepts, preferred first.
   *
   * @return the media types
   */
  List<String> supportedManifestMediaTypes();

  /**
   * Stores a blob, verifying it against {@code info} while it is written (WR-2). A blob whose
   * digest or size is unknown is spooled first (WR-3).
   *
   * @param stream the bytes; read to the end, not closed
   * @param info the expected digest and size (either may be unknown)
   * @param isConfig whether this is the image config
   * @return the digest and size stored
   * @throws ArchiveException on a mismatch or read error; nothing of the blob remains
   */
  BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig) throws ArchiveException;

  /**
   * Whether {@link #putBlob} may be called for layers from several threads at once (an output that
   * stores each blob in a file of its own); the copier then copies layers in parallel. Config,
   * manifest and commit are still called from one thread, after every layer is in.
   *
   * @return true when concurrent {@code putBlob} calls for layers are safe
   */
  default boolean acceptsConcurrentBlobs() {
    return false;
  }

  /**
   * Reuses a blob already stored in this output (WR-4).
   *
   * @param info the blob wanted, with its digest
   * @return the stored blob's info, or empty when it is not there
   * @throws ArchiveException if the digest is missing
   */
  Optional<BlobInfo> tryReusingBlob(BlobInfo info) throws ArchiveException;

  /**
   * Stores the manifest (WR-5: only the types of {@link #supportedManifestMediaTypes()}).
   *
   * @param manifest the manifest bytes
   * @throws ArchiveException if the manifest type is not supported or it refers to bad blobs
   */
  void putManifest(byte[] manifest) throws ArchiveException;

  /**
   * Adds tags the image is stored under.
   *
   * @param tags tagged references
   * @throws ArchiveException if the output cannot take tags, or (a docker-archive, WR-13) one of
   *     them already names another image of the archive
   */
  void addRepoTags(List<DockerReference> tags) throws ArchiveException;

  /**
   * Makes the image part of the output.
   *
   * @throws ArchiveException if finishing fails
   */
  void commit() throws ArchiveException;
}
