package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.VerifyingCopy;
import io.github.dockerarchive.testkit.digest.VerifyingInputStream;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.BlobStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Function;

/**
 * Blobs stored as one file each in a directory (an OCI layout's {@code blobs/<alg>/<hex>}, a {@code
 * dir:} directory's {@code <hex>}). A blob is written to a temporary file in the same directory,
 * verified, and only then renamed to its name, so a failed or mismatching blob leaves nothing
 * (WR-2, WR-3).
 */
final class BlobDirectory implements BlobReader {
  private static final int BUFFER = 1 << 20;

  private final Function<Digest, Path> pathOf;
  private final Path temporaryDirectory;

  BlobDirectory(Function<Digest, Path> pathOf, Path temporaryDirectory) {
    this.pathOf = pathOf;
    this.temporaryDirectory = temporaryDirectory;
  }

  Path path(Digest digest) {
    return pathOf.apply(digest);
  }

  boolean contains(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  /** The stored blob of that digest, for reuse (WR-4), or empty when there is none. */
  Optional<BlobInfo> reuse(BlobInfo info) throws ArchiveException {
    if (info.digest() == null) {
      throw new ArchiveException("WR-4", "Can not check for a blob with unknown digest");
    }
    Path file = path(info.digest());
    try {
      return Optional.of(new BlobInfo(info.digest(), Files.size(file), info.mediaType()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Opens a stored blob, verified against its digest and its file's size. */
  BlobStream open(Digest digest, String where) throws ArchiveException {
    return open(digest, where, true);
  }

  /** Opens a stored blob, verified or not. */
  @Override
  public BlobStream open(Digest digest, String where, boolean verify) throws ArchiveException {
    Path file = path(digest);
    try {
      long size = Files.size(file);
      InputStream in = Files.newInputStream(file);
      if (!verify) {
        return new BlobStream(in, size, digest);
      }
      return new BlobStream(
          new VerifyingInputStream(
              in, digest, size, Long.MAX_VALUE, "blob " + digest + " in " + where, "SRC-7"),
          size,
          digest);
    } catch (NoSuchFileException e) {
      throw new EntryNotFoundException(
          "REF-3", "blob " + digest + " is missing from " + where + " (" + file + ")", e);
    } catch (IOException e) {
      throw new ArchiveException("REF-3", "opening blob " + digest + " in " + where + ": " + e, e);
    }
  }

  /**
   * Stores a blob: streamed through a hash into a temporary file, verified against {@code info}
   * when it carries a digest, renamed to its name. An existing blob of that digest is kept.
   */
  BlobInfo put(InputStream stream, BlobInfo info) throws ArchiveException {
    Path temp;
    try {
      Files.createDirectories(temporaryDirectory);
      temp = Files.createTempFile(temporaryDirectory, ".dockerarchive-blob-", ".tmp");
    } catch (IOException e) {
      throw new ArchiveException("WR-3", "creating a temporary blob file: " + e, e);
    }
    try {
      VerifyingCopy copy = new VerifyingCopy("blob " + info.digest(), info.digest(), info.size());
      // WRITE only: no O_TRUNC on the new, empty file; ext4 starts writing back on close any file
      // truncated to zero (its replace-by-truncate heuristic), which cost the copy's thread time.
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        copy.copy(stream, out::write);
      }
      Digest sha256 = copy.check();
      Digest digest = info.digest() != null ? info.digest() : sha256;
      long size = copy.count();
      Path target = path(digest);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        Files.delete(temp);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return new BlobInfo(digest, size, info.mediaType());
    } catch (ArchiveException e) {
      deleteQuietly(temp);
      throw e;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw new ArchiveException(
          "WR-2", "writing blob " + info.digest() + ": " + e.getMessage(), e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Failure path: the original error matters more.
    }
  }
}
