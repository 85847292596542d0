package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One image written into an {@link ArchiveWriter} (the reference's {@code tarfile.Destination}):
 * blobs first (layers, then the config), then the Docker schema 2 manifest, then {@link #commit()}.
 * Only committed images are listed in {@code manifest.json}; {@link #close()} without a commit
 * abandons the image (its blobs stay in the archive, unreferenced, which readers ignore: ARC-3).
 *
 * <p>Layers are wanted uncompressed, keyed by diffID. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImageDestination implements ImageOutput {
  private final ArchiveWriter writer;
  private final List<DockerReference> tags = new ArrayList<>();
  private PreparedImage prepared;
  private boolean committed;
  private int itemIndex = -1;
  private boolean closed;

  ImageDestination(ArchiveWriter writer) {
    this.writer = writer;
  }

  /**
   * Always true: docker-archive stores layers uncompressed, named by diffID.
   *
   * @return true
   */
  @Override
  public boolean wantsDecompressedLayers() {
    return true;
  }

  /**
   * Docker schema 2 only (WR-5).
   *
   * @return {@code application/vnd.docker.distribution.manifest.v2+json}
   */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return List.of(MediaTypes.DOCKER_MANIFEST_V2);
  }

  /**
   * Stores a blob once per archive (WR-1), verified against {@code info} while it is written
   * (WR-2): a wrong digest, a short or long stream, or a read error fails with a {@link
   * io.github.dockerarchive.testkit.digest.DigestMismatchException} or another {@link
   * ArchiveException} naming expected and actual values, and leaves no byte of the blob in the
   * archive. With an unknown digest or size, or a non-sha256 digest, the blob is spooled first
   * (WR-3). A config is read into memory (at most {@link WriterOptions#configLimit()} bytes) and
   * remembered, so the same image can be written again through another destination (WR-9).
   *
   * @param stream the bytes; read to the end (or one byte past the expected size), not closed
   * @param info the expected digest and size, either may be unknown
   * @param isConfig whether this is the image config
   * @return the sha256 digest and size stored, with {@code info}'s media type
   * @throws ArchiveException on a mismatch, a read or write error, or a closed writer
   */
  @Override
  public synchronized BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
      throws ArchiveException {
    ensureOpen();
    return writer.putBlob(stream, info, isConfig);
  }

  /**
   * Answers with the stored blob when {@code info}'s digest was already written to this archive, by
   * any image (WR-4).
   *
   * @param info the blob wanted
   * @return the stored blob's digest and size, or empty
   * @throws ArchiveException (WR-4) {@code Can not check for a blob with unknown digest}
   */
  @Override
  public synchronized Optional<BlobInfo> tryReusingBlob(BlobInfo info) throws ArchiveException {
    ensureOpen();
    return writer.tryReusingBlob(info);
  }

  /**
   * Stores the image's Docker schema 2 manifest (WR-5): its config and layers must have been
   * written to this archive. Writes the legacy layer directories (default layout, WR-6) or the OCI
   * manifest blob (hybrid layout, WR-12).
   *
   * @param manifest the manifest bytes
   * @throws io.github.dockerarchive.testkit.ManifestTypeRejectedException for any type but Docker
   *     schema 2, manifest lists included
   * @throws io.github.dockerarchive.testkit.InvalidManifestException when it cannot be parsed
   * @throws io.github.dockerarchive.testkit.UnknownBlobException when it names a blob not written
   * @throws ArchiveException when the same config was committed with other layers
   */
  @Override
  public synchronized void putManifest(byte[] manifest) throws ArchiveException {
    Objects.requireNonNull(manifest, "manifest");
    ensureOpen();
    prepared = writer.putManifest(manifest);
  }

  /**
   * Adds tags; a tag already present is skipped when the image is committed (WR-8). A name without
   * a tag gets {@code latest}. A tag that another image of the archive already holds is refused
   * (WR-13): here when the manifest was already put (the image is known), else by {@link
   * #commit()}.
   *
   * @param newTags the tags
   * @throws io.github.dockerarchive.testkit.InvalidReferenceException (REF-1) for a digest
   *     reference
   * @throws DuplicateTagException (WR-13) when another image (another config digest) committed to
   *     this archive holds one of the tags; none of {@code newTags} is added then
   * @throws ArchiveException after a commit or close
   */
  @Override
  public synchronized void addRepoTags(List<DockerReference> newTags) throws ArchiveException {
    ensureOpen();
    if (committed) {
      throw new ArchiveException("WR-8", "cannot add tags to an image already committed");
    }
    List<DockerReference> checked = new ArrayList<>(newTags.size());
    for (DockerReference tag : newTags) {
      checked.add(ArchiveWriter.tagged(Objects.requireNonNull(tag, "tag")));
    }
    if (prepared != null) {
      writer.checkTags(prepared.configDigest(), checked);
    }
    tags.addAll(checked);
  }

  /**
   * The tags this image will be stored under, in order.
   *
   * @return the tags so far
   */
  public synchronized List<DockerReference> repoTags() {
    return List.copyOf(tags);
  }

  /**
   * Lists the image in {@code manifest.json}, merging tags with any committed image of the same
   * config (WR-8, WR-9) and refusing a tag another image holds (WR-13), and marks the archive as
   * worth keeping (WR-10). The archive itself is finished by {@link ArchiveWriter#close()}.
   *
   * @throws DuplicateTagException (WR-13) when another image committed to this archive holds one of
   *     its tags; the image is not committed then, and the archive keeps what it had
   * @throws ArchiveException when no manifest was put, or on a second commit
   */
  @Override
  public synchronized void commit() throws ArchiveException {
    ensureOpen();
    if (prepared == null) {
      throw new ArchiveException("WR-8", "cannot commit an image before putManifest");
    }
    if (committed) {
      throw new ArchiveException("WR-8", "the image was already committed");
    }
    itemIndex = writer.commit(prepared, tags);
    committed = true;
  }

  /**
   * Where the committed image is listed: the index of its {@code manifest.json} item, which selects
   * it as {@code docker-archive:PATH:@N}. An image whose config was committed before shares that
   * earlier item (WR-9).
   *
   * @return the item's index from 0, or -1 before {@link #commit()}
   */
  public synchronized int itemIndex() {
    return itemIndex;
  }

  /** Ends this image; without a commit it is abandoned. The writer stays open. */
  @Override
  public synchronized void close() {
    closed = true;
  }

  private void ensureOpen() throws ArchiveClosedException {
    if (closed) {
      throw new ArchiveClosedException(null, "the image destination is closed");
    }
  }
}
