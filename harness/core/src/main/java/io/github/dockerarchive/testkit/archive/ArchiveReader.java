package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Indexed random access to a docker-save archive (the Go reference's {@code tarfile.Reader}).
 *
 * <p>Opening costs one pass over the tar headers (RD-2); the data is never scanned again: every
 * lookup is a map lookup plus positional reads. A compressed archive (gzip, bzip2, xz, zstd, found
 * by magic bytes) or a non-seekable stream is decompressed once into a temporary file that is
 * deleted on {@link #close()} and on every failure (RD-1). A reader is safe for use from many
 * threads; each stream it hands out is independent (RD-5).
 *
 * <pre>{@code
 * try (ArchiveReader reader = ArchiveReader.open(Path.of("image.tar"))) {
 *   ImageSource image = reader.imageSource(null, -1); // the only image
 *   System.out.println(image.configDigest() + " " + image.diffIds());
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveReader implements Closeable {
  private static final String MANIFEST = "manifest.json";

  private final String description;
  private final Path tarFile;
  private final Path ownedTemporaryFile;
  private final Compression compression;
  private final ReaderOptions options;
  private final TarIndex index;
  private final List<ManifestItem> manifest;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<EntryInputStream> openStreams = ConcurrentHashMap.newKeySet();
  private final LayerMeasurements measurements;

  private ArchiveReader(
      String description,
      Path tarFile,
      Path ownedTemporaryFile,
      Compression compression,
      ReaderOptions options,
      boolean readManifest)
      throws ArchiveException {
    this.description = description;
    this.tarFile = tarFile;
    this.ownedTemporaryFile = ownedTemporaryFile;
    this.compression = compression;
    this.options = options;
    this.index = TarIndex.build(tarFile, description);
    this.measurements = new LayerMeasurements(this);
    this.manifest = readManifest ? ManifestParser.parse(readManifestBytes()) : List.of();
  }

  /**
   * Opens an archive file with the default options.
   *
   * @param path a plain or compressed docker-save archive, or a FIFO
   * @return the reader
   * @throws ArchiveException if the archive cannot be opened or its {@code manifest.json} is bad
   */
  public static ArchiveReader open(Path path) throws ArchiveException {
    return open(path, ReaderOptions.defaults());
  }

  /**
   * Opens an archive file. A plain tar in a regular file is read in place; anything else is
   * decompressed or copied once into {@link ReaderOptions#temporaryDirectory()}.
   *
   * @param path a plain or compressed docker-save archive, or a FIFO
   * @param options limits and switches
   * @return the reader
   * @throws ArchiveException if the archive cannot be opened or its {@code manifest.json} is bad
   */
  public static ArchiveReader open(Path path, ReaderOptions options) throws ArchiveException {
    return open(path, options, true);
  }

  /**
   * Opens a tar file that holds no {@code manifest.json}, such as an OCI image layout tarball
   * ({@code oci-archive:}, OAR-1): indexed, decompressed and cleaned up exactly as {@link
   * #open(Path, ReaderOptions)} does, but {@code manifest.json} is never read, so {@link
   * #manifest()} is empty; entries are read with {@link #openEntry(String)}.
   *
   * @param path a plain or compressed tar file, or a FIFO
   * @param options limits and switches
   * @return the reader
   * @throws ArchiveException if the file cannot be opened or is not a tar
   */
  public static ArchiveReader openTar(Path path, ReaderOptions options) throws ArchiveException {
    return open(path, options, false);
  }

  private static ArchiveReader open(Path path, ReaderOptions options, boolean readManifest)
      throws ArchiveException {
    String description = "archive \"" + path + "\"";
    if (!Files.isRegularFile(path)) {
      if (!Files.exists(path)) {
        throw new EntryNotFoundException(
            "RD-1", "opening file \"" + path + "\": no such file or directory");
      }
      if (Files.isDirectory(path)) {
        throw new ArchiveException("RD-1", "opening file \"" + path + "\": is a directory");
      }
      // A FileInputStream, not Files.newInputStream: the latter's available() asks a FIFO for its
      // position and fails with "Illegal seek" on Java 17 (BufferedInputStream calls it).
      try (InputStream in = new java.io.FileInputStream(path.toFile())) {
        return fromStream(in, options, description, readManifest);
      } catch (ArchiveException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveException("RD-1", "opening file \"" + path + "\": " + e.getMessage(), e);
      }
    }
    Compression detected;
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
      detected = Compression.detect(head, head.length);
    } catch (NoSuchFileException e) {
      throw new EntryNotFoundException(
          "RD-1", "opening file \"" + path + "\": no such file or directory", e);
    } catch (IOException e) {
      throw new ArchiveException("RD-1", "opening file \"" + path + "\": " + e.getMessage(), e);
    }
    if (detected == Compression.NONE) {
      return new ArchiveReader(description, path, null, Compression.NONE, options, readManifest);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return fromStream(in, options, description, readManifest);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException("RD-1", "opening file \"" + path + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Opens an archive from a stream with the default options.
   *
   * @param in the archive bytes, plain or compressed; read to the end but not closed
   * @return the reader
   * @throws ArchiveException if the archive cannot be read or its {@code manifest.json} is bad
   */
  public static ArchiveReader open(InputStream in) throws ArchiveException {
    return open(in, ReaderOptions.defaults());
  }

  /**
   * Opens an archive from a stream: it is decompressed (if needed) once into a temporary file,
   * deleted on close and on every failure (RD-1). The caller may close {@code in} as soon as this
   * returns.
   *
   * @param in the archive bytes, plain or compressed; read to the end but not closed
   * @param options limits and switches
   * @return the reader
   * @throws ArchiveException if the archive cannot be read or its {@code manifest.json} is bad
   */
  public static ArchiveReader open(InputStream in, ReaderOptions options) throws ArchiveException {
    return fromStream(in, options, "archive stream", true);
  }

  private static ArchiveReader fromStream(
      InputStream in, ReaderOptions options, String description, boolean readManifest)
      throws ArchiveException {
    Spooled spooled = Spooled.decompressToTemporaryFile(in, options, description);
    try {
      return new ArchiveReader(
          description,
          spooled.file(),
          spooled.file(),
          spooled.compression(),
          options,
          readManifest);
    } catch (ArchiveException | RuntimeException e) {
      Spooled.deleteQuietly(spooled.file());
      throw e;
    }
  }

  private byte[] readManifestBytes() throws ArchiveException {
    TarEntry entry;
    try {
      entry = index.resolve(MANIFEST, "RD-4");
    } catch (EntryNotFoundException e) {
      throw new EntryNotFoundException(
          "RD-4",
          "loading tar component \"manifest.json\": file does not exist in "
              + description
              + MissingManifestHint.describe(index));
    }
    return readEntry(entry, options.manifestLimit(), "RD-3");
  }

  /**
   * The items of {@code manifest.json}, unchanged and in order (RD-6). Empty for {@code null} or
   * {@code []}.
   *
   * @return the items
   */
  public List<ManifestItem> manifest() {
    return manifest;
  }

  /**
   * Every entry of the tar in archive order, including duplicates and entries the reader ignores.
   *
   * @return the index entries
   */
  public List<TarEntry> entries() {
    return index.entries();
  }

  /**
   * Cleaned entry names that occur more than once; the first occurrence is used (ARC-7).
   *
   * @return the duplicated names, in order of their second occurrence
   */
  public List<String> duplicateEntryNames() {
    return index.duplicates();
  }

  /**
   * Where data follows the end-of-archive marker (beyond the zero padding to a whole 10240-byte
   * record): reading stops at the marker, as Go's {@code archive/tar} does, so that data is never
   * decompressed, read or hashed; {@code verify} warns about it (ARC-9).
   *
   * @return the offset in the uncompressed tar, or -1 when nothing follows
   */
  public long trailingDataOffset() {
    return index.trailingDataOffset();
  }

  /**
   * The compression of the archive as a whole.
   *
   * @return {@link Compression#NONE} for a plain tar
   */
  public Compression compression() {
    return compression;
  }

  /**
   * The options this reader was opened with.
   *
   * @return the options
   */
  public ReaderOptions options() {
    return options;
  }

  /**
   * Chooses an item as the reference's {@code ChooseManifestItem} does (SEL-1..7): a tag that
   * several items hold selects the first of them.
   *
   * @param reference a tagged, normalised reference, or null
   * @param sourceIndex an item index from 0, or -1 for none
   * @return the chosen item, its index and the index of the matching tag (-1 without a tag)
   * @throws ImageNotFoundException with the reference's error texts
   */
  public ManifestSelection chooseManifestItem(DockerReference reference, int sourceIndex)
      throws ImageNotFoundException {
    return ManifestItemChooser.choose(manifest, reference, sourceIndex);
  }

  /**
   * A source for one image. Nothing is read until it is first used; selection and config errors
   * surface then (SRC-1). The source does not own this reader.
   *
   * @param reference a tagged reference, or null
   * @param sourceIndex an item index from 0, or -1 for none
   * @return the image source
   */
  public ImageSource imageSource(DockerReference reference, int sourceIndex) {
    return new ImageSource(this, reference, sourceIndex, false);
  }

  /**
   * A source for the image a transport reference selects ({@code path[:REF|:@N]}); the path part is
   * ignored, since this reader is already open.
   *
   * @param reference the transport reference
   * @return the image source
   */
  public ImageSource imageSource(ArchiveReference reference) {
    return imageSource(reference.reference(), reference.index());
  }

  /**
   * A source for each item of {@code manifest.json}, by index.
   *
   * @return one source per item
   */
  public List<ImageSource> images() {
    List<ImageSource> sources = new ArrayList<>(manifest.size());
    for (int i = 0; i < manifest.size(); i++) {
      sources.add(imageSource(null, i));
    }
    return sources;
  }

  /**
   * Opens the regular file a name refers to, following links (ARC-6). The bytes are returned as
   * stored, not decompressed.
   *
   * @param name an entry name as {@code manifest.json} would write it
   * @return the entry's data
   * @throws ArchiveException if the name is missing, unsafe or not a regular file
   */
  public InputStream openEntry(String name) throws ArchiveException {
    return openStream(index.resolve(name, "ARC-2"));
  }

  /**
   * The entry a name refers to, after following links (ARC-6).
   *
   * @param name an entry name
   * @param rule the rule to cite when it is missing
   * @return the regular file entry
   * @throws ArchiveException if the name is missing, unsafe or not a regular file
   */
  public TarEntry resolve(String name, String rule) throws ArchiveException {
    return index.resolve(name, rule);
  }

  EntryInputStream openStream(TarEntry entry) throws ArchiveException {
    ensureOpen();
    try {
      EntryInputStream stream = new EntryInputStream(this, tarFile, entry);
      openStreams.add(stream);
      if (closed.get()) {
        stream.abort();
        throw closedError();
      }
      return stream;
    } catch (IOException e) {
      if (e instanceof ArchiveException a) {
        throw a;
      }
      if (closed.get()) {
        // closed between ensureOpen() and the open: the spooled tar may already be deleted
        throw closedError();
      }
      throw new ArchiveException(
          null, "opening entry \"" + entry.rawName() + "\" of " + description + ": " + e, e);
    }
  }

  byte[] readEntry(TarEntry entry, long limit, String rule) throws ArchiveException {
    if (entry.size() > limit) {
      throw new LimitExceededException(
          rule,
          "loading tar component \""
              + entry.rawName()
              + "\": exceeded maximum allowed size of "
              + limit
              + " bytes (the entry holds "
              + entry.size()
              + " bytes)");
    }
    try (InputStream in = openStream(entry)) {
      return in.readAllBytes();
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(
          null, "reading entry \"" + entry.rawName() + "\": " + TarIndex.describe(e), e);
    }
  }

  LayerMeasurements measurements() {
    return measurements;
  }

  /**
   * The digest of the uncompressed content of the regular file a name refers to, computed once per
   * archive and cached.
   *
   * @param name an entry name, as in {@code manifest.json}
   * @param algorithm the digest algorithm of the expected value, usually {@code sha256}
   * @return the digest and size of the decompressed bytes
   * @throws ArchiveException if the entry is missing or cannot be decompressed
   */
  public Measurement measureContent(String name, String algorithm) throws ArchiveException {
    return measurements.contentDigest(index.resolve(name, "ARC-2"), algorithm);
  }

  /**
   * The size and digest of an entry's decompressed content.
   *
   * @param compression how the entry is stored
   * @param size the decompressed size
   * @param digest the digest of the decompressed bytes
   */
  public record Measurement(Compression compression, long size, Digest digest) {}

  void unregister(EntryInputStream stream) {
    openStreams.remove(stream);
  }

  boolean isClosed() {
    return closed.get();
  }

  String description() {
    return description;
  }

  void ensureOpen() throws ArchiveClosedException {
    if (closed.get()) {
      throw closedError();
    }
  }

  private ArchiveClosedException closedError() {
    return new ArchiveClosedException(
        "RD-5", "trying to read an already closed reader of " + description);
  }

  /**
   * Closes the reader: open streams fail on their next read with an {@link ArchiveClosedException},
   * and a temporary decompressed copy is deleted. Closing twice does nothing.
   *
   * @throws IOException if the temporary copy cannot be deleted
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EntryInputStream stream : openStreams) {
      stream.abort();
    }
    openStreams.clear();
    if (ownedTemporaryFile != null) {
      Files.deleteIfExists(ownedTemporaryFile);
    }
  }

  /** Peeks at the head of a stream and decompresses it into a temporary file. */
  record Spooled(Path file, Compression compression) {
    static Spooled decompressToTemporaryFile(
        InputStream in, ReaderOptions options, String description) throws ArchiveException {
      BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
      Compression detected;
      Path file;
      try {
        buffered.mark(Compression.MAGIC_LENGTH);
        byte[] head = buffered.readNBytes(Compression.MAGIC_LENGTH);
        buffered.reset();
        detected = Compression.detect(head, head.length);
        file = Files.createTempFile(options.temporaryDirectory(), "dockerarchive-reader-", ".tar");
      } catch (IOException e) {
        throw new ArchiveException(
            "RD-1", "reading " + description + ": " + TarIndex.describe(e), e);
      }
      try {
        copy(buffered, detected, file, options, description);
        return new Spooled(file, detected);
      } catch (ArchiveException | RuntimeException | Error e) {
        deleteQuietly(file);
        throw e;
      }
    }

    /**
     * Decompresses (or copies) the archive into {@code file} only as far as Go's tar reader goes:
     * the headers are walked as the bytes arrive, and once the end-of-archive marker is reached
     * only its record padding and one byte more are pulled, to learn whether data follows (ARC-9).
     */
    private static void copy(
        InputStream in, Compression compression, Path file, ReaderOptions options, String what)
        throws ArchiveException {
      long limit = options.maxArchiveSize();
      try (InputStream data = compression.decompress(in);
          FileChannel out =
              FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        Pull pull = new Pull(data, out, limit, what);
        try {
          long end = GoTarReader.walk(pull).end();
          long recordEnd = (end + TarIndex.RECORD - 1) / TarIndex.RECORD * TarIndex.RECORD;
          pull.have(end, recordEnd - end + 1);
        } catch (GoTarReader.TarFormatException e) {
          // Opening reports it: the index walks the same bytes and fails the same way.
        } catch (IOException e) {
          throw pull.failure(compression, file, e);
        }
      } catch (ArchiveException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw failure(compression, what, file, 0, e);
      }
    }

    private static ArchiveException failure(
        Compression compression, String what, Path file, long total, Throwable e) {
      String stage =
          compression == Compression.NONE
              ? "copying " + what + " to temporary file \"" + file + "\""
              : "decompressing "
                  + compression.label()
                  + " "
                  + what
                  + " to temporary file \""
                  + file
                  + "\" after "
                  + total
                  + " bytes";
      if (e instanceof ArchiveException a) {
        return a;
      }
      if (isDiskError(e)) {
        return new ArchiveException("RD-1", stage + ": " + TarIndex.describe(e), e);
      }
      return new MalformedArchiveException("ARC-1", stage + ": " + TarIndex.describe(e), e);
    }

    /** The tar bytes pulled from the (decompressing) stream into the spool file on demand. */
    private static final class Pull implements GoTarReader.Input {
      private final InputStream data;
      private final FileChannel out;
      private final long limit;
      private final String what;
      private final byte[] buffer = new byte[1 << 16];
      private long written;
      private boolean eof;

      Pull(InputStream data, FileChannel out, long limit, String what) {
        this.data = data;
        this.out = out;
        this.limit = limit;
        this.what = what;
      }

      @Override
      public long have(long offset, long want) throws IOException {
        while (!eof && written - offset < want) {
          int n = data.read(buffer);
          if (n < 0) {
            eof = true;
            break;
          }
          if (written + n > limit) {
            throw new LimitExceededException(
                "SAFE-3", what + " decompresses to more than the limit of " + limit + " bytes");
          }
          java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buffer, 0, n);
          while (b.hasRemaining()) {
            out.write(b, written + b.position());
          }
          written += n;
        }
        return Math.max(0, Math.min(want, written - offset));
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length);
        while (b.hasRemaining() && out.read(b, offset + b.position()) >= 0) {
          // read fully
        }
        return b.array();
      }

      ArchiveException failure(Compression compression, Path file, IOException e) {
        return Spooled.failure(compression, what, file, written, e);
      }
    }

    private static boolean isDiskError(Throwable e) {
      String message = String.valueOf(e.getMessage());
      return message.contains("No space left") || message.contains("Disk quota");
    }

    static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Best effort on a failure path; the original error is more useful to the caller.
      }
    }
  }
}
