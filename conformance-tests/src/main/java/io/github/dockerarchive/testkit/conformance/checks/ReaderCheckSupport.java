package io.github.dockerarchive.testkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Shared pieces of the reader checks (archive format, selection, source, corpus): hand-made inputs
 * written into the check's scratch directory, reads through the implementation (a copy into an
 * {@code oci:} layout or a {@code dir:} directory) and comparisons with what the input holds.
 *
 * <p>Everything the implementation produced is read with {@link CheckContext#readOci} or {@link
 * CheckContext#readDir}, so an unreadable output is the implementation's FAIL, never an ERROR.
 */
final class ReaderCheckSupport {
  /** Reading: a copy out of a docker-archive into {@code oci:}. */
  static final Set<Capability> READ = EnumSet.of(Capability.READ);

  /** Reading into {@code dir:}, which shows the manifest the implementation serves. */
  static final Set<Capability> READ_TO_DIR = EnumSet.of(Capability.READ, Capability.READ_TO_DIR);

  private ReaderCheckSupport() {}

  /**
   * Writes a hand-made input into the scratch directory and notes it for the reproduction.
   *
   * @param c the check's context
   * @param name the file name
   * @param bytes the content
   * @return the file
   * @throws IOException when it cannot be written
   */
  static Path input(CheckContext c, String name, byte[] bytes) throws IOException {
    Path file = c.path(name);
    Files.write(file, bytes);
    c.note("input (hand-made by the suite, kept with the failure): " + file);
    return file;
  }

  /**
   * The plain image most reader checks vary: two small uncompressed layers, one tag.
   *
   * @return a new image
   */
  static HandmadeImage plain() {
    return new HandmadeImage()
        .tags("example.com/app:1")
        .layerFiles("etc/one.txt", "first layer")
        .layerFiles("etc/two.txt", "second layer");
  }

  /**
   * Writes the archive of some hand-made images.
   *
   * @param c the check's context
   * @param images the images, in {@code manifest.json} order
   * @return the archive
   * @throws IOException when it cannot be written
   */
  static Path archiveOf(CheckContext c, HandmadeImage... images) throws IOException {
    return input(c, "archive.tar", HandmadeImage.archive(images).build());
  }

  /**
   * Copies an image out of an archive and reads it back: into a {@code dir:} directory when the
   * implementation claims {@link Capability#READ_TO_DIR} (it keeps the manifest and the config
   * bytes as served), else into an {@code oci:} layout (where a converting implementation such as
   * skopeo re-encodes the config for the OCI schema, changing its bytes).
   *
   * @param c the check's context
   * @param source the {@code docker-archive:} reference
   * @param out the destination's directory name in the scratch directory (must be new)
   * @return what the implementation read
   * @throws CheckFailure when the copy fails or its output is not a valid image
   * @throws InterruptedException when the run is interrupted
   */
  static ImageContent read(CheckContext c, String source, String out)
      throws CheckFailure, InterruptedException {
    if (c.implementation().capabilities().contains(Capability.READ_TO_DIR)) {
      Path dir = readToDir(c, source, out);
      return c.readDir(dir, "the image read from " + source);
    }
    return readToOci(c, source, out);
  }

  /**
   * Copies an image out of an archive into a new {@code oci:} layout and reads it back.
   *
   * @param c the check's context
   * @param source the {@code docker-archive:} reference
   * @param out the layout's directory name in the scratch directory (must be new)
   * @return what the implementation read
   * @throws CheckFailure when the copy fails or its output is not a valid image
   * @throws InterruptedException when the run is interrupted
   */
  static ImageContent readToOci(CheckContext c, String source, String out)
      throws CheckFailure, InterruptedException {
    Path layout = c.path(out);
    c.copySucceeds(CopyRequest.of(source, CheckContext.oci(layout)));
    return c.readOci(layout, CheckContext.OCI_NAME, "the image read from " + source);
  }

  /**
   * Copies an image out of an archive into a new {@code dir:} directory.
   *
   * @param c the check's context
   * @param source the {@code docker-archive:} reference
   * @param out the directory's name in the scratch directory (must be new)
   * @return the directory
   * @throws CheckFailure when the copy fails
   * @throws InterruptedException when the run is interrupted
   */
  static Path readToDir(CheckContext c, String source, String out)
      throws CheckFailure, InterruptedException {
    Path dir = c.path(out);
    c.copySucceeds(CopyRequest.of(source, "dir:" + dir));
    return dir;
  }

  /**
   * Copies an image out of an archive and expects a clean refusal.
   *
   * @param c the check's context
   * @param source the {@code docker-archive:} reference
   * @param out the destination's directory name (must be new)
   * @param why what makes the source wrong
   * @throws CheckFailure when the copy succeeds, crashes or hangs
   * @throws InterruptedException when the run is interrupted
   */
  static void refused(CheckContext c, String source, String out, String why)
      throws CheckFailure, InterruptedException {
    c.copyRefused(CopyRequest.of(source, CheckContext.oci(c.path(out))), why);
  }

  /**
   * Requires an image read to hold the expected config and layer contents.
   *
   * @param actual what the implementation read
   * @param configDigest the expected config digest (the config bytes' sha256)
   * @param diffIds the expected diffIDs, which the layer contents must hash to
   * @param what what was read, for the reason
   * @throws CheckFailure when they differ
   */
  static void expectImage(
      ImageContent actual, Digest configDigest, List<Digest> diffIds, String what)
      throws CheckFailure {
    CheckContext.require(
        actual.configDigest().equals(configDigest),
        what
            + ": config "
            + actual.configDigest().shortForm()
            + " read, expected "
            + configDigest.shortForm());
    CheckContext.require(
        actual.diffIds().equals(diffIds),
        what
            + ": layer contents hash to "
            + shortForms(actual.diffIds())
            + ", expected "
            + shortForms(diffIds));
  }

  /**
   * Requires an image read to be a hand-made image.
   *
   * @param actual what the implementation read
   * @param expected the image
   * @param what what was read, for the reason
   * @throws CheckFailure when they differ
   */
  static void expectImage(ImageContent actual, HandmadeImage expected, String what)
      throws CheckFailure {
    expectImage(actual, expected.configDigest(), expected.diffIds(), what);
  }

  /**
   * Requires an image read to be the image a synthetic archive's truth describes.
   *
   * @param actual what the implementation read
   * @param truth the truth
   * @param what what was read, for the reason
   * @throws CheckFailure when they differ
   */
  static void expectImage(ImageContent actual, ImageTruth truth, String what) throws CheckFailure {
    expectImage(actual, truth.configDigest(), truth.diffIds(), what);
  }

  /**
   * Requires a config read through a converting destination ({@code oci:}) to be the expected one
   * or its OCI re-encoding: byte-equal, or equal in {@code architecture}, {@code os} and {@code
   * rootfs} (what every re-encoding keeps).
   *
   * @param actual what the implementation read
   * @param expected the image
   * @param what what was read, for the reason
   * @throws CheckFailure when the config is another one
   */
  static void expectEquivalentConfig(ImageContent actual, HandmadeImage expected, String what)
      throws CheckFailure {
    if (java.util.Arrays.equals(actual.config(), expected.configBytes())) {
      return;
    }
    com.fasterxml.jackson.databind.JsonNode got;
    try {
      got = HandmadeImage.JSON.readTree(actual.config());
    } catch (IOException e) {
      throw new CheckFailure(what + ": the config is not JSON: " + e.getMessage());
    }
    ObjectNode want = expected.configNode();
    for (String field : List.of("architecture", "os", "rootfs")) {
      CheckContext.require(
          got != null && want.get(field).equals(got.get(field)),
          what
              + ": config field "
              + field
              + " is "
              + (got == null ? null : got.get(field))
              + ", expected "
              + want.get(field));
    }
  }

  /**
   * Requires the image read to be item {@code expected} of an archive; the reason names the item
   * read instead, when it is another item of the archive.
   *
   * @param actual what the implementation read
   * @param items the archive's images, in order
   * @param expected the index of the item that must have been read
   * @param selector the selector used, for the reason
   * @throws CheckFailure when another image was read
   */
  static void expectItem(
      ImageContent actual, List<HandmadeImage> items, int expected, String selector)
      throws CheckFailure {
    Digest got = actual.configDigest();
    if (!got.equals(items.get(expected).configDigest())) {
      int other = -1;
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).configDigest().equals(got)) {
          other = i;
        }
      }
      throw new CheckFailure(
          "selector \""
              + selector
              + "\" read "
              + (other >= 0 ? "item @" + other : "an image that is no item (config " + got + ")")
              + ", expected item @"
              + expected);
    }
    expectImage(actual, items.get(expected), "item @" + expected);
  }

  /**
   * A small hand-made image: one uncompressed layer holding one text file.
   *
   * @param text the file's content, which makes the image distinct
   * @param tags its RepoTags (none: {@code []})
   * @return the image
   */
  static HandmadeImage image(String text, String... tags) {
    return new HandmadeImage().tags(tags).layerFiles("content.txt", text);
  }

  /**
   * Builds an archive entry by entry from an image's parts, with every header changed by {@code
   * tweak}: the layers at their blob paths, the config, then {@code manifest.json}.
   *
   * @param image the image (its own layer paths and config path)
   * @param tweak a change applied to every header
   * @return the tar builder, which can take more entries
   */
  static HandmadeTar assemble(HandmadeImage image, Consumer<TarArchiveEntry> tweak) {
    HandmadeTar tar = new HandmadeTar();
    for (int i = 0; i < image.layers().size(); i++) {
      tar.file(image.blobPath(i), image.storedLayer(i), tweak);
    }
    tar.file(image.configPath(), image.configBytes(), tweak);
    tar.file("manifest.json", HandmadeImage.manifestJson(image), tweak);
    return tar;
  }

  /**
   * An OCI image manifest for an image (for decoy {@code index.json} documents).
   *
   * @param image the image
   * @return the manifest bytes
   */
  static byte[] ociManifest(HandmadeImage image) {
    ObjectNode m = HandmadeImage.JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    ObjectNode config = m.putObject("config");
    config.put("mediaType", MediaTypes.OCI_CONFIG);
    config.put("digest", image.configDigest().toString());
    config.put("size", image.configBytes().length);
    ArrayNode layers = m.putArray("layers");
    for (int i = 0; i < image.layers().size(); i++) {
      byte[] stored = image.storedLayer(i);
      ObjectNode d = layers.addObject();
      d.put("mediaType", MediaTypes.OCI_LAYER_TAR);
      d.put("digest", Digest.sha256(stored).toString());
      d.put("size", stored.length);
    }
    return HandmadeImage.toJson(m);
  }

  /**
   * Feeds bytes to a new named pipe (FIFO) in the scratch directory while an action reads it, then
   * makes sure the feeding thread ends even when the implementation never opened the pipe.
   *
   * @param c the check's context
   * @param name the pipe's name
   * @param bytes what to write into it (at most 64 KiB, a pipe's buffer, so that the feeder never
   *     blocks on a reader that stopped reading)
   * @param action what reads the pipe, given its path
   * @throws Exception what the action throws; IOException when no pipe can be made
   */
  static void throughFifo(CheckContext c, String name, byte[] bytes, FifoAction action)
      throws Exception {
    if (bytes.length > 60 * 1024) {
      throw new IllegalArgumentException("a FIFO input must stay below 60 KiB");
    }
    Path fifo = c.path(name);
    Process mkfifo =
        new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    String out = new String(mkfifo.getInputStream().readAllBytes());
    if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo " + fifo + " failed: " + out.strip());
    }
    c.note("mkfifo " + fifo + " and write the archive (" + bytes.length + " bytes) into it");
    List<IOException> feederError = new ArrayList<>();
    Thread feeder =
        new Thread(
            () -> {
              try (var o = Files.newOutputStream(fifo)) {
                o.write(bytes);
              } catch (IOException e) {
                // the implementation closed the pipe early; its copy decides the outcome
                feederError.add(e);
              }
            },
            "fifo-feeder");
    feeder.setDaemon(true);
    feeder.start();
    try {
      action.run(fifo);
    } finally {
      if (feeder.isAlive()) {
        // Opening read-write never blocks and releases a feeder still waiting for a reader.
        try (RandomAccessFile unblock = new RandomAccessFile(fifo.toFile(), "rw")) {
          feeder.join(10_000);
        }
      }
    }
  }

  /** What reads a FIFO. */
  @FunctionalInterface
  interface FifoAction {
    /**
     * Reads the pipe.
     *
     * @param fifo the pipe's path
     * @throws Exception as the check body may
     */
    void run(Path fifo) throws Exception;
  }

  private static String shortForms(List<Digest> digests) {
    List<String> s = new ArrayList<>();
    for (Digest d : digests) {
      s.add(d.shortForm());
    }
    return s.toString();
  }

  /** A check that one selector reads one item of a hand-made archive. */
  static Check selects(
      String rule,
      String name,
      String title,
      Supplier<List<HandmadeImage>> items,
      String selector,
      int expected) {
    String what = selector.isEmpty() ? "(none)" : selector;
    return onArchive(
        rule,
        name,
        title,
        "archive.tar",
        selector,
        ordinary(items),
        (c, source, images) -> expectItem(read(c, source, "out"), images, expected, what));
  }

  /** A check that one selector is refused on a hand-made archive. */
  static Check refuses(
      String rule,
      String name,
      String title,
      Supplier<List<HandmadeImage>> items,
      String selector,
      String why) {
    return onArchive(
        rule,
        name,
        title,
        "archive.tar",
        selector,
        ordinary(items),
        (c, source, images) -> refused(c, source, "out", why));
  }

  /**
   * A hand-made archive and the images it must read as.
   *
   * @param images the images, in {@code manifest.json} order
   * @param tar the archive's bytes
   */
  record HandmadeInput(List<HandmadeImage> images, byte[] tar) {
    /** The ordinary archive of some images: their blobs, configs and manifest.json, plain. */
    static HandmadeInput of(HandmadeImage... images) {
      return new HandmadeInput(List.of(images), HandmadeImage.archive(images).build());
    }

    /** One image and an archive of it made some other way. */
    static HandmadeInput of(HandmadeImage image, byte[] tar) {
      return new HandmadeInput(List.of(image), tar);
    }

    /** One image and a tar laid out by hand for it, finished with the image's manifest.json. */
    static HandmadeInput withManifest(HandmadeImage image, HandmadeTar tar) {
      tar.file("manifest.json", HandmadeImage.manifestJson(image));
      return of(image, tar.build());
    }
  }

  /** What a check does with a hand-made archive: its source (with the selector) and its items. */
  @FunctionalInterface
  interface ArchiveBody {
    void run(CheckContext c, String source, List<HandmadeImage> images) throws Exception;
  }

  /**
   * A reading check on a hand-made archive, made afresh in each run and written into the scratch
   * directory under {@code fileName}; the body gets its {@code docker-archive:} source with the
   * selector.
   */
  static Check onArchive(
      String rule,
      String name,
      String title,
      String fileName,
      String selector,
      Supplier<HandmadeInput> input,
      ArchiveBody body) {
    return Check.of(
        rule,
        name,
        title,
        READ,
        c -> {
          HandmadeInput in = input.get();
          Path a = input(c, fileName, in.tar());
          body.run(c, CheckContext.archive(a, selector), in.images());
        });
  }

  /** {@link #readsArchive(String, String, String, String, Supplier)} of a file archive.tar. */
  static Check readsArchive(String rule, String name, String title, Supplier<HandmadeInput> input) {
    return readsArchive(rule, name, title, "archive.tar", input);
  }

  /** A check that the only image of a hand-made archive reads as the image it was made from. */
  static Check readsArchive(
      String rule, String name, String title, String fileName, Supplier<HandmadeInput> input) {
    return onArchive(
        rule,
        name,
        title,
        fileName,
        "",
        input,
        (c, source, images) -> expectImage(read(c, source, "out"), images.get(0), "the image"));
  }

  /** The ordinary archive of the images {@code items} makes, made afresh in each run. */
  private static Supplier<HandmadeInput> ordinary(Supplier<List<HandmadeImage>> items) {
    return () -> HandmadeInput.of(items.get().toArray(HandmadeImage[]::new));
  }

  /** The item list an implementation exposes through its Java API; UNSUPPORTED without one. */
  static List<ManifestItem> items(CheckContext c, String reference)
      throws CheckFailure, CheckUnsupported {
    JavaApi api = c.implementation().javaApi().orElseThrow();
    c.note("Java API: tarManifest(" + reference + ")");
    try {
      return api.tarManifest(reference);
    } catch (UnsupportedOperationException e) {
      throw new CheckUnsupported(
          c.implementation().name() + " does not expose its item list: " + e.getMessage());
    } catch (IOException e) {
      throw new CheckFailure("tarManifest(" + reference + ") failed: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new CheckFailure("tarManifest(" + reference + ") threw the unchecked " + e);
    }
  }
}
