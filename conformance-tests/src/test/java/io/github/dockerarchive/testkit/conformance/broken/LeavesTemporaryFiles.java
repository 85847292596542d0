package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * SAFE-1 broken (RD-1's temporary file): a compressed archive is decompressed into a temporary file
 * that is deleted when the image is closed, but not when decompressing or opening it fails: the
 * error path leaks the file.
 */
final class LeavesTemporaryFiles extends BrokenImplementation {
  LeavesTemporaryFiles() {
    super("broken-leaves-temporary-files", "SAFE-1");
  }

  @Override
  Map<String, String> relatedRules() {
    return Map.of(
        "SAFE-3/archive-cap",
        "SAFE-3's archive cap check also requires the partial temporary file to be deleted when"
            + " the cap stops decompression");
  }

  @Override
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    Path archive = Path.of(reference.path());
    if (!Files.isRegularFile(archive)) {
      return super.openArchive(reference, options); // a pipe can be read once only
    }
    Compression compression;
    try (InputStream in = Files.newInputStream(archive)) {
      byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
      compression = Compression.detect(head, head.length);
    } catch (IOException e) {
      return super.openArchive(reference, options);
    }
    if (compression == Compression.NONE) {
      return super.openArchive(reference, options);
    }
    Path plain =
        Files.createTempFile(options.temporaryDirectory(), "dockerarchive-broken-", ".tar");
    // The defect must show while the suite runs, not outlive the test JVM in a shared directory.
    plain.toFile().deleteOnExit();
    // No try/finally: a failure below leaves the file behind (the defect).
    try (InputStream in =
            compression.decompress(new BufferedInputStream(Files.newInputStream(archive)));
        OutputStream out = Files.newOutputStream(plain)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > options.maxArchiveSize()) {
          throw new LimitExceededException(
              "SAFE-3",
              reference.path()
                  + " decompresses to more than the limit of "
                  + options.maxArchiveSize()
                  + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return openCopy(reference, plain, options);
  }
}
