package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * WR-10 broken: the archive is written straight to its path, not to a temporary file renamed at the
 * end, so a failed or abandoned write leaves a partial archive there. (The target is still refused
 * when it is a non-empty file, WR-11.)
 */
final class NonAtomicWriter extends BrokenImplementation {
  NonAtomicWriter() {
    super("broken-non-atomic-writer", "WR-10");
  }

  @Override
  Map<String, String> relatedRules() {
    return Map.of(
        "WR-2",
        "a blob that fails half-way cannot be cut from a file written in place: its bytes"
            + " remain, or the writer is failed for later blobs",
        "WR-13",
        "a multi-image copy refused for a tag on two images must leave nothing, but an archive"
            + " written in place keeps the bytes of the images before the refusal");
  }

  @Override
  ArchiveWriter createWriter(Path target, WriterOptions options, List<Closeable> cleanup)
      throws IOException {
    if (Files.isRegularFile(target) && Files.size(target) > 0 && !options.replaceExisting()) {
      throw new FileAlreadyExistsException(target + ": an archive exists there (WR-11)");
    }
    OutputStream out = Files.newOutputStream(target);
    ArchiveWriter writer;
    try {
      writer = ArchiveWriter.create(out, options);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
    cleanup.add(out);
    return writer;
  }
}
