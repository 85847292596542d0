package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import java.io.IOException;

/**
 * The blobs of a layout, read by digest wherever they are stored: files of a directory ({@code
 * oci:}, {@code dir:}) or entries of a tar ({@code oci-archive:}).
 */
interface BlobReader {
  /** Opens a stored blob, verified against its digest and stored size when {@code verify}. */
  BlobStream open(Digest digest, String where, boolean verify) throws ArchiveException;

  /** Reads a small stored blob whole (indexes, manifests, configs), refusing one above limit. */
  default byte[] readSmall(Digest digest, long limit, String where) throws ArchiveException {
    return readSmall(digest, limit, where, true);
  }

  /** Reads a small stored blob whole, verified or not, refusing one above {@code limit}. */
  default byte[] readSmall(Digest digest, long limit, String where, boolean verify)
      throws ArchiveException {
    try (BlobStream in = open(digest, where, verify)) {
      if (in.size() > limit) {
        throw new LimitExceededException(
            "RD-3",
            "blob "
                + digest
                + " in "
                + where
                + " holds "
                + in.size()
                + " bytes, over the limit of "
                + limit);
      }
      return in.readAllBytes();
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(null, "reading blob " + digest + " in " + where + ": " + e, e);
    }
  }
}
