package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.layout.DirOutput;
import io.github.dockerarchive.testkit.layout.OciLayoutOutput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ConfigSpec;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the writer checks share: small images made from specs, prepared as {@code oci:} or {@code
 * dir:} sources with the suite's own writer, and the checks of what a copy left in its destination
 * directory.
 */
final class WriteSupport {
  /** The seed of every image's content (fixed, so that a failure reproduces). */
  static final long SEED = 0x5EED_8L;

  /** The file name of the archive a copy writes, inside a directory of its own. */
  static final String ARCHIVE = "archive.tar";

  private WriteSupport() {}

  /**
   * A small image whose content and config are unique to {@code variant}: {@code layers} layers of
   * one file of {@code fileBytes} bytes each.
   */
  static ImageSpec image(String variant, int layers, int fileBytes) {
    List<LayerSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      specs.add(layer(variant + "-" + i, fileBytes));
    }
    return image(variant, specs);
  }

  /** An image of the given layers whose config is unique to {@code variant}. */
  static ImageSpec image(String variant, List<LayerSpec> layers) {
    ConfigSpec d = ConfigSpec.defaults();
    ConfigSpec config =
        new ConfigSpec(
            d.architecture(),
            d.os(),
            d.created(),
            d.env(),
            List.of("/bin/" + variant),
            Map.of("org.example.conformance.variant", variant));
    return new ImageSpec(List.of(), layers, config);
  }

  /** A layer of one file, whose bytes depend on its name (equal names give equal layers). */
  static LayerSpec layer(String name, int fileBytes) {
    return LayerSpec.of(FileSpec.file("data/" + name + ".bin", fileBytes));
  }

  /**
   * An image prepared as a source.
   *
   * @param reference what to give the implementation ({@code oci:DIR:NAME}, {@code dir:DIR})
   * @param directory the layout or directory
   * @param content what it holds, as the suite's reader sees it
   */
  record Source(String reference, Path directory, ImageContent content) {}

  /**
   * Writes one image into an OCI layout (created, or added to) under a reference name, so that
   * {@code oci:DIR:NAME} names it.
   */
  static Source oci(CheckContext context, Path layout, ImageSpec image, String refName)
      throws IOException {
    ArchiveSpec spec = ArchiveSpec.builder().image(image).seed(SEED).build();
    return oci(context, layout, spec, 0, refName);
  }

  /**
   * Writes one image of a spec into an OCI layout (created, or added to) under a reference name;
   * the spec's archive and JSON are kept in the scratch directory for the reproduction.
   */
  static Source oci(CheckContext context, Path layout, ArchiveSpec spec, int index, String refName)
      throws IOException {
    String name = layout.getFileName() + "-" + safe(refName) + ".source.tar";
    Path archive = context.fixture(name, spec).path();
    try (ImageInput in =
            ImageSource.open(
                ArchiveReference.ofIndex(archive.toString(), index), ReaderOptions.defaults());
        ImageOutput out = OciLayoutOutput.create(layout, refName)) {
      ImageCopier.copy(in, out, ImageCopier.Progress.NONE);
    }
    String reference = "oci:" + layout + ":" + refName;
    context.note(
        "./dockerarchive copy docker-archive:"
            + archive
            + ":@"
            + index
            + " "
            + reference
            + "  # source");
    return new Source(reference, layout, ImageContent.ofOci(layout, refName));
  }

  /** Writes one image into a {@code dir:} directory. */
  static Source dir(CheckContext context, Path directory, ImageSpec image) throws IOException {
    ArchiveFixture fixture = fixture(context, directory.getFileName().toString(), image);
    try (ImageInput in = openFirst(fixture);
        ImageOutput out = DirOutput.create(directory)) {
      ImageCopier.copy(in, out, ImageCopier.Progress.NONE);
    }
    String reference = "dir:" + directory;
    context.note(
        "./dockerarchive copy docker-archive:"
            + fixture.path()
            + ":@0 "
            + reference
            + "  # source");
    return new Source(reference, directory, ImageContent.ofDir(directory));
  }

  private static ArchiveFixture fixture(CheckContext context, String name, ImageSpec image)
      throws IOException {
    ArchiveSpec spec = ArchiveSpec.builder().image(image).seed(SEED).build();
    return context.fixture(name + ".source.tar", spec);
  }

  private static ImageInput openFirst(ArchiveFixture fixture) throws IOException {
    return ImageSource.open(
        ArchiveReference.ofIndex(fixture.path().toString(), 0), ReaderOptions.defaults());
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The path of a blob in an OCI layout. */
  static Path blob(Path layout, Digest digest) {
    return layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** The bytes of a source's blob as the source holds them (the layer as stored, or the config). */
  static byte[] blobBytes(Source source, Digest digest) throws IOException {
    return Files.readAllBytes(blob(source.directory(), digest));
  }

  /**
   * Reads an image with the suite's reader and compares it with what was written: config bytes,
   * layer contents (diffIDs) and tags.
   */
  static void requireSameImage(
      CheckContext context, String reference, ImageContent expected, List<String> tags, String what)
      throws CheckFailure {
    ImageContent got = context.readArchive(reference, what);
    String difference = got.differenceFrom(expected);
    CheckContext.require(difference.isEmpty(), what + ": " + difference);
    CheckContext.require(
        got.repoTags().equals(tags), what + ": RepoTags " + got.repoTags() + " instead of " + tags);
  }

  /**
   * Where the implementation copies an image it reads: {@code dir:} when it claims READ_TO_DIR (a
   * {@code dir:} copy keeps the manifest and config bytes as served), else {@code oci:}, where the
   * reference converts the config to OCI's (re-serialised: other bytes, same layers).
   *
   * @param context the check
   * @param name a directory name in the scratch directory
   * @return the destination reference
   */
  static String readDestination(CheckContext context, String name) {
    if (context.implementation().capabilities().contains(Capability.READ_TO_DIR)) {
      return "dir:" + context.path(name);
    }
    return "oci:" + context.path(name) + ":" + name;
  }

  /** Reads what a copy to {@link #readDestination} wrote, with the suite's reader. */
  static ImageContent readBack(CheckContext context, String destination, String what)
      throws CheckFailure {
    if (destination.startsWith("dir:")) {
      return context.readDir(Path.of(destination.substring("dir:".length())), what);
    }
    String rest = destination.substring("oci:".length());
    int colon = rest.lastIndexOf(':');
    return context.readOci(Path.of(rest.substring(0, colon)), rest.substring(colon + 1), what);
  }

  /**
   * Compares an image read back with the expected config and diffIDs. Through {@code dir:} the
   * config bytes must be the same; through {@code oci:} (converted by some implementations) the
   * config must still list the same {@code rootfs.diff_ids}.
   */
  static void requireRead(
      ImageContent got, String destination, Digest configDigest, List<Digest> diffIds, String what)
      throws CheckFailure {
    CheckContext.require(
        got.diffIds().equals(diffIds),
        what + ": layer contents (diffIDs) " + got.diffIds() + " instead of " + diffIds);
    if (destination.startsWith("dir:")) {
      CheckContext.require(
          got.configDigest().equals(configDigest),
          what + ": config " + got.configDigest() + " instead of " + configDigest);
      return;
    }
    List<String> listed = new ArrayList<>();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(got.config())
          .path("rootfs")
          .path("diff_ids")
          .forEach(d -> listed.add(d.asText()));
    } catch (IOException e) {
      throw new CheckFailure(what + ": the config is not JSON: " + e.getMessage());
    }
    List<String> expected = diffIds.stream().map(Digest::toString).toList();
    CheckContext.require(
        listed.equals(expected),
        what + ": the config lists rootfs.diff_ids " + listed + " instead of " + expected);
  }

  /** The names in a directory, sorted (hidden files included). */
  static List<String> listing(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * After a refused copy into {@code target}: nothing at the target, and nothing else in its
   * directory (no temporary or partial files).
   */
  static void requireNothingLeft(Path target, String why) throws IOException, CheckFailure {
    if (Files.exists(target)) {
      throw new CheckFailure(
          why + " left " + Files.size(target) + " bytes at the target " + target.getFileName());
    }
    List<String> left = listing(target.getParent());
    CheckContext.require(
        left.isEmpty(), why + " left files beside the target: " + String.join(", ", left));
  }

  /** Reads a blob of an input whole. */
  static byte[] readBlob(ImageInput in, Digest digest) throws IOException {
    try (BlobStream s = in.getBlob(digest)) {
      return s.readAllBytes();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A fresh directory holding nothing yet, and the archive path in it. */
  static Path target(CheckContext c, String directory) throws IOException {
    return c.directory(directory).resolve(ARCHIVE);
  }

  /** Scans an archive an implementation wrote, decompressing it first when it is compressed. */
  static TarScan scan(CheckContext c, Path archive) throws IOException, CheckFailure {
    return TarScan.read(archive, "the archive written (" + archive + ")");
  }

  /** The items of manifest.json, read with Jackson; a missing or malformed one fails. */
  static List<JsonNode> manifestItems(Path archive) throws IOException, CheckFailure {
    TarScan tar = TarScan.read(archive, "the archive written");
    byte[] bytes =
        tar.entry("manifest.json")
            .orElseThrow(() -> new CheckFailure("the archive has no manifest.json"))
            .data();
    JsonNode doc = parse(bytes, "manifest.json");
    require(doc.isArray(), "manifest.json is not a JSON array");
    List<JsonNode> items = new ArrayList<>();
    doc.forEach(items::add);
    return items;
  }

  /** A key of an item, matched case-insensitively as readers do (ARC-2). */
  static JsonNode field(JsonNode item, String key) {
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Parses JSON an implementation wrote; malformed JSON fails the check. */
  static JsonNode parse(byte[] bytes, String what) throws CheckFailure {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new CheckFailure(what + " is not JSON: " + e.getMessage());
    }
  }

  /**
   * Writes a one-layer image under a tag and reads the archive back.
   *
   * @return the RepoTags the archive stores
   */
  static List<String> writeTagged(CheckContext c, String tag) throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), WriteSupport.image("tag", 1, 700), "s");
    Path target = target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + tag)));
    ImageContent got = c.readArchive(archive(target, ""), "the archive written");
    // Only the layers identify the image here: config bytes are judged by WR-1's round trips.
    require(
        got.diffIds().equals(source.content().diffIds()),
        "the archive written holds layers "
            + got.diffIds()
            + ", not the source's "
            + source.content().diffIds());
    return got.repoTags();
  }
}
