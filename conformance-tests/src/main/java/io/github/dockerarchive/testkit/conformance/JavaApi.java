package io.github.dockerarchive.testkit.conformance;

import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The blob-level API of a Java implementation, in the reference's terms (Source, Destination), for
 * the checks a copy cannot reach: a stream that fails half-way (WR-2), blob reuse (WR-4), unknown
 * sizes (WR-3), manifest types (WR-5), unknown blobs (SRC-6), cached source errors (SRC-1).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface JavaApi {
  /**
   * Opens one image of an archive.
   *
   * @param reference {@code docker-archive:PATH[:REF|:@N]}
   * @return the image source; closing it closes the archive
   * @throws IOException when the implementation fails to open it
   */
  ImageInput openImage(String reference) throws IOException;

  /**
   * Opens one image of an archive with limits (RD-3, SAFE-3) and a temporary directory. An
   * implementation whose limits cannot be set keeps this default, and the checks that need it are
   * reported as UNSUPPORTED.
   *
   * @param reference {@code docker-archive:PATH[:REF|:@N]}
   * @param options the limits and the temporary directory
   * @return the image source; closing it closes the archive
   * @throws IOException when the implementation fails to open it
   * @throws UnsupportedOperationException when the implementation has no configurable limits
   */
  default ImageInput openImage(String reference, ReadOptions options) throws IOException {
    throw new UnsupportedOperationException("configurable reader limits");
  }

  /**
   * The archive's items as the reader parsed them ({@code TarManifest}, RD-6), whatever image the
   * reference selects, including the {@code LayerSources} descriptors (SRC-9). An implementation
   * that does not expose its item list keeps this default, and the checks that need it are reported
   * as UNSUPPORTED.
   *
   * @param reference {@code docker-archive:PATH[:REF|:@N]}; the selector must not matter
   * @return the items, in {@code manifest.json} order
   * @throws IOException when the archive cannot be read
   * @throws UnsupportedOperationException when the implementation does not expose the items
   */
  default List<ManifestItem> tarManifest(String reference) throws IOException {
    throw new UnsupportedOperationException("the parsed item list (TarManifest)");
  }

  /**
   * Starts an archive at a path.
   *
   * @param target the archive's path
   * @return the writer; the archive appears when it is closed after a commit
   * @throws IOException when the implementation refuses the target
   */
  ArchiveSink createArchive(Path target) throws IOException;

  /** An archive being written: one {@link ImageOutput} per image. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  interface ArchiveSink extends Closeable {
    /**
     * A destination for one more image.
     *
     * @return the destination; {@link ImageOutput#commit()} adds the image
     * @throws IOException when the writer is no longer usable
     */
    ImageOutput newImage() throws IOException;
  }
}
