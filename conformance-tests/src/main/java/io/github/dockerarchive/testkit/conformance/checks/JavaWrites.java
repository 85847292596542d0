package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The checks that write through an implementation's Java API ({@link JavaApi}): blob by blob, so
 * that a stream can be wrong, short, long or fail half-way at a chosen position (WR-2), sizes and
 * digests can be unknown (WR-3), reuse can be asked (WR-4), other manifest types offered (WR-5) and
 * the writer closed at chosen moments (WR-10). Everything the implementation does wrong is a {@link
 * CheckFailure}, also an unchecked exception.
 */
final class JavaWrites {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JavaWrites() {}

  /** A stream that breaks WR-2's contract. */
  enum BadStream {
    /** The bytes do not hash to the digest given. */
    WRONG_DIGEST("a blob whose bytes do not match its digest"),
    /** Fewer bytes than the size given. */
    SHORT_STREAM("a stream shorter than its size"),
    /** More bytes than the size given. */
    LONG_STREAM("a stream longer than its size"),
    /** An IOException half-way. */
    FAILING_STREAM("a stream that throws IOException half-way");

    private final String description;

    BadStream(String description) {
      this.description = description;
    }

    String id() {
      return idOf(this);
    }

    String description() {
      return description;
    }
  }

  /** Where the failed blob comes in the sequence of two images. */
  enum Position {
    FIRST_BLOB,
    BETWEEN_LAYERS,
    CONFIG,
    SECOND_IMAGE;

    String id() {
      return idOf(this);
    }
  }

  /** A constant's ID in check names and notes: its name in lower case, with hyphens. */
  private static String idOf(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * One image's blobs, as the suite's reader serves them.
   *
   * @param content what it holds
   * @param config the config bytes
   * @param layers the uncompressed layers, in order
   * @param manifest the Docker schema 2 manifest
   */
  record ImageBlobs(ImageContent content, byte[] config, List<byte[]> layers, byte[] manifest) {
    Digest configDigest() {
      return Digest.sha256(config);
    }
  }

  static ImageBlobs blobs(CheckContext c, String name, ImageSpec image) throws IOException {
    ArchiveSpec spec = ArchiveSpec.builder().image(image).seed(WriteSupport.SEED).build();
    ArchiveFixture fixture = c.fixture(name + ".tar", spec);
    try (ImageSource in =
        ImageSource.open(
            ArchiveReference.ofIndex(fixture.path().toString(), 0), ReaderOptions.defaults())) {
      List<byte[]> layers = new ArrayList<>();
      for (Digest d : in.diffIds()) {
        layers.add(WriteSupport.readBlob(in, d));
      }
      return new ImageBlobs(
          ImageContent.of(in, List.of()), in.configBytes(), layers, in.manifestBytes());
    }
  }

  private static JavaApi api(CheckContext c) {
    return c.implementation().javaApi().orElseThrow();
  }

  /** A step the implementation must do without failing. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws IOException;
  }

  static <T> T must(String what, Step<T> step) throws CheckFailure {
    try {
      return step.run();
    } catch (IOException e) {
      throw new CheckFailure(what + " failed: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new CheckFailure(what + " crashed: " + e);
    }
  }

  static BlobInfo putLayer(ImageOutput out, byte[] layer, String what) throws CheckFailure {
    return must(
        what,
        () ->
            out.putBlob(
                new ByteArrayInputStream(layer),
                BlobInfo.of(Digest.sha256(layer), layer.length),
                false));
  }

  static void putConfigAndManifest(ImageOutput out, ImageBlobs image, String what)
      throws CheckFailure {
    must(
        "putBlob of the config of " + what,
        () ->
            out.putBlob(
                new ByteArrayInputStream(image.config()),
                BlobInfo.of(image.configDigest(), image.config().length),
                true));
    putManifest(out, image.manifest(), "putManifest of " + what);
  }

  static void commit(ImageOutput out, String what) throws CheckFailure {
    must(
        "commit of " + what,
        () -> {
          out.commit();
          return null;
        });
  }

  /** Writes a whole image into a new output and commits it. */
  static void writeImage(JavaApi.ArchiveSink sink, ImageBlobs image, String what) throws Exception {
    inNewImage(
        sink,
        "newImage for " + what,
        out -> {
          for (int i = 0; i < image.layers().size(); i++) {
            putLayer(out, image.layers().get(i), "putBlob of layer " + i + " of " + what);
          }
          putConfigAndManifest(out, image, what);
          commit(out, what);
        });
  }

  /** Puts every layer of an image, in order. */
  static void putLayers(ImageOutput out, ImageBlobs image) throws CheckFailure {
    for (int i = 0; i < image.layers().size(); i++) {
      putLayer(out, image.layers().get(i), "putBlob of layer " + i);
    }
  }

  /** Puts a whole image, its layers, config and manifest, without committing it. */
  static void putImage(ImageOutput out, ImageBlobs image, String what) throws CheckFailure {
    putLayers(out, image);
    putConfigAndManifest(out, image, what);
  }

  /** What is put into an image before it is committed. */
  @FunctionalInterface
  interface ImageSteps {
    void put(ImageOutput out) throws Exception;
  }

  /** Puts a manifest, which must be accepted; {@code step} names the call in a failure. */
  static void putManifest(ImageOutput out, byte[] manifest, String step) throws CheckFailure {
    must(
        step,
        () -> {
          out.putManifest(manifest);
          return null;
        });
  }

  /** What is done with an archive's writer. */
  @FunctionalInterface
  interface SinkSteps {
    void put(JavaApi.ArchiveSink sink) throws Exception;
  }

  /**
   * Creates an archive at the target through the Java API, does the steps with its writer and then
   * closes it quietly, whatever happened; steps that finish the archive close it with {@link
   * #closeWriter} themselves.
   */
  static void withArchive(CheckContext c, Path target, SinkSteps steps) throws Exception {
    JavaApi.ArchiveSink sink = must("createArchive", () -> api(c).createArchive(target));
    try {
      steps.put(sink);
    } finally {
      closeQuietly(sink);
    }
  }

  /**
   * Opens a new image in the archive being written, puts the steps into it and closes it, whatever
   * happened.
   *
   * <p>{@code what} names the newImage call in a failure.
   */
  static void inNewImage(JavaApi.ArchiveSink sink, String what, ImageSteps steps) throws Exception {
    ImageOutput out = must(what, sink::newImage);
    try {
      steps.put(out);
    } finally {
      closeQuietly(out);
    }
  }

  /**
   * Creates an archive at the target through the Java API, does the steps with its writer and then
   * closes the writer, which must all succeed (the archive is finished then).
   */
  static void writeArchive(CheckContext c, Path target, SinkSteps steps) throws Exception {
    withArchive(
        c,
        target,
        sink -> {
          steps.put(sink);
          closeWriter(sink);
        });
  }

  /**
   * Writes a new archive of one image: createArchive, newImage, the steps, commit of "the image",
   * and closing the writer, which must all succeed.
   */
  static void writeOneImage(CheckContext c, Path target, ImageSteps steps) throws Exception {
    writeArchive(
        c,
        target,
        sink ->
            inNewImage(
                sink,
                "newImage",
                out -> {
                  steps.put(out);
                  commit(out, "the image");
                }));
  }

  /**
   * Writes a new archive of two images: createArchive, newImage and the first image's steps,
   * another newImage ({@code secondNewImage} names that call in a failure) and the second image's
   * steps, and closing the writer, which must all succeed. The steps commit their images, or not.
   */
  static void writeTwoImages(
      CheckContext c, Path target, ImageSteps first, String secondNewImage, ImageSteps second)
      throws Exception {
    writeArchive(
        c,
        target,
        sink -> {
          inNewImage(sink, "newImage", first);
          inNewImage(sink, secondNewImage, second);
        });
  }

  /**
   * Creates an archive at the target, opens one image in it with newImage and puts the steps into
   * it; then the image and the writer are closed quietly, whatever happened, as a caller that gives
   * up on an unfinished archive does.
   */
  static void inAbandonedArchive(CheckContext c, Path target, ImageSteps steps) throws Exception {
    withArchive(c, target, sink -> inNewImage(sink, "newImage", steps));
  }

  /** Reads an image of the archive written with the suite's reader; it must be the one put. */
  static void requireReadsBack(
      CheckContext c, Path target, String selector, ImageBlobs expected, String what)
      throws CheckFailure {
    ImageContent back = c.readArchive(archive(target, selector), what);
    String d = back.differenceFrom(expected.content());
    require(d.isEmpty(), what + ": " + d);
  }

  /** Closes a writer, which must succeed (the archive is finished then). */
  static void closeWriter(JavaApi.ArchiveSink sink) throws CheckFailure {
    must(
        "closing the writer",
        () -> {
          sink.close();
          return null;
        });
  }

  static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      // judged by what is left, not by how closing went
    }
  }

  // ---------------------------------------------------------------------------------------------
  // WR-2

  static void badStream(CheckContext c, BadStream kind) throws Exception {
    ImageBlobs one = blobs(c, "one", WriteSupport.image("one", 3, 1200));
    ImageBlobs two = blobs(c, "two", WriteSupport.image("two", 1, 1000));
    for (Position position : Position.values()) {
      badStreamAt(c, kind, position, one, two);
    }
  }

  private static void badStreamAt(
      CheckContext c, BadStream kind, Position position, ImageBlobs one, ImageBlobs two)
      throws Exception {
    Path target = WriteSupport.target(c, "out-" + position.id());
    c.note(
        "Java API: createArchive("
            + target
            + "); image one (3 layers), image two (1 layer); "
            + kind.description()
            + " put at "
            + position.id());
    byte[] bad = new byte[3000];
    new Random(kind.ordinal() * 31L + position.ordinal()).nextBytes(bad);
    writeTwoImages(
        c,
        target,
        out -> {
          if (position == Position.FIRST_BLOB) {
            putBad(out, kind, bad, false, position);
          }
          putLayer(out, one.layers().get(0), "putBlob of layer 0 after " + position.id());
          if (position == Position.BETWEEN_LAYERS) {
            putBad(out, kind, bad, false, position);
          }
          putLayer(out, one.layers().get(1), "putBlob of layer 1 after the failed blob");
          putLayer(out, one.layers().get(2), "putBlob of layer 2 after the failed blob");
          if (position == Position.CONFIG) {
            putBad(out, kind, bad, true, position);
          }
          putConfigAndManifest(out, one, "image one after the failed blob");
          commit(out, "image one");
        },
        "newImage for image two",
        second -> {
          if (position == Position.SECOND_IMAGE) {
            putBad(second, kind, bad, false, position);
          }
          putLayer(second, two.layers().get(0), "putBlob of image two's layer");
          putConfigAndManifest(second, two, "image two");
          commit(second, "image two");
        });
    String at = " (failed blob at " + position.id() + ")";
    requireReadsBack(c, target, ":@0", one, "image one" + at);
    requireReadsBack(c, target, ":@1", two, "image two" + at);
    TarScan tar = TarScan.read(target, "the archive" + at);
    byte[] needle = FailedCopies.needle(Arrays.copyOf(bad, 1500));
    FailedCopies.requireNoTrace(tar, claimed(kind, bad), needle, "the failed blob" + at);
    FailedCopies.requireNoTrace(tar, Digest.sha256(bad), needle, "the failed blob" + at);
  }

  private static Digest claimed(BadStream kind, byte[] bad) {
    if (kind == BadStream.WRONG_DIGEST) {
      byte[] other = bad.clone();
      other[0] ^= 1;
      return Digest.sha256(other);
    }
    return Digest.sha256(bad);
  }

  private static void putBad(
      ImageOutput out, BadStream kind, byte[] bad, boolean isConfig, Position position)
      throws CheckFailure {
    InputStream stream =
        switch (kind) {
          case WRONG_DIGEST -> new ByteArrayInputStream(bad);
          case SHORT_STREAM -> new ByteArrayInputStream(Arrays.copyOf(bad, bad.length / 2));
          case LONG_STREAM -> {
            byte[] longer = Arrays.copyOf(bad, bad.length + 700);
            Arrays.fill(longer, bad.length, longer.length, (byte) 0x5A);
            yield new ByteArrayInputStream(longer);
          }
          case FAILING_STREAM -> failingAfter(bad, bad.length / 2);
        };
    BlobInfo info = BlobInfo.of(claimed(kind, bad), bad.length);
    String what = kind.description() + " at " + position.id();
    try {
      BlobInfo stored = out.putBlob(stream, info, isConfig);
      throw new CheckFailure(
          "putBlob accepted "
              + what
              + " (stored as "
              + stored.digest()
              + ", "
              + stored.size()
              + " bytes)");
    } catch (ArchiveException e) {
      // the typed failure WR-2 asks for
    } catch (RuntimeException e) {
      throw new CheckFailure("putBlob of " + what + " crashed instead of failing: " + e);
    }
  }

  /** A stream of the first {@code n} bytes that then throws. */
  static InputStream failingAfter(byte[] bytes, int n) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (position >= n) {
          throw new IOException("the suite's stream fails half-way, after " + n + " bytes");
        }
        int count = Math.min(len, n - position);
        System.arraycopy(bytes, position, b, off, count);
        position += count;
        return count;
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // WR-3

  static void unknownSizeAndDigest(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("unknown", 2, 1300));
    Path target = WriteSupport.target(c, "out");
    c.note("Java API: putBlob(layer 0, size -1), putBlob(layer 1, no digest), config neither");
    writeOneImage(
        c,
        target,
        out -> {
          byte[] l0 = image.layers().get(0);
          byte[] l1 = image.layers().get(1);
          requireStored(
              must(
                  "putBlob with size -1",
                  () ->
                      out.putBlob(
                          new ByteArrayInputStream(l0),
                          new BlobInfo(Digest.sha256(l0), BlobInfo.UNKNOWN_SIZE, null),
                          false)),
              l0,
              "the layer put with size -1");
          requireStored(
              must(
                  "putBlob without a digest",
                  () ->
                      out.putBlob(
                          new ByteArrayInputStream(l1),
                          new BlobInfo(null, l1.length, null),
                          false)),
              l1,
              "the layer put without a digest");
          requireStored(
              must(
                  "putBlob of the config with neither size nor digest",
                  () ->
                      out.putBlob(
                          new ByteArrayInputStream(image.config()),
                          new BlobInfo(null, BlobInfo.UNKNOWN_SIZE, null),
                          true)),
              image.config(),
              "the config put with neither size nor digest");
          putManifest(out, image.manifest(), "putManifest");
        });
    requireReadsBack(c, target, "", image, "the archive written");
  }

  private static void requireStored(BlobInfo stored, byte[] bytes, String what)
      throws CheckFailure {
    require(
        Digest.sha256(bytes).equals(stored.digest()) && stored.size() == bytes.length,
        what
            + " was reported as "
            + stored.digest()
            + ", "
            + stored.size()
            + " bytes, not "
            + Digest.sha256(bytes)
            + ", "
            + bytes.length
            + " bytes");
  }

  static void spoolFilesDeleted(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("spool", 1, 1000));
    byte[] big = new byte[3 << 19];
    new Random(3).nextBytes(big);
    byte[] failing = new byte[3 << 19];
    new Random(4).nextBytes(failing);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> before = snapshot(tmp);
    Path target = WriteSupport.target(c, "out");
    c.note(
        "Java API: putBlob of 1.5 MiB with size and digest unknown; then 1.5 MiB whose stream"
            + " fails after 1.2 MiB; then a small image");
    writeOneImage(
        c,
        target,
        out -> {
          requireStored(
              must(
                  "putBlob of 1.5 MiB of unknown size and digest",
                  () ->
                      out.putBlob(
                          new ByteArrayInputStream(big), new BlobInfo(null, -1, null), false)),
              big,
              "the 1.5 MiB blob");
          try {
            out.putBlob(failingAfter(failing, 1200 << 10), new BlobInfo(null, -1, null), false);
            throw new CheckFailure("putBlob of a stream that throws half-way succeeded");
          } catch (ArchiveException e) {
            // expected
          } catch (RuntimeException e) {
            throw new CheckFailure("putBlob of a stream that throws half-way crashed: " + e);
          }
          putImage(out, image, "the image");
        });
    List<Path> candidates = new ArrayList<>();
    for (Path p : snapshot(tmp)) {
      if (!before.contains(p)) {
        candidates.add(p);
      }
    }
    for (Path p : snapshot(target.getParent())) {
      if (!p.equals(target)) {
        candidates.add(p);
      }
    }
    byte[] bigNeedle = FailedCopies.needle(big);
    byte[] failingNeedle = FailedCopies.needle(Arrays.copyOf(failing, 1200 << 10));
    for (Path p : candidates) {
      byte[] content;
      try {
        if (!Files.isRegularFile(p) || Files.size(p) > (64 << 20)) {
          continue;
        }
        content = Files.readAllBytes(p);
      } catch (IOException e) {
        continue; // gone meanwhile, or not ours
      }
      require(
          TarPatch.indexOf(content, bigNeedle) < 0,
          "the spooled blob's bytes are left in " + p + " (" + content.length + " bytes)");
      require(
          TarPatch.indexOf(content, failingNeedle) < 0,
          "the failed blob's spooled bytes are left in " + p + " (" + content.length + " bytes)");
    }
  }

  /** Files in a directory and one level below (spool files go into the directory or a subdir). */
  private static Set<Path> snapshot(Path directory) throws IOException {
    Set<Path> files = new HashSet<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(directory, 2)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    } catch (java.io.UncheckedIOException e) {
      // a file vanished during the walk (another process's): take what was seen
    }
    return files;
  }

  // ---------------------------------------------------------------------------------------------
  // WR-4

  static void reuseOnlyWritten(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("reuse", 2, 1100));
    byte[] l0 = image.layers().get(0);
    Digest d0 = Digest.sha256(l0);
    Digest d1 = Digest.sha256(image.layers().get(1));
    Digest never = Digest.sha256("never written".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path target = WriteSupport.target(c, "out");
    c.note("Java API: tryReusingBlob before and after putBlob, in a second image and archive");
    writeTwoImages(
        c,
        target,
        out -> {
          requireReuse(out, d0, -1, "layer 0 before it was written");
          putLayer(out, l0, "putBlob of layer 0");
          requireReuse(out, d0, l0.length, "layer 0 after it was written");
          requireReuse(out, d1, -1, "layer 1, not written yet");
          requireReuse(out, image.configDigest(), -1, "the config, not written yet");
          putLayer(out, image.layers().get(1), "putBlob of layer 1");
          putConfigAndManifest(out, image, "the image");
          commit(out, "the image");
        },
        "newImage",
        second -> {
          requireReuse(second, d0, l0.length, "layer 0 in a second image of the same archive");
          requireReuse(second, never, -1, "a digest never written");
        });
    Path other = WriteSupport.target(c, "other");
    inAbandonedArchive(
        c,
        other,
        out -> requireReuse(out, d0, -1, "layer 0 in another archive, where it was never written"));
  }

  private static void requireReuse(ImageOutput out, Digest digest, long size, String what)
      throws CheckFailure {
    Optional<BlobInfo> reused =
        must(
            "tryReusingBlob of " + what,
            () -> out.tryReusingBlob(BlobInfo.of(digest, size < 0 ? -1 : size)));
    if (size < 0) {
      require(reused.isEmpty(), "tryReusingBlob offered " + what);
    } else {
      require(reused.isPresent(), "tryReusingBlob did not offer " + what);
      require(
          digest.equals(reused.get().digest()) && reused.get().size() == size,
          "tryReusingBlob of "
              + what
              + " answered "
              + reused.get().digest()
              + ", "
              + reused.get().size()
              + " bytes");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // WR-5

  static void ociManifestRefused(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("oci", 1, 900));
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    descriptor(m.putObject("config"), MediaTypes.OCI_CONFIG, image.config());
    ArrayNode layers = m.putArray("layers");
    for (byte[] l : image.layers()) {
      descriptor(layers.addObject(), MediaTypes.OCI_LAYER_TAR, l);
    }
    String message =
        offerManifests(c, image, List.of(JSON.writeValueAsBytes(m)), "an OCI manifest");
    require(
        message.toLowerCase(Locale.ROOT).contains("schema 2"),
        "the refusal of an OCI manifest does not say that schema 2 is required: " + message);
  }

  static void manifestListRefused(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("list", 1, 900));
    List<byte[]> lists = new ArrayList<>();
    for (String[] types :
        new String[][] {
          {MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST_V2},
          {MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST}
        }) {
      ObjectNode list = JSON.createObjectNode();
      list.put("schemaVersion", 2);
      list.put("mediaType", types[0]);
      ObjectNode d = list.putArray("manifests").addObject();
      descriptor(d, types[1], image.manifest());
      d.putObject("platform").put("architecture", "amd64").put("os", "linux");
      lists.add(JSON.writeValueAsBytes(list));
    }
    offerManifests(c, image, lists, "a manifest list");
  }

  private static void descriptor(ObjectNode node, String mediaType, byte[] blob) {
    node.put("mediaType", mediaType);
    node.put("digest", Digest.sha256(blob).toString());
    node.put("size", blob.length);
  }

  /**
   * Writes an image's blobs, offers each wrong manifest (each must be refused), then the schema 2
   * manifest, which must be accepted; returns the last refusal's message.
   */
  private static String offerManifests(
      CheckContext c, ImageBlobs image, List<byte[]> wrong, String what) throws Exception {
    Path target = WriteSupport.target(c, "out");
    c.note("Java API: putManifest of " + what + ", then of the schema 2 manifest");
    AtomicReference<String> message = new AtomicReference<>("");
    writeOneImage(
        c,
        target,
        out -> {
          putLayers(out, image);
          must(
              "putBlob of the config",
              () ->
                  out.putBlob(
                      new ByteArrayInputStream(image.config()),
                      BlobInfo.of(image.configDigest(), image.config().length),
                      true));
          for (byte[] manifest : wrong) {
            try {
              out.putManifest(manifest);
              throw new CheckFailure(
                  "putManifest accepted "
                      + what
                      + ": "
                      + new String(manifest, java.nio.charset.StandardCharsets.UTF_8));
            } catch (ArchiveException e) {
              message.set(String.valueOf(e.getMessage()));
            } catch (RuntimeException e) {
              throw new CheckFailure("putManifest of " + what + " crashed: " + e);
            }
          }
          putManifest(
              out, image.manifest(), "putManifest of the schema 2 manifest after refusing " + what);
        });
    requireReadsBack(c, target, "", image, "the archive written");
    return message.get();
  }

  // ---------------------------------------------------------------------------------------------
  // WR-10

  static void closeWithoutCommit(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("uncommitted", 2, 900));
    Path target = WriteSupport.target(c, "out");
    c.note("Java API: an image written up to putManifest, not committed; writer closed");
    inAbandonedArchive(c, target, out -> putImage(out, image, "the image"));
    WriteSupport.requireNothingLeft(target, "a writer closed without a commit");
  }

  static void visibleOnlyAfterClose(CheckContext c) throws Exception {
    ImageBlobs image = blobs(c, "image", WriteSupport.image("visible", 2, 900));
    Path target = WriteSupport.target(c, "out");
    c.note("Java API: an image committed; the target looked at before and after closing");
    writeArchive(
        c,
        target,
        sink -> {
          writeImage(sink, image, "the image");
          if (Files.exists(target)) {
            throw new CheckFailure(
                "the archive is at the target before the writer is closed ("
                    + Files.size(target)
                    + " bytes)");
          }
        });
    require(Files.exists(target), "no archive at the target after closing a committed writer");
    List<String> beside = WriteSupport.listing(target.getParent());
    require(
        beside.equals(List.of(WriteSupport.ARCHIVE)),
        "closing left files beside the archive: " + beside);
    requireReadsBack(c, target, "", image, "the archive written");
  }
}
