package io.github.dockerarchive.testkit.conformance;

import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.Descriptor;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.layout.DirInput;
import io.github.dockerarchive.testkit.layout.OciLayoutInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What an image holds, as the suite's own reader sees it: the manifest, the config bytes and the
 * digest of every layer's uncompressed content (its diffID), whatever compression it was stored in.
 * Two copies of an image are the same when their configs and diffIDs are.
 *
 * @param manifest the manifest as served (schema 2 or OCI)
 * @param manifestBytes its bytes
 * @param config the config bytes
 * @param diffIds the sha256 of each layer's decompressed bytes, in manifest order
 * @param repoTags the tags of the archive item ({@code RepoTags}), empty for {@code oci:}/{@code
 *     dir:}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImageContent(
    ImageManifest manifest,
    byte[] manifestBytes,
    byte[] config,
    List<Digest> diffIds,
    List<String> repoTags) {

  /**
   * Copies the lists.
   *
   * @param manifest the manifest as served (schema 2 or OCI)
   * @param manifestBytes its bytes
   * @param config the config bytes
   * @param diffIds the sha256 of each layer's decompressed bytes, in manifest order
   * @param repoTags the tags of the archive item ({@code RepoTags}), empty for {@code oci:}/{@code
   *     dir:}
   */
  public ImageContent {
    diffIds = List.copyOf(diffIds);
    repoTags = List.copyOf(repoTags);
  }

  /**
   * The config digest (the image ID).
   *
   * @return the sha256 of the config bytes
   */
  public Digest configDigest() {
    return Digest.sha256(config);
  }

  /**
   * Reads an image of an OCI layout.
   *
   * @param directory the layout
   * @param name the image's {@code org.opencontainers.image.ref.name}, or null for the only one
   * @return the content
   * @throws IOException when the layout cannot be read
   */
  public static ImageContent ofOci(Path directory, String name) throws IOException {
    try (ImageInput in = OciLayoutInput.open(directory, name)) {
      return of(in, List.of());
    }
  }

  /**
   * Reads the image of a {@code dir:} directory.
   *
   * @param directory the directory
   * @return the content
   * @throws IOException when it cannot be read
   */
  public static ImageContent ofDir(Path directory) throws IOException {
    try (ImageInput in = DirInput.open(directory)) {
      return of(in, List.of());
    }
  }

  /**
   * Reads one image of a docker-archive with the suite's reader.
   *
   * @param reference {@code docker-archive:PATH[:REF|:@N]}
   * @return the content, with the item's tags
   * @throws IOException when the archive cannot be read
   */
  public static ImageContent ofArchive(String reference) throws IOException {
    ArchiveReference ref = ArchiveReference.parseTransport(reference);
    try (ImageSource in = ImageSource.open(ref, ReaderOptions.defaults())) {
      ManifestItem item = in.selection().item();
      return of(in, item.repoTags() == null ? List.of() : item.repoTags());
    }
  }

  /**
   * Reads an image from any input, hashing every layer's decompressed bytes.
   *
   * @param in the image
   * @param repoTags the tags to record
   * @return the content
   * @throws IOException when a blob cannot be read
   */
  public static ImageContent of(ImageInput in, List<String> repoTags) throws IOException {
    byte[] manifestBytes = in.manifestBytes();
    ImageManifest manifest = ImageManifest.parse(manifestBytes, in.manifestMediaType());
    byte[] config;
    try (BlobStream s = in.getBlob(manifest.config().digest())) {
      config = s.readAllBytes();
    }
    List<Digest> diffIds = new ArrayList<>();
    for (Descriptor layer : manifest.layers()) {
      try (BlobStream s = in.getBlob(layer.digest())) {
        diffIds.add(uncompressedDigest(s));
      }
    }
    return new ImageContent(manifest, manifestBytes, config, diffIds, repoTags);
  }

  /**
   * The sha256 of a stream's bytes after decompression (by magic bytes; plain bytes as they are).
   *
   * @param stream the bytes, possibly compressed
   * @return the digest of the uncompressed bytes
   * @throws IOException when the stream fails
   */
  public static Digest uncompressedDigest(InputStream stream) throws IOException {
    BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
    in.mark(Compression.MAGIC_LENGTH);
    byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
    in.reset();
    Compression c = Compression.detect(head, head.length);
    MessageDigest sha = Digest.newSha256();
    try (InputStream plain = c.decompress(in);
        OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      plain.transferTo(sink);
    }
    return Digest.ofSha256(sha.digest());
  }

  /**
   * Whether the other image has the same config bytes and diffIDs.
   *
   * @param other the other image
   * @return true when they are the same image
   */
  public boolean sameImageAs(ImageContent other) {
    return Arrays.equals(config, other.config) && diffIds.equals(other.diffIds);
  }

  /**
   * What differs from an expected image, in one line, or empty when nothing does.
   *
   * @param expected the image expected
   * @return the difference
   */
  public String differenceFrom(ImageContent expected) {
    if (!Arrays.equals(config, expected.config)) {
      return "config " + configDigest() + " differs from the expected " + expected.configDigest();
    }
    if (!diffIds.equals(expected.diffIds)) {
      return "layer contents (diffIDs) "
          + diffIds
          + " differ from the expected "
          + expected.diffIds;
    }
    return "";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageContent c
        && Arrays.equals(manifestBytes, c.manifestBytes)
        && Arrays.equals(config, c.config)
        && diffIds.equals(c.diffIds)
        && repoTags.equals(c.repoTags);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(config) * 31 + diffIds.hashCode();
  }

  @Override
  public String toString() {
    return "ImageContent[config="
        + configDigest()
        + ", diffIds="
        + diffIds
        + ", tags="
        + repoTags
        + "]";
  }
}
