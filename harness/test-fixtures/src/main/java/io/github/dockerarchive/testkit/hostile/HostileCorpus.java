package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.Expectation.reject;
import static io.github.dockerarchive.testkit.hostile.Expectation.valid;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.READ;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.testing.TarBuilder;
import io.github.dockerarchive.testkit.testing.TarBytes;
import io.github.dockerarchive.testkit.testing.TestImage;
import io.github.dockerarchive.testkit.testing.TestImage.Layer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * The must-reject corpus (SAFE-1..4, ARC-6, RD-3): malformed and odd archives made at test time,
 * each with the outcome a correct reader must produce. Reusable: the hostile tests run it through
 * the reader and the command-line tool, and the conformance suite can run it against any reader.
 *
 * <p>Inputs come from the synthetic corruptions ({@link Corruption}) and from byte-level damage to
 * small archives built with {@link TarBuilder}, {@link TarBytes} and {@link RawTar}. Some inputs
 * are legal though odd (10,000 images, 100,000 entries, a layer that inflates to 1 GiB, a missing
 * end-of-archive marker): their expectation is {@link Expectation.Outcome#VALID}, and a runner
 * checks that they read fully in bounded memory instead.
 *
 * <pre>{@code
 * for (HostileCase c : HostileCorpus.cases()) {
 *   Path file = c.materialize(dir);
 *   // read it with c.readerOptions(ReaderOptions.defaults()) and compare with c.expectation()
 * }
 * }</pre>
 */
public final class HostileCorpus {
  /** One gibibyte: the decompressed size of the gzip bombs. */
  public static final long GIB = 1L << 30;

  /** The sha256 of 1 GiB of zero bytes (the diffID of the layer bomb). */
  public static final Digest ZEROS_1GIB_SHA256 =
      new Digest("sha256", "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14");

  /** The cap the capped bomb cases use: 64 MiB. */
  public static final long CAP = 64L << 20;

  private HostileCorpus() {}

  /**
   * Every case, in a fixed order with unique names.
   *
   * @return the corpus
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    synthetic(all);
    truncations(all);
    headers(all);
    pax(all);
    names(all);
    links(all);
    bombs(all);
    manifests(all);
    configs(all);
    digests(all);
    misc(all);
    return List.copyOf(all);
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks

  /** The two-layer image most byte-level cases damage. */
  static TestImage base() {
    return new TestImage()
        .tags("hostile/base:1")
        .layer(Layer.of("a.txt", "alpha"))
        .layer(Layer.of("b.txt", "beta"));
  }

  static byte[] baseTar() {
    return TestImage.archive(base()).build();
  }

  /** The blobs of an image, then {@code extra} entries, then the given {@code manifest.json}. */
  static byte[] withManifest(TestImage image, byte[] manifest, Consumer<TarBuilder> extra) {
    TarBuilder tar = blobs(image);
    extra.accept(tar);
    tar.file("manifest.json", manifest);
    return tar.build();
  }

  static TarBuilder blobs(TestImage image) {
    TarBuilder tar = new TarBuilder();
    for (int i = 0; i < image.layers().size(); i++) {
      tar.file(image.blobPath(i), image.storedLayer(i));
    }
    tar.file(image.configPath(), image.configBytes());
    return tar;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A manifest.json of one item with the base image's config and layers, edited. */
  static byte[] item(TestImage image, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> e) {
    com.fasterxml.jackson.databind.node.ObjectNode item = image.manifestItem();
    e.accept(item);
    return TestImage.toJson(TestImage.JSON.createArrayNode().add(item));
  }

  private static HostileCase.Source bytes(Supplier<byte[]> bytes) {
    return file -> Files.write(file, bytes.get());
  }

  private static HostileCase rejecting(
      String name,
      String description,
      Supplier<byte[]> bytes,
      String rule,
      Class<? extends ArchiveException> type,
      String fragment,
      FailureStage stage) {
    return new HostileCase(
        name,
        description,
        bytes(bytes),
        UnaryOperator.identity(),
        true,
        null,
        false,
        reject(rule, type, fragment, stage));
  }

  private static HostileCase accepting(
      String name, String description, HostileCase.Source source, int images) {
    return new HostileCase(
        name, description, source, UnaryOperator.identity(), true, null, false, valid(images));
  }

  private static int header(byte[] tar, String name) {
    return TarBytes.headerOffset(tar, name);
  }

  private static long paddedEnd(byte[] tar, String name) {
    int h = header(tar, name);
    long size = Long.parseLong(TarBytes.field(tar, h + TarBytes.SIZE, TarBytes.SIZE_LEN).trim(), 8);
    return h + 512 + (size + 511) / 512 * 512;
  }

  // ---------------------------------------------------------------------------------------------
  // The synthetic corruptions

  private static void synthetic(List<HostileCase> all) {
    for (Corruption c : Corruption.values()) {
      if (c == Corruption.NONE) {
        continue;
      }
      ArchiveSpec spec =
          ArchiveSpec.builder()
              .image(List.of("hostile/synthetic:1"), LayerSpec.filler(2048), LayerSpec.filler(512))
              .corruption(c)
              .build();
      HostileCase.Source source = file -> SyntheticArchives.materialize(spec, file);
      Expectation e =
          switch (c.stage()) {
            case VERIFY -> Expectation.verifyReports(c.rule(), 1);
            case WARNING -> valid(1);
            default -> reject(c.rule(), c.failure(), corruptionFragment(c), c.stage());
          };
      int images = c == Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR ? 2 : 1;
      if (!e.rejects()) {
        e = new Expectation(e.outcome(), e.rule(), null, null, null, images);
      }
      HostileCase hc =
          new HostileCase(
              "synthetic-" + c.id(),
              "Corruption." + c.name() + ": " + c.description(),
              source,
              UnaryOperator.identity(),
              true,
              c == Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR ? "" : null,
              false,
              e);
      all.add(hc);
    }
  }

  private static String corruptionFragment(Corruption c) {
    return switch (c) {
      case LAYER_DIGEST_MISMATCH -> "sha256:";
      case MISSING_LAYER -> "is missing in the tarball";
      case MISSING_CONFIG -> "file does not exist";
      case MISSING_MANIFEST -> "\"manifest.json\": file does not exist";
      case MANIFEST_NOT_ARRAY -> "expected a JSON array of items";
      case LAYER_COUNT_MISMATCH -> "Inconsistent layer count";
      case SYMLINK_LOOP -> "link loop";
      case SYMLINK_ESCAPE -> "leaves the archive";
      case ABSOLUTE_PATH -> "is absolute or leaves the archive";
      case TRUNCATED -> "truncated";
      case BAD_HEADER_CHECKSUM -> "bad header checksum";
      case OVERSIZED_MANIFEST -> "exceeded maximum allowed size of 1048576 bytes";
      case UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR -> "expected 1 item, got 2";
      default -> throw new IllegalArgumentException(c.name());
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Truncation at every structural point (SAFE-4)

  private static void truncations(List<HostileCase> all) {
    all.add(
        rejecting(
            "truncated-in-first-header",
            "cut 100 bytes into the first header",
            () -> TarBytes.truncate(baseTar(), 100),
            "SAFE-4",
            MalformedArchiveException.class,
            "has only 100 of 512 bytes",
            OPEN));
    all.add(
        rejecting(
            "truncated-after-first-header",
            "the first header is complete, none of its data follows",
            () -> TarBytes.truncate(baseTar(), 512),
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-layer-data",
            "cut in the middle of the first layer's data",
            () -> TarBytes.truncate(baseTar(), 512 + 3000),
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-config-padding",
            "cut in the zero padding after the config's data: manifest.json is lost, and the"
                + " archive must be reported truncated, not as one without manifest.json",
            () -> {
              byte[] tar = baseTar();
              TestImage b = base();
              int h = header(tar, b.configPath());
              int size = b.configBytes().length;
              return TarBytes.truncate(tar, h + 512 + size + 1);
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-manifest-padding",
            "cut in the padding after manifest.json's data, the last entry",
            () -> {
              byte[] tar = baseTar();
              int h = header(tar, "manifest.json");
              long size = paddedEnd(tar, "manifest.json") - h - 512;
              return TarBytes.truncate(tar, (int) (h + 512 + size - 7));
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-manifest-header",
            "cut in the middle of manifest.json's header",
            () -> TarBytes.truncate(baseTar(), header(baseTar(), "manifest.json") + 300),
            "SAFE-4",
            MalformedArchiveException.class,
            "has only 300 of 512 bytes",
            OPEN));
    all.add(
        rejecting(
            "truncated-at-manifest-header",
            "cut exactly where manifest.json's header would start: a clean end of the tar (Go"
                + " agrees), so the archive simply has no manifest.json",
            () -> TarBytes.truncate(baseTar(), header(baseTar(), "manifest.json")),
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        accepting(
            "truncated-before-trailer",
            "every entry complete, no end-of-archive blocks: Go's reader and ours end cleanly",
            bytes(() -> TarBytes.truncate(baseTar(), (int) paddedEnd(baseTar(), "manifest.json"))),
            1));
    all.add(
        accepting(
            "truncated-in-trailer",
            "the end-of-archive marker cut to one and a half zero blocks",
            bytes(
                () ->
                    TarBytes.truncate(
                        baseTar(), (int) paddedEnd(baseTar(), "manifest.json") + 512 + 256)),
            1));
    all.add(
        rejecting(
            "truncated-gzip",
            "a gzip-compressed archive cut in half",
            () -> {
              byte[] gz = TarBuilder.compress(baseTar(), Compression.GZIP);
              return Arrays.copyOf(gz, gz.length / 2);
            },
            "ARC-1",
            MalformedArchiveException.class,
            "decompressing tar+gzip",
            OPEN));
    all.add(
        rejecting(
            "empty-file",
            "zero bytes: an empty tar, so no manifest.json",
            () -> new byte[0],
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "only-zero-blocks",
            "ten kilobytes of zeros: an empty tar",
            () -> new byte[10240],
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "lone-zero-block-then-data",
            "one zero block in the middle hides the entries after it unless refused",
            () -> {
              byte[] tar = baseTar();
              int h = header(tar, "manifest.json");
              byte[] out = new byte[tar.length + 512];
              System.arraycopy(tar, 0, out, 0, h);
              System.arraycopy(tar, h, out, h + 512, tar.length - h);
              return out;
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "a lone zero block",
            OPEN));
  }

  // ---------------------------------------------------------------------------------------------
  // Header checksums and size fields (SAFE-4)

  private static void headers(List<HostileCase> all) {
    all.add(
        rejecting(
            "bad-checksum-first-header",
            "the first layer's header checksum is off by one bit",
            () -> TarBytes.breakChecksum(baseTar(), 0),
            "SAFE-4",
            MalformedArchiveException.class,
            "checksum",
            OPEN));
    all.add(
        rejecting(
            "bad-checksum-manifest-header",
            "manifest.json's header checksum is wrong",
            () -> TarBytes.breakChecksum(baseTar(), header(baseTar(), "manifest.json")),
            "SAFE-4",
            MalformedArchiveException.class,
            "checksum",
            OPEN));
    all.add(
        rejecting(
            "non-octal-checksum",
            "the checksum field holds letters",
            () -> TarBytes.setFieldRaw(baseTar(), 0, TarBytes.CHKSUM, 8, "zzzzzz"),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "non-octal-size",
            "the size field of the first header holds a letter",
            () -> TarBytes.setField(baseTar(), 0, TarBytes.SIZE, TarBytes.SIZE_LEN, "0000002z000"),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "negative-size-base256",
            "the size field is a negative base-256 number (all bits set)",
            () -> {
              byte[] tar = baseTar();
              Arrays.fill(tar, TarBytes.SIZE, TarBytes.SIZE + TarBytes.SIZE_LEN, (byte) 0xff);
              return TarBytes.fixChecksum(tar, 0);
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "huge-octal-size",
            "the first layer claims 8 GiB of data",
            () -> TarBytes.setField(baseTar(), 0, TarBytes.SIZE, TarBytes.SIZE_LEN, "77777777777"),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "huge-base256-size",
            "the first layer claims 2^62 bytes in base-256",
            () -> {
              byte[] tar = baseTar();
              Arrays.fill(tar, TarBytes.SIZE, TarBytes.SIZE + TarBytes.SIZE_LEN, (byte) 0);
              tar[TarBytes.SIZE] = (byte) 0x80;
              tar[TarBytes.SIZE + 4] = 0x40;
              return TarBytes.fixChecksum(tar, 0);
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "size-zero-with-data",
            "the first header says size 0, so its data (the layer, itself a tar) is read as"
                + " headers and its end marker ends the archive early, as in Go: no manifest.json",
            () -> TarBytes.setField(baseTar(), 0, TarBytes.SIZE, TarBytes.SIZE_LEN, "00000000000"),
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "random-bytes",
            "4 KiB of pseudo-random bytes",
            () -> {
              byte[] b = new byte[4096];
              new java.util.Random(42).nextBytes(b);
              return b;
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
  }

  // ---------------------------------------------------------------------------------------------
  // PAX and GNU extension headers that lie (SAFE-4)

  private static byte[] paxBefore(String records, String name, byte[] data, boolean withManifest) {
    TestImage b = base();
    RawTar t = RawTar.inMemory();
    for (int i = 0; i < b.layers().size(); i++) {
      t.file(b.blobPath(i), b.storedLayer(i));
    }
    t.pax(records);
    t.file(name, data);
    t.file(b.configPath(), b.configBytes());
    if (withManifest) {
      t.file("manifest.json", TestImage.manifestJson(b));
    }
    return t.trailer().bytes();
  }

  private static void pax(List<HostileCase> all) {
    all.add(
        rejecting(
            "pax-size-too-big",
            "a PAX size record claims 99,999,999,999 bytes for an entry of 5",
            () -> paxBefore(RawTar.paxRecord("size", "99999999999"), "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "pax-size-negative",
            "a PAX size record of -5",
            () -> paxBefore(RawTar.paxRecord("size", "-5"), "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-size-not-a-number",
            "a PAX size record of \"lots\"",
            () -> paxBefore(RawTar.paxRecord("size", "lots"), "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-record-length-lies",
            "a PAX record whose length prefix (99) runs past the end of the extended header",
            () -> paxBefore("99 path=x\n", "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-record-length-not-a-number",
            "a PAX record without a length",
            () -> paxBefore("abc path=x\n", "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-header-without-entry",
            "a PAX header is the last thing before the end-of-archive marker",
            () -> {
              byte[] tar = baseTar();
              RawTar t = RawTar.inMemory();
              t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
              t.pax(RawTar.paxRecord("path", "orphan"));
              return t.trailer().bytes();
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-path-renames-layer-outside",
            "a PAX path record renames the first layer to ../../escaped.tar, so the name"
                + " manifest.json uses no longer exists (and nothing is written anywhere)",
            () -> {
              TestImage b = base();
              RawTar t = RawTar.inMemory();
              t.pax(RawTar.paxRecord("path", "../../escaped.tar"));
              t.file(b.blobPath(0), b.storedLayer(0));
              t.file(b.blobPath(1), b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.file("manifest.json", TestImage.manifestJson(b));
              return t.trailer().bytes();
            },
            "ARC-2",
            EntryNotFoundException.class,
            "is missing in the tarball",
            LOAD));
    all.add(
        rejecting(
            "pax-path-with-nul",
            "a PAX path record for manifest.json with a NUL inside (\"manifest.json\\0x\"): the"
                + " name is not manifest.json",
            () -> {
              TestImage b = base();
              RawTar t = RawTar.inMemory();
              t.file(b.blobPath(0), b.storedLayer(0));
              t.file(b.blobPath(1), b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.pax(RawTar.paxRecord("path", "manifest.json\0x"));
              t.file("m", TestImage.manifestJson(b));
              return t.trailer().bytes();
            },
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "gnu-long-name-without-entry",
            "a GNU long-name header (L) with no entry after it",
            () -> {
              byte[] tar = baseTar();
              RawTar t = RawTar.inMemory();
              t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
              t.gnuLongName("x".repeat(300));
              return t.trailer().bytes();
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "gnu-long-link-without-entry",
            "a GNU long-link header (K) with no entry after it",
            () -> {
              byte[] tar = baseTar();
              RawTar t = RawTar.inMemory();
              t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
              t.gnuLongLink("y".repeat(300));
              return t.trailer().bytes();
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        accepting(
            "gnu-long-name-layer",
            "a layer stored under a 300-byte GNU long name, referenced by manifest.json: legal",
            bytes(
                () -> {
                  String longName = "l/" + "n".repeat(300) + ".tar";
                  TestImage b =
                      base().itemEdit(i -> i.putArray("Layers").add(longName).add(longName + "2"));
                  RawTar t = RawTar.inMemory();
                  t.gnuLongName(longName);
                  t.file("ignored-short-name", b.storedLayer(0));
                  t.gnuLongName(longName + "2");
                  t.file("ignored-short-name2", b.storedLayer(1));
                  t.file(b.configPath(), b.configBytes());
                  t.file("manifest.json", TestImage.manifestJson(b));
                  return t.trailer().bytes();
                }),
            1));
  }

  // ---------------------------------------------------------------------------------------------
  // Names: NUL, .., absolute, not UTF-8 (SAFE-2, ARC-4)

  private static byte[] layerPathIs(String path) {
    TestImage b = base();
    return withManifest(
        b, item(b, i -> i.putArray("Layers").add(path).add(b.blobPath(1))), t -> {});
  }

  private static void names(List<HostileCase> all) {
    all.add(
        rejecting(
            "layer-path-dotdot",
            "a Layers path of ../<blob> leaves the archive",
            () -> layerPathIs("../" + base().blobPath(0)),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-dotdot-after-cleaning",
            "a/../../x cleans to ../x",
            () -> layerPathIs("a/../../" + base().blobPath(0)),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-absolute",
            "a Layers path of /etc/passwd is never opened on the host",
            () -> layerPathIs("/etc/passwd"),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-dot",
            "a Layers path of \".\" names the archive root",
            () -> layerPathIs("."),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-with-nul",
            "a Layers path with a NUL inside names no entry (tar names cannot hold NUL)",
            () -> layerPathIs(base().blobPath(0) + "\0.evil"),
            "ARC-2",
            EntryNotFoundException.class,
            "is missing in the tarball",
            LOAD));
    all.add(
        rejecting(
            "config-path-absolute",
            "Config is /etc/passwd: refused, never read from the host",
            () -> {
              TestImage b = base();
              return withManifest(b, item(b, i -> i.put("Config", "/etc/passwd")), t -> {});
            },
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "config-path-dotdot",
            "Config is ../../etc/passwd",
            () -> {
              TestImage b = base();
              return withManifest(b, item(b, i -> i.put("Config", "../../etc/passwd")), t -> {});
            },
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        accepting(
            "unreferenced-entries-outside",
            "entries named ../escaped, /tmp/escaped and ./../x are present but unreferenced: the"
                + " reader ignores them (ARC-3) and nothing is ever written for them; verify"
                + " reports SAFE-2",
            bytes(
                () -> {
                  TestImage b = base();
                  RawTar t = RawTar.inMemory();
                  t.file("../escaped-hostile", "x");
                  t.file("/tmp/escaped-hostile", "x");
                  t.symlink("evil-link", "/etc/passwd");
                  t.raw(Arrays.copyOf(b.build(), (int) paddedEnd(b.build(), "manifest.json")));
                  return t.trailer().bytes();
                }),
            1));
    all.set(
        all.size() - 1,
        new HostileCase(
            all.get(all.size() - 1).name(),
            all.get(all.size() - 1).description(),
            all.get(all.size() - 1).source(),
            UnaryOperator.identity(),
            true,
            null,
            false,
            Expectation.verifyReports("SAFE-2", 1)));
    all.add(
        accepting(
            "dot-slash-names",
            "every entry stored as ./name, manifest.json too: names compare after cleaning",
            bytes(
                () -> {
                  TestImage b = base();
                  TarBuilder t = new TarBuilder();
                  for (int i = 0; i < 2; i++) {
                    t.file("./" + b.blobPath(i), b.storedLayer(i));
                  }
                  t.file("./" + b.configPath(), b.configBytes());
                  t.file(".//manifest.json", TestImage.manifestJson(b));
                  return t.build();
                }),
            1));
    all.add(
        accepting(
            "non-utf8-unreferenced-name",
            "an unreferenced entry whose name bytes are not UTF-8 (0xff 0xfe): ignored",
            bytes(
                () -> {
                  byte[] tar = baseTar();
                  RawTar t = RawTar.inMemory();
                  t.file(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, utf8("junk"));
                  t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
                  return t.trailer().bytes();
                }),
            1));
    all.add(
        rejecting(
            "non-utf8-layer-name",
            "the first layer's name is Latin-1 (caf\\xe9.tar) while manifest.json says café.tar:"
                + " names are compared as UTF-8, so it is missing",
            () -> {
              TestImage b = base().itemEdit(i -> i.putArray("Layers").add("café.tar").add("b.tar"));
              RawTar t = RawTar.inMemory();
              t.file(new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'a', 'r'}, b.storedLayer(0));
              t.file("b.tar", b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.file("manifest.json", TestImage.manifestJson(b));
              return t.trailer().bytes();
            },
            "ARC-2",
            EntryNotFoundException.class,
            "café.tar",
            LOAD));
    all.add(
        rejecting(
            "manifest-name-with-nul-in-header",
            "the name field reads \"manifest.json\\0x\": tar stops at the NUL, so this is"
                + " manifest.json after all, but its content is not JSON",
            () -> {
              TestImage b = base();
              RawTar t = RawTar.inMemory();
              for (int i = 0; i < 2; i++) {
                t.file(b.blobPath(i), b.storedLayer(i));
              }
              t.file(b.configPath(), b.configBytes());
              t.file("manifest.json\0x", "not json");
              return t.trailer().bytes();
            },
            "ARC-2",
            InvalidManifestException.class,
            "decoding tar manifest.json",
            OPEN));
  }

  // ---------------------------------------------------------------------------------------------
  // Links (ARC-6, SAFE-2)

  private static byte[] layerThroughLinks(Consumer<RawTar> links, String layerPath) {
    TestImage b = base();
    RawTar t = RawTar.inMemory();
    t.file(b.blobPath(0), b.storedLayer(0));
    t.file(b.blobPath(1), b.storedLayer(1));
    links.accept(t);
    t.file(b.configPath(), b.configBytes());
    t.file("manifest.json", item(b, i -> i.putArray("Layers").add(layerPath).add(b.blobPath(1))));
    return t.trailer().bytes();
  }

  private static void chain(RawTar t, int links, String target) {
    // link0 -> link1 -> ... -> link(n-1) -> target
    for (int i = 0; i < links; i++) {
      t.symlink("c/link" + i, i + 1 < links ? "link" + (i + 1) : "../" + target);
    }
  }

  private static void links(List<HostileCase> all) {
    String blob = base().blobPath(0);
    all.add(
        rejecting(
            "symlink-escape-relative",
            "the layer is a symlink to ../../etc/passwd",
            () ->
                layerThroughLinks(t -> t.symlink("l/layer.tar", "../../etc/passwd"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "symlink-escape-absolute",
            "the layer is a symlink to /etc/passwd",
            () -> layerThroughLinks(t -> t.symlink("l/layer.tar", "/etc/passwd"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "absolute link target",
            LOAD));
    all.add(
        rejecting(
            "hardlink-escape-relative",
            "the layer is a hard link to ../outside",
            () -> layerThroughLinks(t -> t.hardlink("l/layer.tar", "../outside"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "hardlink-escape-absolute",
            "the layer is a hard link to /etc/shadow",
            () -> layerThroughLinks(t -> t.hardlink("l/layer.tar", "/etc/shadow"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "absolute link target",
            LOAD));
    all.add(
        rejecting(
            "symlink-escape-through-chain",
            "a chain whose third link climbs out (a -> b -> c -> ../../x)",
            () ->
                layerThroughLinks(
                    t -> {
                      t.symlink("a", "b");
                      t.symlink("b", "c");
                      t.symlink("c", "../../x");
                    },
                    "a"),
            "SAFE-2",
            UnsafeEntryException.class,
            "leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "symlink-self-loop",
            "the layer is a symlink to itself",
            () -> layerThroughLinks(t -> t.symlink("l/layer.tar", "layer.tar"), "l/layer.tar"),
            "ARC-6",
            UnsafeEntryException.class,
            "link loop",
            LOAD));
    all.add(
        rejecting(
            "symlink-hardlink-loop",
            "a symlink to a hard link back to the symlink",
            () ->
                layerThroughLinks(
                    t -> {
                      t.symlink("l/layer.tar", "../h");
                      t.hardlink("h", "l/layer.tar");
                    },
                    "l/layer.tar"),
            "ARC-6",
            UnsafeEntryException.class,
            "link loop",
            LOAD));
    all.add(
        accepting(
            "symlink-chain-8",
            "a chain of exactly 8 links (the most ARC-6 allows)",
            bytes(() -> layerThroughLinks(t -> chain(t, 8, blob), "c/link0")),
            1));
    all.add(
        rejecting(
            "symlink-chain-9",
            "a chain of 9 links, one too many",
            () -> layerThroughLinks(t -> chain(t, 9, blob), "c/link0"),
            "ARC-6",
            UnsafeEntryException.class,
            "link chain longer than 8 links",
            LOAD));
    all.add(
        rejecting(
            "symlink-chain-10000",
            "a chain of 10,000 links",
            () -> layerThroughLinks(t -> chain(t, 10_000, blob), "c/link0"),
            "ARC-6",
            UnsafeEntryException.class,
            "link chain longer than 8 links",
            LOAD));
    all.add(
        rejecting(
            "symlink-to-directory",
            "the layer is a symlink to a directory entry",
            () ->
                layerThroughLinks(
                    t -> {
                      t.directory("d/");
                      t.symlink("l", "d");
                    },
                    "l"),
            "ARC-6",
            MalformedArchiveException.class,
            "not a regular file",
            LOAD));
    all.add(
        rejecting(
            "symlink-dangling",
            "the layer is a symlink to a name that does not exist",
            () -> layerThroughLinks(t -> t.symlink("l", "nowhere.tar"), "l"),
            "ARC-2",
            EntryNotFoundException.class,
            "link target does not exist",
            LOAD));
    all.add(
        rejecting(
            "manifest-symlink-escape",
            "manifest.json itself is a symlink to /etc/passwd",
            () -> {
              TestImage b = base();
              RawTar t = RawTar.inMemory();
              t.file(b.blobPath(0), b.storedLayer(0));
              t.symlink("manifest.json", "/etc/passwd");
              return t.trailer().bytes();
            },
            "SAFE-2",
            UnsafeEntryException.class,
            "absolute link target",
            OPEN));
    all.add(
        rejecting(
            "layer-is-fifo-via-hardlink",
            "the layer is a hard link to a FIFO entry",
            () ->
                layerThroughLinks(
                    t -> {
                      t.raw(RawTar.header(utf8("fifo"), 0, '6', ""));
                      t.hardlink("l", "fifo");
                    },
                    "l"),
            "ARC-6",
            MalformedArchiveException.class,
            "not a regular file",
            LOAD));
  }

  // ---------------------------------------------------------------------------------------------
  // Decompression bombs (SAFE-3)

  /** gzip members of 1 MiB of zeros each, concatenated: a valid gzip stream of {@code mib} MiB. */
  static void writeZeroMembers(OutputStream out, long mib) throws IOException {
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(one)) {
      gz.write(new byte[1 << 20]);
    }
    byte[] member = one.toByteArray();
    for (long i = 0; i < mib; i++) {
      out.write(member);
    }
  }

  private static HostileCase.Source layerBomb() {
    return file -> {
      ByteArrayOutputStream layer = new ByteArrayOutputStream();
      writeZeroMembers(layer, GIB >> 20);
      byte[] stored = layer.toByteArray();
      TestImage b = base();
      com.fasterxml.jackson.databind.node.ObjectNode config = b.configNode();
      config
          .putObject("rootfs")
          .put("type", "layers")
          .putArray("diff_ids")
          .add(ZEROS_1GIB_SHA256.toString());
      byte[] configBytes = TestImage.toJson(config);
      String configPath = Digest.sha256(configBytes).hex() + ".json";
      TarBuilder t = new TarBuilder();
      t.file("bomb.tar.gz", stored);
      t.file(configPath, configBytes);
      t.file(
          "manifest.json",
          "[{\"Config\":\""
              + configPath
              + "\",\"RepoTags\":[\"hostile/bomb:1\"],"
              + "\"Layers\":[\"bomb.tar.gz\"]}]");
      t.writeTo(file);
    };
  }

  private static HostileCase.Source archiveBomb() {
    return file -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(head)) {
          byte[] tar = baseTar();
          gz.write(tar, 0, (int) paddedEnd(tar, "manifest.json"));
        }
        out.write(head.toByteArray());
        writeZeroMembers(out, GIB >> 20);
      }
    };
  }

  private static void bombs(List<HostileCase> all) {
    HostileCase layer =
        new HostileCase(
            "gzip-bomb-layer-uncapped",
            "a 1 MiB gzip layer that inflates to 1 GiB of zeros, without a cap: legal, read"
                + " fully in bounded memory (streamed, never buffered)",
            layerBomb(),
            UnaryOperator.identity(),
            true,
            null,
            true,
            valid(1));
    all.add(layer);
    all.add(
        new HostileCase(
            "gzip-bomb-layer-capped",
            "the same layer with ReaderOptions.withMaxLayerSize(64 MiB): refused at the cap",
            layerBomb(),
            o -> o.withMaxLayerSize(CAP),
            false,
            null,
            false,
            reject(
                "SAFE-3",
                LimitExceededException.class,
                "decompresses to more than the limit of " + CAP + " bytes",
                LOAD)));
    all.add(
        new HostileCase(
            "gzip-bomb-archive-uncapped",
            "a gzip archive whose tar is followed by 1 GiB of zeros, without a cap: legal (zeros"
                + " after the end marker), decompressed to a temporary file that is deleted",
            archiveBomb(),
            UnaryOperator.identity(),
            true,
            null,
            true,
            valid(1)));
    all.add(
        new HostileCase(
            "gzip-bomb-archive-capped",
            "the same archive with ReaderOptions.withMaxArchiveSize(64 MiB): refused at the cap,"
                + " the partial temporary file deleted",
            archiveBomb(),
            o -> o.withMaxArchiveSize(CAP),
            false,
            null,
            false,
            reject(
                "SAFE-3",
                LimitExceededException.class,
                "decompresses to more than the limit of " + CAP + " bytes",
                OPEN)));
    all.add(
        rejecting(
            "xz-huge-dictionary-layer",
            "an xz layer whose header asks for a 192 MiB dictionary: more than a small heap has;"
                + " it must be refused with a typed error, never an OutOfMemoryError",
            () -> {
              TestImage b = base();
              byte[] xz = hugeDictionaryXz(b.storedLayer(0));
              TarBuilder t = new TarBuilder();
              t.file("a.tar.xz", xz);
              t.file(b.blobPath(1), b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.file(
                  "manifest.json",
                  item(b, i -> i.putArray("Layers").add("a.tar.xz").add(b.blobPath(1))));
              return t.build();
            },
            "ARC-5",
            MalformedArchiveException.class,
            "a.tar.xz",
            LOAD));
    all.add(
        rejecting(
            "gzip-magic-garbage-layer",
            "a layer that starts with the gzip magic and continues with garbage",
            () -> {
              TestImage b = base();
              byte[] junk = new byte[2048];
              new java.util.Random(7).nextBytes(junk);
              junk[0] = 0x1f;
              junk[1] = (byte) 0x8b;
              junk[2] = 8;
              junk[3] = 0;
              TarBuilder t = new TarBuilder();
              t.file("junk.tar.gz", junk);
              t.file(b.blobPath(1), b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.file(
                  "manifest.json",
                  item(b, i -> i.putArray("Layers").add("junk.tar.gz").add(b.blobPath(1))));
              return t.build();
            },
            "ARC-5",
            MalformedArchiveException.class,
            "junk.tar.gz",
            LOAD));
  }

  /**
   * An xz stream of {@code data} whose LZMA2 dictionary-size byte is patched to 192 MiB, with the
   * block header's CRC32 fixed, so only the memory it asks for is hostile.
   */
  static byte[] hugeDictionaryXz(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (org.tukaani.xz.XZOutputStream xz =
        new org.tukaani.xz.XZOutputStream(bytes, new org.tukaani.xz.LZMA2Options(0))) {
      xz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] x = bytes.toByteArray();
    int blockHeader = 12;
    int headerSize = ((x[blockHeader] & 0xff) + 1) * 4;
    // Block header: size, flags, filter ID 0x21 (LZMA2), properties size 1, dictionary byte.
    int filter = blockHeader + 2;
    if (x[filter] != 0x21 || x[filter + 1] != 1) {
      throw new IllegalStateException("unexpected xz block header");
    }
    x[filter + 2] = 31; // (2 | 1) << (31 / 2 + 11) = 192 MiB
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(x, blockHeader, headerSize - 4);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      x[blockHeader + headerSize - 4 + i] = (byte) (v >>> (8 * i));
    }
    return x;
  }

  // ---------------------------------------------------------------------------------------------
  // manifest.json: size, count, nesting, types (RD-3, ARC-2)

  private static byte[] manifestIs(String json) {
    return withManifest(base(), utf8(json), t -> {});
  }

  private static void wrongManifestType(
      List<HostileCase> all, String name, String json, String fragment) {
    all.add(
        rejecting(
            "manifest-type-" + name,
            "manifest.json " + json,
            () -> manifestIs(json),
            "ARC-2",
            InvalidManifestException.class,
            fragment,
            OPEN));
  }

  private static void manifests(List<HostileCase> all) {
    all.add(
        rejecting(
            "manifest-1mib-plus-1",
            "manifest.json of 1 MiB + 1 byte (valid JSON padded with spaces)",
            () -> {
              TestImage b = base();
              byte[] json = TestImage.manifestJson(b);
              byte[] padded = Arrays.copyOf(json, (1 << 20) + 1);
              Arrays.fill(padded, json.length, padded.length, (byte) ' ');
              return withManifest(b, padded, t -> {});
            },
            "RD-3",
            LimitExceededException.class,
            "exceeded maximum allowed size of 1048576 bytes",
            OPEN));
    all.add(
        accepting(
            "manifest-exactly-1mib",
            "manifest.json of exactly 1 MiB: at the limit, accepted",
            bytes(
                () -> {
                  TestImage b = base();
                  byte[] json = TestImage.manifestJson(b);
                  byte[] padded = Arrays.copyOf(json, 1 << 20);
                  Arrays.fill(padded, json.length, padded.length, (byte) ' ');
                  return withManifest(b, padded, t -> {});
                }),
            1));
    all.add(
        accepting(
            "ten-thousand-images",
            "10,000 manifest.json items sharing one config and layer, each with its own tag:"
                + " legal; every item is read",
            file -> {
              TestImage b = new TestImage().layer(Layer.of("x", "y"));
              StringBuilder json = new StringBuilder("[");
              for (int i = 0; i < 10_000; i++) {
                json.append(i == 0 ? "" : ",")
                    .append("{\"Config\":\"c.json\",\"RepoTags\":[\"i:")
                    .append(i)
                    .append("\"],\"Layers\":[\"l.tar\"]}");
              }
              new TarBuilder()
                  .file("l.tar", b.storedLayer(0))
                  .file("c.json", b.configBytes())
                  .file("manifest.json", json.append("]").toString())
                  .writeTo(file);
            },
            10_000));
    all.add(
        new HostileCase(
            "hundred-thousand-entries",
            "100,000 empty files besides one image: legal; the index must fit a small heap",
            file -> {
              byte[] tar = baseTar();
              try (OutputStream out =
                  new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                RawTar t = new RawTar(out);
                for (int i = 0; i < 100_000; i++) {
                  t.file(String.format("f/%06d", i), new byte[0]);
                }
                t.raw(tar);
              }
            },
            UnaryOperator.identity(),
            true,
            null,
            true,
            valid(1)));
    all.add(
        rejecting(
            "manifest-deeply-nested",
            "manifest.json is 100,000 nested arrays",
            () -> manifestIs("[".repeat(100_000) + "]".repeat(100_000)),
            "ARC-2",
            InvalidManifestException.class,
            "nesting depth",
            OPEN));
    all.add(
        rejecting(
            "manifest-empty",
            "manifest.json is empty",
            () -> manifestIs(""),
            "ARC-2",
            InvalidManifestException.class,
            "unexpected end of JSON input",
            OPEN));
    all.add(
        rejecting(
            "manifest-not-utf8",
            "manifest.json holds bytes that are not UTF-8 inside a string",
            () -> {
              TestImage b = base();
              byte[] json = utf8("[{\"Config\":\"\u00ff\u00ff\"}]");
              byte[] raw = Arrays.copyOf(json, json.length);
              int at = TarBytes.indexOf(raw, new byte[] {(byte) 0xc3, (byte) 0xbf});
              raw[at] = (byte) 0xff;
              raw[at + 1] = (byte) 0xfe;
              return withManifest(b, raw, t -> {});
            },
            "ARC-2",
            InvalidManifestException.class,
            "decoding tar manifest.json",
            OPEN));
    all.add(
        rejecting(
            "manifest-trailing-garbage",
            "manifest.json is a valid array followed by more tokens",
            () -> manifestIs("[] []"),
            "ARC-2",
            InvalidManifestException.class,
            "decoding tar manifest.json",
            OPEN));
    wrongManifestType(all, "document-string", "\"items\"", "expected a JSON array of items");
    wrongManifestType(all, "item-number", "[42]", "item @0 must be an object");
    wrongManifestType(
        all, "config-number", "[{\"Config\":7}]", "field \"Config\" must be a string");
    wrongManifestType(
        all, "repotags-string", "[{\"RepoTags\":\"a:b\"}]", "field \"RepoTags\" must be an array");
    wrongManifestType(
        all, "repotags-element-object", "[{\"RepoTags\":[{}]}]", "field \"RepoTags\"[0] must be");
    wrongManifestType(
        all, "layers-object", "[{\"Layers\":{}}]", "field \"Layers\" must be an array");
    wrongManifestType(
        all, "layers-element-bool", "[{\"Layers\":[true]}]", "field \"Layers\"[0] must be");
    wrongManifestType(all, "parent-array", "[{\"Parent\":[]}]", "field \"Parent\" must be");
    wrongManifestType(
        all,
        "layersources-array",
        "[{\"LayerSources\":[]}]",
        "field \"LayerSources\" must be an object");
    wrongManifestType(
        all,
        "layersources-size-string",
        "[{\"LayerSources\":{\"sha256:x\":{\"size\":\"big\"}}}]",
        ".size must be a 64-bit integer");
    wrongManifestType(
        all,
        "layersources-size-overflow",
        "[{\"LayerSources\":{\"sha256:x\":{\"size\":99999999999999999999}}}]",
        ".size must be a 64-bit integer");
  }

  // ---------------------------------------------------------------------------------------------
  // Configs: nesting, types, size (SRC-2, RD-3)

  private static byte[] configIs(byte[] config) {
    TestImage b = base().rawConfig(config);
    return TestImage.archive(b).build();
  }

  private static void wrongConfig(
      List<HostileCase> all, String name, String json, String fragment) {
    all.add(
        rejecting(
            "config-" + name,
            "config " + (json.length() > 60 ? json.substring(0, 60) + "..." : json),
            () -> configIs(utf8(json)),
            "SRC-2",
            InvalidConfigException.class,
            fragment,
            LOAD));
  }

  private static void configs(List<HostileCase> all) {
    wrongConfig(all, "array", "[]", "expected a JSON object");
    wrongConfig(all, "null", "null", "expected a JSON object");
    wrongConfig(all, "no-rootfs", "{}", "rootFS is not set");
    wrongConfig(all, "rootfs-string", "{\"rootfs\":\"layers\"}", "field \"rootfs\" must be");
    wrongConfig(
        all, "diff-ids-object", "{\"rootfs\":{\"diff_ids\":{}}}", "rootfs.diff_ids\" must be");
    wrongConfig(
        all, "diff-id-number", "{\"rootfs\":{\"diff_ids\":[1]}}", "rootfs.diff_ids[0] must be");
    wrongConfig(
        all,
        "created-number",
        "{\"created\":5,\"rootfs\":{\"diff_ids\":[]}}",
        "field \"created\" must be");
    wrongConfig(
        all,
        "history-object",
        "{\"history\":{},\"rootfs\":{\"diff_ids\":[]}}",
        "field \"history\" must be");
    wrongConfig(
        all,
        "deeply-nested",
        "{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}",
        "nesting depth");
    all.add(
        rejecting(
            "config-4mib-plus-1",
            "a config of 4 MiB + 1 byte",
            () -> {
              byte[] json = TestImage.toJson(base().configNode());
              byte[] padded = Arrays.copyOf(json, (4 << 20) + 1);
              Arrays.fill(padded, json.length, padded.length, (byte) ' ');
              return configIs(padded);
            },
            "RD-3",
            LimitExceededException.class,
            "exceeded maximum allowed size of 4194304 bytes",
            LOAD));
  }

  // ---------------------------------------------------------------------------------------------
  // Digests (SRC-2, SRC-7)

  private static void badDiffId(List<HostileCase> all, String name, String diffId) {
    all.add(
        rejecting(
            "diff-id-" + name,
            "rootfs.diff_ids[0] is \"" + diffId + "\"",
            () ->
                configIs(
                    utf8(
                        "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                            + diffId
                            + "\",\""
                            + base().diffIds().get(1)
                            + "\"]}}")),
            "SRC-2",
            InvalidConfigException.class,
            "rootfs.diff_ids[0] must be a digest",
            LOAD));
  }

  private static byte[] withDiffIds(List<String> ids) {
    TestImage b = base();
    com.fasterxml.jackson.databind.node.ObjectNode config = b.configNode();
    var array = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    ids.forEach(array::add);
    return configIs(TestImage.toJson(config));
  }

  private static void digests(List<HostileCase> all) {
    String hex = base().diffIds().get(0).hex();
    badDiffId(all, "short-hex", "sha256:" + hex.substring(1));
    badDiffId(all, "upper-case-hex", "sha256:" + hex.toUpperCase(java.util.Locale.ROOT));
    badDiffId(all, "no-algorithm", hex);
    badDiffId(all, "md5", "md5:d41d8cd98f00b204e9800998ecf8427e");
    badDiffId(all, "empty", "");
    badDiffId(all, "non-hex", "sha256:" + "g".repeat(64));
    all.add(
        accepting(
            "diff-ids-sha512",
            "diffIDs in sha512 that match the layers: another registered algorithm, legal",
            bytes(
                () -> {
                  TestImage b = base();
                  List<String> ids = new ArrayList<>();
                  for (Layer l : b.layers()) {
                    ids.add(Digest.of("sha512", sha(l.tar(), "SHA-512")).toString());
                  }
                  return withDiffIds(ids);
                }),
            1));
    all.add(
        rejecting(
            "diff-ids-sha512-wrong",
            "a well-formed sha512 diffID that the layer does not hash to",
            () -> {
              TestImage b = base();
              return withDiffIds(
                  List.of("sha512:" + "ab".repeat(64), b.diffIds().get(1).toString()));
            },
            "SRC-7",
            DigestMismatchException.class,
            "sha512:" + "ab".repeat(64),
            READ));
  }

  private static byte[] sha(byte[] data, String algorithm) {
    try {
      return java.security.MessageDigest.getInstance(algorithm).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The rest

  private static void misc(List<HostileCase> all) {
    all.add(
        rejecting(
            "pre-1.10-save",
            "only repositories and <id>/layer.tar, no manifest.json: the error says what it is",
            () ->
                new TarBuilder()
                    .file("repositories", "{\"busybox\":{\"latest\":\"" + "a".repeat(64) + "\"}}")
                    .file("a".repeat(64) + "/layer.tar", new byte[0])
                    .build(),
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "layer-is-directory",
            "a Layers path names a directory entry",
            () -> {
              TestImage b = base();
              return withManifest(
                  b,
                  item(b, i -> i.putArray("Layers").add("d/").add(b.blobPath(1))),
                  t -> t.directory("d/"));
            },
            "ARC-6",
            MalformedArchiveException.class,
            "not a regular file",
            LOAD));
    all.add(
        accepting(
            "duplicate-manifest-first-wins",
            "manifest.json twice, the second one broken: the first wins (ARC-7)",
            bytes(
                () -> {
                  TestImage b = base();
                  TarBuilder t = TestImage.archive(b);
                  t.file("manifest.json", "{not json");
                  return t.build();
                }),
            1));
    all.add(
        new HostileCase(
            "tag-not-found",
            "read by a reference no item has",
            bytes(HostileCorpus::baseTar),
            UnaryOperator.identity(),
            true,
            "hostile/other:2",
            false,
            reject(
                "SEL-2",
                ImageNotFoundException.class,
                "Tag \"docker.io/hostile/other:2\" not found",
                LOAD)));
    all.add(
        rejecting(
            "layer-digest-mismatch-bzip2",
            "a bzip2 layer whose content does not hash to its diffID",
            () -> {
              TestImage b = new TestImage().tags("hostile/bz:1");
              b.layer(
                  Layer.of("a.txt", "alpha").withDiffId(Digest.sha256(utf8("other"))),
                  Compression.BZIP2);
              return TestImage.archive(b).build();
            },
            "SRC-7",
            DigestMismatchException.class,
            Digest.sha256(utf8("other")).toString(),
            READ));
  }
}
