package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.UnknownBlobException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.VerifyingCopy;
import io.github.dockerarchive.testkit.files.Spool;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.internal.Cleanup;
import io.github.dockerarchive.testkit.internal.TemporaryFiles;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.writer.LegacyLayers.LegacyLayer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;

/**
 * Writes one docker-archive holding one or more images (the reference's {@code tarfile.Writer} with
 * {@code docker/archive.Writer}; WR-1, WR-6..WR-12). Each image goes through its own {@link
 * ImageDestination} from {@link #newImage(DockerReference)}; blobs are written once per archive;
 * {@code manifest.json} and {@code repositories} are written on {@link #close()}.
 *
 * <p>Where the reference is known to be wrong this writer does better (FIX rules): every blob is
 * verified against its digest and size while it is written, and a failed blob leaves no byte behind
 * (WR-2); the same image written through a second destination merges its tags (WR-9), while a tag
 * that another image already holds is refused with a {@link DuplicateTagException} (WR-13: the
 * reference writes both, and loaders then disagree on which image the tag names); a file target
 * appears only on {@code close()} after at least one commit (WR-10), and never after {@link
 * #discard()}. Only committed images are listed in {@code manifest.json} (the reference lists every
 * image whose manifest was put). A blob given with a non-sha256 digest is verified with that
 * digest's algorithm but stored and reported under its sha256 digest, as the reference's spooling
 * path does; the given digest is remembered as an alias, so manifests and {@code tryReusingBlob}
 * may use either.
 *
 * <p>Blobs of any size are written (WR-14): headers are USTAR, and a blob of 8 GiB or more, whose
 * size does not fit the 11 octal digits of the size field, gets a PAX extended header with a {@code
 * size} record before its header, which is what Go's {@code archive/tar} Writer (and so the
 * reference) chooses when USTAR cannot hold a header: PAX before GNU base-256.
 *
 * <p>Thread-safe: one lock guards the archive, as in the reference. A blob that must be spooled is
 * read before the lock is taken; a blob streamed straight into a file holds it while it is read.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveWriter implements Closeable {
  /** The marker in the names of temporary files, {@code .<target>.dockerarchive-tmp-<random>}. */
  public static final String TEMPORARY_MARKER = ".dockerarchive-tmp-";

  private static final String VERSION = "1.0";

  /** The name prefix of the temporary files blobs are spooled to (WR-3). */
  private static final String SPOOL_PREFIX = "dockerarchive-spool-";

  private final ReentrantLock lock = new ReentrantLock();
  private final WriterOptions options;
  private final String description;
  private final Path target;
  private final Path temporary;
  private final TarSink sink;
  private final GoTarWriter tar;

  private final Map<Digest, BlobRecord> blobs = new HashMap<>();
  private final Map<Digest, byte[]> configs = new HashMap<>();
  private final Set<String> legacyIds = new HashSet<>();
  private final CommittedImages images = new CommittedImages();
  private boolean committed;
  private boolean closed;
  private IOException failure;

  private ArchiveWriter(
      WriterOptions options, String description, Path target, Path temporary, TarSink sink)
      throws ArchiveException {
    this.options = options;
    this.description = description;
    this.target = target;
    this.temporary = temporary;
    this.sink = sink;
    this.tar = new GoTarWriter(sink);
    if (options.layout() == Layout.DOCKER_HYBRID) {
      try {
        tar.writeDirectory("blobs/");
        tar.writeDirectory("blobs/sha256/");
      } catch (IOException e) {
        abandon(e);
        throw new ArchiveException(
            null, "writing to " + description + " failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts an archive at {@code target}. It is written to a temporary file in the same directory
   * ({@code .<name>.dockerarchive-tmp-<random>}), renamed to {@code target} atomically by {@link
   * #close()} when at least one image was committed, and deleted otherwise (WR-10). An existing
   * FIFO or device at {@code target} is written to directly, without the temporary file.
   *
   * @param target the archive path
   * @param options the settings
   * @return the writer; close it
   * @throws ArchiveException (WR-11) {@code docker-archive doesn't support modifying existing
   *     images} when {@code target} is a non-empty regular file and {@link
   *     WriterOptions#replaceExisting()} is false, or when {@code target} is a directory; or when
   *     the temporary file cannot be created
   */
  public static ArchiveWriter create(Path target, WriterOptions options) throws ArchiveException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Path absolute = target.toAbsolutePath();
    try {
      if (Files.isDirectory(absolute)) {
        throw new ArchiveException(
            "WR-11", "cannot write a docker-archive to " + target + ": it is a directory");
      }
      if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
        OutputStream out = Files.newOutputStream(absolute, StandardOpenOption.WRITE);
        return new ArchiveWriter(options, target.toString(), null, null, TarSink.of(out, true));
      }
      if (Files.isRegularFile(absolute) && Files.size(absolute) > 0 && !options.replaceExisting()) {
        throw new ArchiveException(
            "WR-11",
            "docker-archive doesn't support modifying existing images: "
                + target
                + " already exists and holds "
                + Files.size(absolute)
                + " bytes; to replace it use WriterOptions.withReplaceExisting(true) (copy --replace)");
      }
      Path temporary = TemporaryFiles.createBeside(absolute, TEMPORARY_MARKER);
      FileChannel channel;
      try {
        channel = FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (IOException e) {
        Files.deleteIfExists(temporary);
        throw e;
      }
      return new ArchiveWriter(
          options, target.toString(), absolute, temporary, TarSink.of(channel, options.durable()));
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(
          "WR-10", "cannot start a docker-archive at " + target + ": " + e, e);
    }
  }

  /**
   * Starts an archive written to a stream (a pipe, stdout). There is no atomicity: the bytes go out
   * as they are written, but a blob is spooled and verified before any of it is written (WR-2).
   * {@link #close()} finishes the archive and flushes, but does not close {@code out}.
   *
   * @param out the stream
   * @param options the settings ({@link WriterOptions#replaceExisting()} does not apply)
   * @return the writer; close it
   * @throws ArchiveException if the first entries cannot be written (hybrid layout)
   */
  public static ArchiveWriter create(OutputStream out, WriterOptions options)
      throws ArchiveException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(options, "options");
    return new ArchiveWriter(options, "stream", null, null, TarSink.of(out, false));
  }

  /**
   * Deletes temporary files that writers for {@code target} left behind when their process died
   * ({@code .<name>.dockerarchive-tmp-*} beside it). Call it only while no writer for that target
   * is running.
   *
   * @param target the archive path
   * @return the number of files deleted
   * @throws IOException if the directory cannot be listed or a file cannot be deleted
   */
  public static int deleteLeftovers(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    String prefix = "." + absolute.getFileName() + TEMPORARY_MARKER;
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(absolute.getParent())) {
      for (Path file : files) {
        if (file.getFileName().toString().startsWith(prefix) && Files.isRegularFile(file)) {
          Files.delete(file);
          deleted++;
        }
      }
    }
    return deleted;
  }

  /**
   * Starts an image (WR-1).
   *
   * @param tagOrNull the tag to store it under, or {@code null} for an untagged image ({@code
   *     "RepoTags":[]}); a name without a tag gets {@code latest}
   * @return the destination; blobs, then the manifest, then {@link ImageDestination#commit()}
   * @throws InvalidReferenceException (REF-1) when the reference has a digest
   * @throws ArchiveClosedException when the writer is closed
   */
  public ImageDestination newImage(DockerReference tagOrNull) throws ArchiveException {
    lock.lock();
    try {
      ensureUsable();
    } finally {
      lock.unlock();
    }
    ImageDestination destination = new ImageDestination(this);
    if (tagOrNull != null) {
      destination.addRepoTags(List.of(tagOrNull));
    }
    return destination;
  }

  /**
   * The settings.
   *
   * @return the options this writer was made with
   */
  public WriterOptions options() {
    return options;
  }

  /**
   * Whether an image has been committed, so that {@link #close()} keeps the archive.
   *
   * @return true after the first commit
   */
  public boolean hasCommitted() {
    lock.lock();
    try {
      return committed;
    } finally {
      lock.unlock();
    }
  }

  static DockerReference tagged(DockerReference reference) throws InvalidReferenceException {
    if (reference.hasDigest()) {
      throw new InvalidReferenceException(
          "REF-1", "docker-archive doesn't support digest references: " + reference.canonical());
    }
    return reference.withDefaultTag();
  }

  // ---------------------------------------------------------------------------------------------
  // Blobs

  BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig) throws ArchiveException {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(info, "info");
    Optional<BlobInfo> known = info.digest() == null ? Optional.empty() : reuse(info, isConfig);
    if (known.isPresent()) {
      return known.get();
    }
    String what =
        (isConfig ? "config " : "blob ")
            + (info.digest() == null ? "of unknown digest" : info.digest().toString());
    VerifyingCopy copy = new VerifyingCopy(what, info.digest(), info.size());
    if (isConfig) {
      return putConfig(stream, info, copy);
    }
    boolean streamable =
        info.isComplete() && info.digest().algorithm().equals(Digest.SHA256) && tar.canRollBack();
    if (streamable) {
      lock.lock();
      try {
        ensureUsable();
        BlobRecord existing = blobs.get(info.digest());
        if (existing == null) {
          existing = writeStreamed(info.digest(), stream, copy, info.size());
        }
        return new BlobInfo(existing.digest(), existing.size(), info.mediaType());
      } finally {
        lock.unlock();
      }
    }
    Spool spool = new Spool(options.spoolThreshold(), options.spoolDirectory(), SPOOL_PREFIX);
    Digest sha256 = spool(stream, copy, spool);
    try {
      lock.lock();
      try {
        ensureUsable();
        BlobRecord record = blobs.get(sha256);
        if (record == null) {
          record = writeSpooled(spool, sha256, blobPath(sha256, false));
        }
        alias(info.digest(), record);
        return new BlobInfo(record.digest(), record.size(), info.mediaType());
      } finally {
        lock.unlock();
      }
    } finally {
      try {
        spool.delete();
      } catch (IOException e) {
        throw new ArchiveException(
            "WR-3", "deleting the spool file of " + what + " failed: " + e.getMessage(), e);
      }
    }
  }

  private Optional<BlobInfo> reuse(BlobInfo info, boolean isConfig) throws ArchiveException {
    lock.lock();
    try {
      ensureUsable();
      BlobRecord record = blobs.get(info.digest());
      if (record == null || (isConfig && !configs.containsKey(record.digest()))) {
        return Optional.empty();
      }
      return Optional.of(new BlobInfo(record.digest(), record.size(), info.mediaType()));
    } finally {
      lock.unlock();
    }
  }

  private BlobInfo putConfig(InputStream stream, BlobInfo info, VerifyingCopy copy)
      throws ArchiveException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long limit = options.configLimit();
    try {
      copy.copy(
          stream,
          (b, off, len) -> {
            if (bytes.size() + (long) len > limit) {
              throw new LimitExceededException(
                  "WR-3",
                  "reading config "
                      + (info.digest() == null ? "" : info.digest() + " ")
                      + "failed: exceeded maximum allowed size of "
                      + limit
                      + " bytes");
            }
            bytes.write(b, off, len);
          });
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new ArchiveException(null, "reading config failed: " + e.getMessage(), e);
    }
    Digest sha256 = copy.check();
    byte[] config = bytes.toByteArray();
    lock.lock();
    try {
      ensureUsable();
      BlobRecord record = blobs.get(sha256);
      if (record == null) {
        record = writeGroup(sha256, blobPath(sha256, true), config);
      }
      configs.putIfAbsent(sha256, config);
      alias(info.digest(), record);
      return new BlobInfo(record.digest(), record.size(), info.mediaType());
    } finally {
      lock.unlock();
    }
  }

  Optional<BlobInfo> tryReusingBlob(BlobInfo info) throws ArchiveException {
    Objects.requireNonNull(info, "info");
    if (info.digest() == null) {
      throw new ArchiveException("WR-4", "Can not check for a blob with unknown digest");
    }
    lock.lock();
    try {
      ensureUsable();
      BlobRecord record = blobs.get(info.digest());
      return record == null
          ? Optional.empty()
          : Optional.of(new BlobInfo(record.digest(), record.size(), info.mediaType()));
    } finally {
      lock.unlock();
    }
  }

  private void alias(Digest given, BlobRecord record) {
    if (given != null) {
      blobs.putIfAbsent(given, record);
    }
  }

  private String blobPath(Digest sha256, boolean isConfig) {
    if (options.layout() == Layout.DOCKER_HYBRID) {
      return "blobs/sha256/" + sha256.hex();
    }
    return sha256.hex() + (isConfig ? ".json" : ".tar");
  }

  /** Streams a blob of known sha256 and size into the file, taking it back on any failure. */
  private BlobRecord writeStreamed(Digest digest, InputStream stream, VerifyingCopy copy, long size)
      throws ArchiveException {
    String name = blobPath(digest, false);
    long start = position();
    try {
      tar.beginFile(name, size);
      copy.copy(stream, tar::writeData);
      copy.check();
      tar.endFile();
    } catch (IOException | RuntimeException e) {
      throw rollBack(start, name, e);
    }
    return record(digest, size, name);
  }

  /**
   * Reads {@code in} to its end through {@code copy} into {@code spool} and checks it (WR-2, WR-3);
   * on any failure the spool is deleted before the exception leaves.
   */
  private static Digest spool(InputStream in, VerifyingCopy copy, Spool spool)
      throws ArchiveException {
    try {
      try {
        copy.copy(in, spool::write);
        spool.close();
      } catch (ArchiveException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveException(
            "WR-3", "spooling a blob to " + spool.file() + " failed: " + e.getMessage(), e);
      }
      return copy.check();
    } catch (ArchiveException | RuntimeException e) {
      Cleanup.after(e, spool::delete);
      throw e;
    }
  }

  private BlobRecord writeSpooled(Spool spool, Digest sha256, String name) throws ArchiveException {
    long start = position();
    try (InputStream in = spool.open()) {
      tar.beginFile(name, spool.size());
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        tar.writeData(buffer, 0, n);
      }
      tar.endFile();
    } catch (IOException | RuntimeException e) {
      throw rollBack(start, name, e);
    }
    return record(sha256, spool.size(), name);
  }

  /** Writes one complete file; on failure nothing of it remains (or the writer is failed). */
  private BlobRecord writeGroup(Digest digest, String name, byte[] data) throws ArchiveException {
    long start = position();
    try {
      tar.writeFile(name, data);
    } catch (IOException | RuntimeException e) {
      throw rollBack(start, name, e);
    }
    return record(digest, data.length, name);
  }

  private BlobRecord record(Digest digest, long size, String name) {
    BlobRecord record = new BlobRecord(digest, size, name);
    blobs.put(digest, record);
    return record;
  }

  private long position() throws ArchiveException {
    try {
      return tar.position();
    } catch (IOException e) {
      failure = e;
      throw new ArchiveException(
          null, "writing to " + description + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Removes everything from {@code start} on after a failed entry (WR-2). When that is impossible
   * (a stream target, or the file cannot be cut) the writer is failed: every later call fails.
   */
  private ArchiveException rollBack(long start, String name, Exception cause) {
    if (tar.canRollBack()) {
      try {
        tar.rollBack(start);
      } catch (IOException e) {
        cause.addSuppressed(e);
        failure = e;
      }
    } else {
      failure = cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }
    if (cause instanceof ArchiveException archiveException) {
      return archiveException;
    }
    return new ArchiveException(
        null, "writing " + name + " to " + description + " failed: " + cause.getMessage(), cause);
  }

  // ---------------------------------------------------------------------------------------------
  // Manifests and commits

  PreparedImage putManifest(byte[] manifestBytes) throws ArchiveException {
    SchemaTwoManifest manifest = SchemaTwoManifest.parse(manifestBytes);
    lock.lock();
    try {
      ensureUsable();
      BlobRecord config = blobs.get(manifest.config());
      if (config == null) {
        throw new UnknownBlobException(
            "WR-5",
            "manifest config.digest "
                + manifest.config()
                + " was not written to this archive; put the config blob first");
      }
      byte[] configBytes = configs.get(config.digest());
      if (configBytes == null) {
        throw new UnknownBlobException(
            "WR-5",
            "manifest config.digest "
                + manifest.config()
                + " was written as a layer, not as a config (putBlob with isConfig=true)");
      }
      List<BlobRecord> layers = new ArrayList<>();
      for (int i = 0; i < manifest.layers().size(); i++) {
        BlobRecord layer = blobs.get(manifest.layers().get(i));
        if (layer == null) {
          throw new UnknownBlobException(
              "WR-5",
              "manifest layers["
                  + i
                  + "].digest "
                  + manifest.layers().get(i)
                  + " was not written to this archive; put the layer blobs first");
        }
        layers.add(layer);
      }
      List<String> layerPaths = layers.stream().map(BlobRecord::path).toList();
      images.checkCompatible(
          new PreparedImage(config.digest(), config.path(), layerPaths, null, null));
      List<LegacyLayer> legacy =
          LegacyLayers.compute(manifest.layers(), configBytes, config.path());
      String topId = legacy.isEmpty() ? null : legacy.get(legacy.size() - 1).id();
      BlobRecord ociManifest = null;
      if (options.layout() == Layout.DOCKER_ARCHIVE) {
        for (int i = 0; i < legacy.size(); i++) {
          writeLegacyLayer(legacy.get(i), layers.get(i));
        }
      } else {
        byte[] oci = OciDocuments.imageManifest(config, layers);
        Digest digest = Digest.sha256(oci);
        ociManifest = blobs.get(digest);
        if (ociManifest == null) {
          ociManifest = writeGroup(digest, blobPath(digest, false), oci);
        }
      }
      return new PreparedImage(config.digest(), config.path(), layerPaths, topId, ociManifest);
    } finally {
      lock.unlock();
    }
  }

  /** {@code <id>/layer.tar} (symlink), {@code <id>/VERSION}, {@code <id>/json}, all or nothing. */
  private void writeLegacyLayer(LegacyLayer layer, BlobRecord blob) throws ArchiveException {
    if (legacyIds.contains(layer.id())) {
      return;
    }
    long start = position();
    String name = layer.id() + "/";
    try {
      tar.writeSymlink(name + "layer.tar", "../" + blob.path());
      tar.writeFile(name + "VERSION", VERSION.getBytes(StandardCharsets.US_ASCII));
      tar.writeFile(name + "json", layer.json());
    } catch (IOException | RuntimeException e) {
      throw rollBack(start, name, e);
    }
    legacyIds.add(layer.id());
  }

  int commit(PreparedImage image, List<DockerReference> tags) throws ArchiveException {
    lock.lock();
    try {
      ensureUsable();
      images.checkCompatible(image);
      images.checkTags(image.configDigest(), tags);
      int index = images.add(image, tags);
      committed = true;
      return index;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses tags another image of this archive already holds (WR-13). */
  void checkTags(Digest configDigest, List<DockerReference> tags) throws ArchiveException {
    lock.lock();
    try {
      ensureUsable();
      images.checkTags(configDigest, tags);
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Closing

  /**
   * Gives the archive up: nothing appears at the target path, whatever was committed, and the
   * temporary file is deleted (WR-10). For a copy of several images that must be all or nothing:
   * call it when one of them fails, then {@link #close()} (which then does nothing). On a stream
   * target the bytes already written stay written, and the archive is left unfinished. A second
   * call, or a call after {@link #close()}, does nothing.
   */
  public void discard() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      IOException cause = new IOException("discarded");
      abandon(cause);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Finishes the archive: {@code manifest.json} ({@code null} when nothing was committed) and
   * {@code repositories} (and, for the hybrid layout, {@code index.json} and {@code oci-layout}),
   * then the trailer. On a path target the temporary file then becomes the archive if an image was
   * committed, and is deleted otherwise (WR-10). A second call does nothing.
   *
   * @throws ArchiveException if finishing fails (the temporary file is deleted), or if the writer
   *     failed earlier beyond repair
   */
  @Override
  public void close() throws ArchiveException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (failure != null) {
          throw new ArchiveException(
              null,
              "the archive "
                  + description
                  + " was not finished: an earlier write failed: "
                  + failure.getMessage(),
              failure);
        }
        if (options.layout() == Layout.DOCKER_HYBRID) {
          tar.writeFile("index.json", images.ociIndexJson());
          tar.writeFile("manifest.json", images.manifestJson());
          tar.writeFile("oci-layout", OciDocuments.OCI_LAYOUT);
          if (images.hasRepositories()) {
            tar.writeFile("repositories", images.repositoriesJson());
          }
        } else {
          tar.writeFile("manifest.json", images.manifestJson());
          tar.writeFile("repositories", images.repositoriesJson());
        }
        tar.finish();
        sink.close();
        if (temporary != null) {
          if (committed) {
            Files.move(
                temporary,
                target,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } else {
            Files.delete(temporary);
          }
        }
      } catch (IOException | RuntimeException e) {
        abandon(e);
        if (e instanceof ArchiveException archiveException) {
          throw archiveException;
        }
        throw new ArchiveException(
            "WR-10", "finishing the archive " + description + " failed: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void abandon(Exception cause) {
    Cleanup.after(
        cause,
        sink::close,
        () -> {
          if (temporary != null) {
            Files.deleteIfExists(temporary);
          }
        });
  }

  private void ensureUsable() throws ArchiveException {
    if (closed) {
      throw new ArchiveClosedException(
          null,
          "Internal error: trying to use an already closed archive writer for " + description);
    }
    if (failure != null) {
      throw new ArchiveException(
          null,
          "the archive writer for " + description + " failed earlier: " + failure.getMessage(),
          failure);
    }
  }
}
