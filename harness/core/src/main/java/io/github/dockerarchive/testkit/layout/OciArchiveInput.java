package io.github.dockerarchive.testkit.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.internal.Cleanup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One image of an OCI image layout in a tar file ({@code oci-archive:PATH[:REF]}, OAR-1), the
 * layout skopeo's {@code oci-archive:} transport reads and writes. The tar may be compressed (gzip,
 * bzip2, xz, zstd, found by magic bytes, as {@link ArchiveReader} does); it is read in place
 * through the reader's tar index, never extracted.
 *
 * <p>{@code index.json} leads to the image: the descriptor whose {@code
 * org.opencontainers.image.ref.name} is REF, or the only one (OAR-2); an image index on the way is
 * resolved to one platform (OAR-3), through at most {@value #MAX_NESTED_INDEXES} nested indexes
 * (OAR-4). Every blob read is checked against its descriptor (OAR-5); blobs of platforms not
 * selected are never opened, so they may be absent (DIA-7).
 *
 * <pre>{@code
 * try (OciArchiveInput image =
 *     OciArchiveInput.open(Path.of("image.oci.tar"), "latest", Platform.parse("linux/arm64"))) {
 *   System.out.println(image.manifestDigest());
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OciArchiveInput extends ChosenOciInput {
  /** How many image indexes may be followed below {@code index.json} before giving up (OAR-4). */
  public static final int MAX_NESTED_INDEXES = 8;

  private final ArchiveReader reader;
  private final Path path;
  private final String name;

  private OciArchiveInput(
      ArchiveReader reader, Path path, String name, TarBlobs blobs, OciIndexes.Chosen chosen) {
    super(blobs, chosen);
    this.reader = reader;
    this.path = path;
    this.name = name;
  }

  /**
   * Opens the image of a layout tarball; an image index is resolved to {@link Platform#DEFAULT}.
   *
   * @param path the tar file, plain or compressed
   * @param name the {@code org.opencontainers.image.ref.name} to select, or null for the only image
   * @return the image; close it to release the tar (and its decompressed copy)
   * @throws ArchiveException if the file is no layout tarball or the image is not found
   */
  public static OciArchiveInput open(Path path, String name) throws ArchiveException {
    return open(path, name, Platform.DEFAULT);
  }

  /**
   * Opens the image of a layout tarball.
   *
   * @param path the tar file, plain or compressed
   * @param name the {@code org.opencontainers.image.ref.name} to select, or null for the only image
   * @param platform the platform an image index is resolved to
   * @return the image; close it to release the tar (and its decompressed copy)
   * @throws ArchiveException (OAR-1..5) if the file is no layout tarball, the image or platform is
   *     not found, the indexes nest too deep or loop, or a blob on the way is missing or wrong
   */
  public static OciArchiveInput open(Path path, String name, Platform platform)
      throws ArchiveException {
    String where = "oci-archive:" + path + (name == null ? "" : ":" + name);
    ArchiveReader reader = ArchiveReader.openTar(path, ReaderOptions.defaults());
    try {
      TarBlobs blobs = new TarBlobs(reader);
      OciIndexes.Chosen chosen =
          OciIndexes.choose(readIndex(reader, where), name, platform, blobs, where);
      return new OciArchiveInput(reader, path, name, blobs, chosen);
    } catch (ArchiveException | RuntimeException e) {
      Cleanup.after(e, reader::close);
      throw e;
    }
  }

  private static JsonNode readIndex(ArchiveReader reader, String where) throws ArchiveException {
    try {
      reader.resolve("index.json", "OAR-1");
    } catch (EntryNotFoundException e) {
      throw new EntryNotFoundException(
          "OAR-1",
          "not an OCI layout tarball: "
              + where
              + " has no index.json"
              + (hasManifestJson(reader)
                  ? " (it has manifest.json: read it as docker-archive:)"
                  : ""),
          e);
    }
    byte[] bytes;
    try (InputStream in = reader.openEntry("index.json")) {
      bytes = in.readNBytes((int) OciIndexes.DOCUMENT_LIMIT + 1);
    } catch (IOException e) {
      throw new ArchiveException("OAR-1", "reading index.json of " + where + ": " + e, e);
    }
    if (bytes.length > OciIndexes.DOCUMENT_LIMIT) {
      throw new io.github.dockerarchive.testkit.LimitExceededException(
          "RD-3",
          "index.json of " + where + " is larger than " + OciIndexes.DOCUMENT_LIMIT + " bytes");
    }
    return OciIndexes.parse(bytes, "index.json of " + where, "OAR-1");
  }

  private static boolean hasManifestJson(ArchiveReader reader) {
    return reader.entries().stream().anyMatch(e -> e.name().equals("manifest.json"));
  }

  /**
   * The compression of the tar file as a whole.
   *
   * @return {@link Compression#NONE} for a plain tar
   */
  public Compression compression() {
    return reader.compression();
  }

  /**
   * The image indexes followed from {@code index.json} to the manifest, outermost first.
   *
   * @return their digests; empty when {@code index.json} names the manifest itself
   */
  public List<Digest> indexes() {
    return chosen().indexes();
  }

  @Override
  public String describe() {
    return "oci-archive:" + path + (name == null ? "" : ":" + name);
  }

  /**
   * Releases the tar file and deletes its decompressed copy, if one was made.
   *
   * @throws IOException if the copy cannot be deleted
   */
  @Override
  public void close() throws IOException {
    reader.close();
  }
}
