package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.internal.Cleanup;
import io.github.dockerarchive.testkit.internal.TemporaryFiles;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.tar.TarHeader;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Writes one image as an OCI image layout in a tar file ({@code oci-archive:PATH[:REF]}, OAR-6), as
 * skopeo's {@code oci-archive:} transport does: {@code oci-layout}, {@code index.json} (with the
 * {@code org.opencontainers.image.ref.name} REF when one is given) and {@code blobs/sha256/<hex>}.
 *
 * <p>The layout is assembled in a directory beside the target ({@link OciLayoutOutput}: every blob
 * verified before it gets its name), then {@link #commit()} writes the tar to a temporary file
 * beside the target ({@code .<name>.dockerarchive-tmp-*}, as {@link ArchiveWriter} does, WR-10) and
 * renames it over the target, replacing an existing file as skopeo does. {@link #close()} deletes
 * the directory, and the temporary file when the commit did not finish: a failed copy leaves
 * nothing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OciArchiveOutput extends BlobDirectoryOutput {
  /** The largest entry a plain USTAR header describes (11 octal digits). */
  static final long MAX_ENTRY_SIZE = 077777777777L;

  private static final int BUFFER = 1 << 20;

  private final Path target;
  private final String name;
  private final Path staging;
  private final OciLayoutOutput layout;
  private Path temporary;

  private OciArchiveOutput(Path target, String name, Path staging, OciLayoutOutput layout) {
    super(OciLayoutInput.blobsOf(staging));
    this.target = target;
    this.name = name;
    this.staging = staging;
    this.layout = layout;
  }

  /**
   * Starts a layout tarball.
   *
   * @param target the tar file to write (replaced on commit if it exists)
   * @param name the {@code org.opencontainers.image.ref.name} to give the image, or null
   * @return the output; close it
   * @throws ArchiveException (OAR-6) when the target is a directory or its directory is not
   *     writable
   */
  public static OciArchiveOutput create(Path target, String name) throws ArchiveException {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new ArchiveException(
          "OAR-6", "cannot write an oci-archive to " + target + ": it is a directory");
    }
    Path staging;
    try {
      staging =
          Files.createTempDirectory(
              absolute.getParent(), "." + absolute.getFileName() + ".dockerarchive-oci-");
    } catch (IOException e) {
      throw new ArchiveException("OAR-6", "cannot start an oci-archive at " + target + ": " + e, e);
    }
    try {
      return new OciArchiveOutput(absolute, name, staging, OciLayoutOutput.create(staging, name));
    } catch (ArchiveException | RuntimeException e) {
      Cleanup.after(e, () -> FileTrees.delete(staging));
      throw e;
    }
  }

  @Override
  public List<String> supportedManifestMediaTypes() {
    return layout.supportedManifestMediaTypes();
  }

  @Override
  public void putManifest(byte[] manifest) throws ArchiveException {
    layout.putManifest(manifest);
  }

  @Override
  public void addRepoTags(List<DockerReference> tags) {
    // An OCI layout names its image by the reference given to create(); Docker tags do not apply.
  }

  /**
   * Writes {@code index.json}, then the tar beside the target, and renames it over the target.
   *
   * @throws ArchiveException when {@link #putManifest} was not called or writing fails; the target
   *     is then untouched
   */
  @Override
  public void commit() throws ArchiveException {
    layout.commit();
    try {
      temporary = TemporaryFiles.createBeside(target, ArchiveWriter.TEMPORARY_MARKER);
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(temporary, StandardOpenOption.WRITE), BUFFER)) {
        writeTar(out);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ArchiveException("OAR-6", "writing oci-archive " + describe() + ": " + e, e);
    }
  }

  /** The layout's files in name order, directories first, as skopeo's tar of its directory. */
  private void writeTar(OutputStream out) throws IOException, ArchiveException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(staging)) {
      walk.filter(p -> !p.equals(staging)).sorted().forEach(files::add);
    }
    byte[] buffer = new byte[BUFFER];
    for (Path file : files) {
      String entry = staging.relativize(file).toString().replace('\\', '/');
      if (Files.isDirectory(file)) {
        out.write(TarHeader.of(TarHeader.DIRECTORY).name(entry + "/").mode(0755).encode());
        continue;
      }
      if (file.getFileName().toString().startsWith(".")) {
        continue; // a temporary file of the layout output, never part of the layout
      }
      long size = Files.size(file);
      if (size > MAX_ENTRY_SIZE) {
        throw new ArchiveException(
            "OAR-6",
            "blob "
                + entry
                + " holds "
                + size
                + " bytes, more than a USTAR header describes ("
                + MAX_ENTRY_SIZE
                + ")");
      }
      out.write(TarHeader.file(entry, size).mode(0644).encode());
      long copied = 0;
      try (InputStream in = Files.newInputStream(file)) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          copied += n;
        }
      }
      if (copied != size) {
        throw new IOException(entry + " changed while it was written: " + copied + " of " + size);
      }
      out.write(new byte[TarHeader.padding(size)]);
    }
    out.write(new byte[2 * TarHeader.BLOCK]);
  }

  private String describe() {
    return "oci-archive:" + target + (name == null ? "" : ":" + name);
  }

  /**
   * Deletes the layout directory, and the temporary tar when {@link #commit()} did not finish.
   *
   * @throws IOException when they cannot be deleted
   */
  @Override
  public void close() throws IOException {
    layout.close();
    Cleanup.all(
        () -> {
          if (temporary != null) {
            Files.deleteIfExists(temporary);
            temporary = null;
          }
        },
        () -> FileTrees.delete(staging));
  }
}
