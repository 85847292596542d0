package io.github.dockerarchive.testkit.hostile;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an archive the way a consumer would, as far as it goes: open, then for every image (or the
 * one the case selects) the config, the manifest and every layer blob to its end (so digests are
 * checked, SRC-7). Reports how far it got: the number of images read, or the typed error and the
 * stage it surfaced at. Anything that is not an {@link ArchiveException} propagates, so a test sees
 * it as the SAFE-1 breach it is.
 */
public final class HostileRunner {
  private HostileRunner() {}

  /**
   * The outcome of one read.
   *
   * @param images how many images read fully (valid when {@code error} is null)
   * @param error the typed error, or null
   * @param stage where the error surfaced, or null
   */
  public record Result(int images, ArchiveException error, FailureStage stage) {
    /**
     * Whether the read failed.
     *
     * @return true when there is an error
     */
    public boolean failed() {
      return error != null;
    }

    @Override
    public String toString() {
      return failed()
          ? error.getClass().getSimpleName()
              + " ["
              + error.rule()
              + "] at "
              + stage
              + ": "
              + error.getMessage()
          : "read " + images + " image(s)";
    }
  }

  /**
   * Reads a case's file.
   *
   * @param c the case (for its selector)
   * @param file the materialised input
   * @param options the reader options
   * @param viaStream true to open through {@link ArchiveReader#open(InputStream, ReaderOptions)}
   *     (always spooled to a temporary file), false to open the path
   * @return how far reading got
   * @throws IOException only for failures outside the reader (the input file cannot be opened)
   */
  public static Result read(HostileCase c, Path file, ReaderOptions options, boolean viaStream)
      throws IOException {
    ArchiveReader reader;
    try {
      if (viaStream) {
        try (InputStream in = Files.newInputStream(file)) {
          reader = ArchiveReader.open(in, options);
        }
      } else {
        reader = ArchiveReader.open(file, options);
      }
    } catch (ArchiveException e) {
      return new Result(0, e, FailureStage.OPEN);
    }
    try (reader) {
      return readImages(c, reader);
    }
  }

  /**
   * Reads everything an archive holds from a stream: every image by index, every blob to its end.
   *
   * @param in the archive bytes
   * @param options the reader options
   * @return how far reading got
   */
  public static Result readAll(InputStream in, ReaderOptions options) {
    return readAll(() -> ArchiveReader.open(in, options));
  }

  /**
   * Reads everything an archive file holds: every image by index, every blob to its end.
   *
   * @param file the archive
   * @param options the reader options
   * @return how far reading got
   */
  public static Result readAll(Path file, ReaderOptions options) {
    return readAll(() -> ArchiveReader.open(file, options));
  }

  private interface Opener {
    ArchiveReader open() throws ArchiveException;
  }

  private static Result readAll(Opener opener) {
    ArchiveReader reader;
    try {
      reader = opener.open();
    } catch (ArchiveException e) {
      return new Result(0, e, FailureStage.OPEN);
    }
    try (reader) {
      return readImages(null, reader);
    } catch (IOException e) {
      throw new AssertionError("SAFE-1: closing the reader failed: " + e, e);
    }
  }

  private static Result readImages(HostileCase c, ArchiveReader reader) {
    int done = 0;
    int count = c == null || c.selector() == null ? reader.manifest().size() : 1;
    for (int i = 0; i < count; i++) {
      ImageSource source;
      try {
        source = source(c, reader, i);
        source.configBytes();
        source.manifestBytes();
        source.layers();
      } catch (ArchiveException e) {
        return new Result(done, e, FailureStage.LOAD);
      }
      try {
        for (LayerInfo layer : source.layers()) {
          drain(source, layer.diffId());
        }
        drain(source, source.configDigest());
      } catch (ArchiveException e) {
        return new Result(done, e, FailureStage.READ);
      } catch (IOException e) {
        throw new AssertionError("SAFE-1: untyped I/O error reading a blob: " + e, e);
      }
      done++;
    }
    return new Result(done, null, null);
  }

  private static ImageSource source(HostileCase c, ArchiveReader reader, int index)
      throws ArchiveException {
    if (c == null || c.selector() == null) {
      return reader.imageSource(null, index);
    }
    if (c.selector().isEmpty()) {
      return reader.imageSource(null, -1);
    }
    return reader.imageSource(DockerReference.parseNormalized(c.selector()).withDefaultTag(), -1);
  }

  private static void drain(ImageSource source, Digest digest) throws IOException {
    try (BlobStream blob = source.getBlob(digest)) {
      blob.transferTo(OutputStream.nullOutputStream());
    }
  }
}
