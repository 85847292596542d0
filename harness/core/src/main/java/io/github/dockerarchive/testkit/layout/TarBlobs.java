package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.VerifyingInputStream;
import io.github.dockerarchive.testkit.image.BlobStream;
import java.io.InputStream;

/**
 * The blobs of an OCI layout tarball, {@code blobs/<alg>/<hex>}, read in place through the archive
 * reader's tar index (no extraction); each stream is independent (RD-5).
 */
final class TarBlobs implements BlobReader {
  private final ArchiveReader reader;

  TarBlobs(ArchiveReader reader) {
    this.reader = reader;
  }

  static String entryName(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  @Override
  public BlobStream open(Digest digest, String where, boolean verify) throws ArchiveException {
    String name = entryName(digest);
    TarEntry entry;
    try {
      entry = reader.resolve(name, "OAR-5");
    } catch (EntryNotFoundException e) {
      throw new EntryNotFoundException(
          "OAR-5", "blob " + digest + " is missing from " + where + " (no entry " + name + ")", e);
    }
    InputStream in = reader.openEntry(name);
    if (!verify) {
      return new BlobStream(in, entry.size(), digest);
    }
    return new BlobStream(
        new VerifyingInputStream(
            in,
            digest,
            entry.size(),
            Long.MAX_VALUE,
            "blob " + digest + " (" + name + ") in " + where,
            "OAR-5"),
        entry.size(),
        digest);
  }
}
