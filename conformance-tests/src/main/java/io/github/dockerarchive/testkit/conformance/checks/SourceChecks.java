package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ_TO_DIR;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.archiveOf;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.plain;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.readToDir;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.readsArchive;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.LayerSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.HandmadeInput;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The checks of SRC: one image read from an archive. What a copy can show goes through copies (a
 * copy into {@code dir:} keeps the manifest the implementation serves: SRC-3, SRC-4, SRC-5); the
 * rest (cached errors, blob lookups, stream verification, LayerSources) goes through the Java API.
 *
 * <p>Layers are uncompressed and reached without links, except where the rule is about them (SRC-5:
 * links; SRC-6: a gzip layer served decompressed, said in the title). The hostile corpus's inputs
 * that fall under a SRC rule ({@link HostileInputs}), the real archives whose layer.tar is a
 * symlink ({@link RealArchives}) and the generated reads ({@link GeneratedSpecs}) follow.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SourceChecks {
  private SourceChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    src1(checks);
    src2(checks);
    src3to5(checks);
    src6(checks);
    src7(checks);
    src8(checks);
    checks.add(
        Check.javaApi(
            "SRC-9",
            "layer-sources-exposed",
            "a foreign layer's LayerSources descriptor (media type, size, digest, URLs) is"
                + " exposed as stored",
            SourceChecks::layerSourcesExposed));
    checks.addAll(HostileInputs.checksUnder("SRC"));
    checks.addAll(RealArchives.checksUnder("SRC"));
    checks.add(
        Check.of(
            "SRC-6",
            "generated-reads",
            "25 generated single-image archives (plain: uncompressed, reference dialect) read to"
                + " dir: (or oci:) give the config and diffIDs of the spec",
            Set.of(Capability.READ),
            c -> GeneratedSpecs.reads(c, "plain", GeneratedSpecs.plain().images(1, 1), 25)));
    return List.copyOf(checks);
  }

  // ---- SRC-1: errors on first use, cached.

  private static void src1(List<Check> checks) {
    checks.add(
        Check.javaApi(
            "SRC-1",
            "selection-error-cached",
            "a source selecting a missing tag fails with an IOException, the same one on every use",
            c -> {
              Path a = archiveOf(c, plain());
              sameFailureEveryTime(c, CheckContext.archive(a, ":example.com/missing:1"));
            }));
    checks.add(
        Check.javaApi(
            "SRC-1",
            "config-error-cached",
            "a source whose config has no rootfs fails with an IOException, the same one on every"
                + " use",
            c -> {
              Path a = archiveOf(c, plain().configEdit(cfg -> cfg.remove("rootfs")));
              sameFailureEveryTime(c, CheckContext.archive(a, ""));
            }));
  }

  private static void sameFailureEveryTime(CheckContext c, String reference)
      throws CheckFailure, IOException {
    JavaApi api = c.implementation().javaApi().orElseThrow();
    c.note("Java API: openImage(" + reference + "), then manifestBytes() twice and getBlob()");
    ImageInput in;
    try {
      in = api.openImage(reference);
    } catch (IOException e) {
      // Failing at open is a clean failure too; there is then no source to use twice.
      return;
    } catch (RuntimeException e) {
      throw new CheckFailure("openImage(" + reference + ") threw the unchecked " + e);
    }
    try (in) {
      Throwable first = failure(() -> in.manifestBytes());
      Throwable second = failure(() -> in.manifestBytes());
      Throwable third = failure(() -> in.getBlob(Digest.sha256(new byte[0])));
      for (Throwable t : List.of(first, second, third)) {
        require(t != null, "a use of the failing source " + reference + " succeeded");
        require(t instanceof IOException, "the failing source threw the unchecked " + t);
      }
      require(
          first.getClass() == second.getClass()
              && Objects.equals(first.getMessage(), second.getMessage())
              && first.getClass() == third.getClass()
              && Objects.equals(first.getMessage(), third.getMessage()),
          "the failing source failed differently: " + first + " / " + second + " / " + third);
    }
  }

  /** What an action throws, or null when it returns. */
  private static Throwable failure(ThrowingAction action) {
    try {
      action.run();
      return null;
    } catch (Exception | Error e) {
      return e;
    }
  }

  @FunctionalInterface
  private interface ThrowingAction {
    void run() throws Exception;
  }

  // ---- SRC-2: the config.

  private static void src2(List<Check> checks) {
    checks.add(
        refusesImage(
            "SRC-2",
            "missing-rootfs-refused",
            "an image whose config has no rootfs is refused",
            () -> plain().configEdit(cfg -> cfg.remove("rootfs")),
            "a config without rootfs"));
    checks.add(
        refusesImage(
            "SRC-2",
            "null-rootfs-refused",
            "an image whose config has rootfs null is refused",
            () -> plain().configEdit(cfg -> cfg.putNull("rootfs")),
            "a config with rootfs null"));
    checks.add(
        refusesImage(
            "SRC-2",
            "config-not-an-object-refused",
            "an image whose config is a JSON array is refused",
            () -> plain().rawConfig("[1,2]".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "a config that is no JSON object"));
    checks.add(
        refusesImage(
            "SRC-2",
            "more-layers-than-diff-ids-refused",
            "an item with three Layers for two diff_ids is refused",
            () ->
                plain()
                    .itemEdit(
                        item -> {
                          ArrayNode layers = (ArrayNode) item.get("Layers");
                          layers.add(layers.get(0).asText());
                        }),
            "Layers longer than diff_ids"));
    checks.add(
        refusesImage(
            "SRC-2",
            "fewer-layers-than-diff-ids-refused",
            "an item with one Layers path for two diff_ids is refused",
            () -> plain().itemEdit(item -> ((ArrayNode) item.get("Layers")).remove(1)),
            "Layers shorter than diff_ids"));
    checks.add(
        Check.of(
            "SRC-2",
            "empty-rootfs-zero-layers",
            "an image whose config has rootfs {} (no diff_ids) and no Layers is read, zero layers",
            READ,
            c -> {
              HandmadeImage i = new HandmadeImage().tags("example.com/app:1");
              i.configEdit(cfg -> cfg.putObject("rootfs"));
              Path a = archiveOf(c, i);
              expectImage(
                  read(c, CheckContext.archive(a, ""), "out"),
                  i.configDigest(),
                  List.of(),
                  "the image");
            }));
  }

  /** A check that the only image of a hand-made archive is refused. */
  private static Check refusesImage(
      String rule,
      String name,
      String title,
      java.util.function.Supplier<HandmadeImage> image,
      String why) {
    return ReaderCheckSupport.refuses(rule, name, title, () -> List.of(image.get()), "", why);
  }

  // ---- SRC-3, SRC-4, SRC-5: the manifest served, seen in a dir: copy.

  /** An image of three layers whose first and third are the same layer (one diffID twice). */
  private static HandmadeImage layerListedTwice() {
    HandmadeImage.Layer a = HandmadeImage.Layer.of("a.txt", "repeated layer");
    return new HandmadeImage()
        .tags("example.com/app:1")
        .layer(a)
        .layerFiles("b.txt", "middle layer")
        .layer(a);
  }

  private static void src3to5(List<Check> checks) {
    checks.add(
        Check.of(
            "SRC-3",
            "schema2-manifest",
            "the manifest served is Docker schema 2 with the config descriptor and one layer"
                + " descriptor per diffID, in config order",
            READ_TO_DIR,
            c -> {
              HandmadeImage i = plain().layerFiles("etc/three.txt", "third layer");
              expectSchema2(c, i);
            }));
    checks.add(
        Check.of(
            "SRC-3",
            "repeated-layer-repeated",
            "a diffID listed twice in the config gets two layer descriptors (duplicates repeated)",
            READ_TO_DIR,
            c -> {
              expectSchema2(c, layerListedTwice());
            }));
    checks.add(
        Check.of(
            "SRC-3",
            "no-layers-empty-array",
            "an image of zero layers is served with \"layers\": [] (never null or absent)",
            READ_TO_DIR,
            c -> expectSchema2(c, new HandmadeImage().tags("example.com/app:1"))));
    checks.add(
        Check.of(
            "SRC-4",
            "media-type-of-served-bytes",
            "uncompressed layers are labelled " + MediaTypes.DOCKER_LAYER_TAR + ", not gzip",
            READ_TO_DIR,
            c -> {
              HandmadeImage i = plain();
              Path dir = readToDir(c, CheckContext.archive(archiveOf(c, i), ""), "out");
              JsonNode layers = manifestOf(dir).path("layers");
              for (int n = 0; n < layers.size(); n++) {
                JsonNode d = layers.get(n);
                String type = d.path("mediaType").asText(null);
                Path blob = blobFile(dir, d);
                byte[] head = new byte[Compression.MAGIC_LENGTH];
                int got = 0;
                if (blob != null && Files.isRegularFile(blob)) {
                  try (var in = Files.newInputStream(blob)) {
                    got = in.readNBytes(head, 0, head.length);
                  }
                }
                Compression stored = Compression.detect(head, got);
                if (stored == Compression.NONE) {
                  require(
                      MediaTypes.DOCKER_LAYER_TAR.equals(type),
                      "layer @"
                          + n
                          + " is served as uncompressed bytes but labelled "
                          + type
                          + ", expected "
                          + MediaTypes.DOCKER_LAYER_TAR);
                } else {
                  String algorithm = stored.name().toLowerCase(java.util.Locale.ROOT);
                  require(
                      type != null && type.contains(algorithm),
                      "layer @" + n + " is served as " + algorithm + " bytes but labelled " + type);
                }
              }
            }));
    for (HandmadeImage.LinkStyle style :
        List.of(HandmadeImage.LinkStyle.SYMLINK, HandmadeImage.LinkStyle.HARDLINK)) {
      String kind = style == HandmadeImage.LinkStyle.SYMLINK ? "symlinked" : "hardlinked";
      String link =
          style == HandmadeImage.LinkStyle.SYMLINK
              ? "a symlink <dir>/layer.tar -> ../<blob>"
              : "a hard link <dir>/layer.tar -> <blob>";
      checks.add(
          Check.of(
              "SRC-5",
              kind + "-layer-size",
              "layers reached through " + link + " are served with their real sizes",
              READ_TO_DIR,
              c -> {
                HandmadeImage i = plain().layersAs(style);
                Path dir = readToDir(c, CheckContext.archive(archiveOf(c, i), ""), "out");
                JsonNode layers = manifestOf(dir).path("layers");
                require(
                    layers.size() == i.layers().size(),
                    "the manifest served lists "
                        + layers.size()
                        + " layers, expected "
                        + i.layers().size());
                for (int n = 0; n < layers.size(); n++) {
                  long size = layers.get(n).path("size").asLong(-1);
                  require(
                      size == i.layers().get(n).size(),
                      "layer @"
                          + n
                          + " is served with size "
                          + size
                          + ", expected "
                          + i.layers().get(n).size());
                }
                expectImage(c.readDir(dir, "the dir: image"), i, "the image");
              }));
      checks.add(
          readsArchive(
              "SRC-5",
              kind + "-layer-read",
              "an image whose layers are reached through " + link + " is read",
              () -> HandmadeInput.of(plain().layersAs(style))));
    }
  }

  /** Reads an image into dir: and checks its manifest against SRC-3. */
  private static void expectSchema2(CheckContext c, HandmadeImage i)
      throws IOException, CheckFailure, InterruptedException {
    Path dir = readToDir(c, CheckContext.archive(archiveOf(c, i), ""), "out");
    JsonNode m = manifestOf(dir);
    require(
        m.path("schemaVersion").asInt(-1) == 2,
        "schemaVersion is " + m.get("schemaVersion") + ", expected 2");
    require(
        MediaTypes.DOCKER_MANIFEST_V2.equals(m.path("mediaType").asText(null)),
        "mediaType is " + m.get("mediaType") + ", expected " + MediaTypes.DOCKER_MANIFEST_V2);
    JsonNode config = m.path("config");
    require(
        MediaTypes.DOCKER_CONFIG.equals(config.path("mediaType").asText(null)),
        "config mediaType is "
            + config.get("mediaType")
            + ", expected "
            + MediaTypes.DOCKER_CONFIG);
    require(
        i.configDigest().toString().equals(config.path("digest").asText(null)),
        "config digest is " + config.get("digest") + ", expected " + i.configDigest());
    require(
        config.path("size").asLong(-1) == i.configBytes().length,
        "config size is " + config.get("size") + ", expected " + i.configBytes().length);
    JsonNode layers = m.get("layers");
    require(
        layers != null && layers.isArray(),
        "\"layers\" is " + (layers == null ? "absent" : layers.toString()) + ", expected an array");
    List<String> digests = new ArrayList<>();
    layers.forEach(d -> digests.add(d.path("digest").asText(null)));
    List<String> expected = i.diffIds().stream().map(Digest::toString).toList();
    require(
        digests.equals(expected),
        "layer digests are " + digests + ", expected the diffIDs in config order " + expected);
    expectImage(c.readDir(dir, "the dir: image"), i, "the image");
  }

  private static JsonNode manifestOf(Path dir) throws CheckFailure {
    Path file = dir.resolve("manifest.json");
    try {
      JsonNode m = HandmadeImage.JSON.readTree(Files.readAllBytes(file));
      require(m != null && m.isObject(), "dir:" + dir + "/manifest.json is not a JSON object");
      return m;
    } catch (IOException e) {
      throw new CheckFailure("dir:" + dir + "/manifest.json cannot be read: " + e.getMessage());
    }
  }

  private static Path blobFile(Path dir, JsonNode descriptor) {
    String digest = descriptor.path("digest").asText("");
    int colon = digest.indexOf(':');
    return colon < 0 ? null : dir.resolve(digest.substring(colon + 1));
  }

  // ---- SRC-6: blobs by digest (Java API).

  private static void src6(List<Check> checks) {
    checks.add(
        Check.javaApi(
            "SRC-6",
            "config-by-digest",
            "getBlob(config digest) returns the config bytes",
            c ->
                withSource(
                    c,
                    plain(),
                    (i, in) -> {
                      byte[] got;
                      try (BlobStream s = in.getBlob(i.configDigest())) {
                        got = s.readAllBytes();
                      }
                      require(
                          Arrays.equals(got, i.configBytes()),
                          "getBlob(config) returned "
                              + got.length
                              + " bytes hashing to "
                              + Digest.sha256(got).shortForm()
                              + ", expected "
                              + i.configDigest().shortForm());
                    })));
    checks.add(
        Check.javaApi(
            "SRC-6",
            "layer-by-diff-id",
            "getBlob(diffID) returns each uncompressed layer's bytes",
            c -> withSource(c, plain(), SourceChecks::expectLayers)));
    checks.add(
        Check.javaApi(
            "SRC-6",
            "gzip-layer-served-decompressed",
            "getBlob(diffID) of a layer stored gzip-compressed returns the decompressed bytes",
            c ->
                withSource(
                    c,
                    new HandmadeImage()
                        .tags("example.com/app:1")
                        .layer(
                            HandmadeImage.Layer.of("a.txt", "compressed layer"), Compression.GZIP),
                    SourceChecks::expectLayers)));
    checks.add(
        Check.javaApi(
            "SRC-6",
            "unknown-digest-refused",
            "getBlob of a digest that is neither the config nor a diffID fails with an IOException",
            c ->
                withSource(
                    c,
                    plain(),
                    (i, in) ->
                        expectUnknown(
                            in, Digest.sha256("no such blob".getBytes()), "an unknown digest"))));
    checks.add(
        Check.javaApi(
            "SRC-6",
            "stored-gzip-digest-refused",
            "getBlob of a gzip layer's stored (compressed) digest fails: layers are served by"
                + " diffID only",
            c -> {
              HandmadeImage i =
                  new HandmadeImage()
                      .tags("example.com/app:1")
                      .layer(HandmadeImage.Layer.of("a.txt", "compressed layer"), Compression.GZIP);
              withSource(
                  c,
                  i,
                  (img, in) ->
                      expectUnknown(
                          in, Digest.sha256(img.storedLayer(0)), "the compressed digest"));
            }));
  }

  private static void expectLayers(HandmadeImage i, ImageInput in) throws Exception {
    for (int n = 0; n < i.layers().size(); n++) {
      byte[] got;
      try (BlobStream s = in.getBlob(i.diffIds().get(n))) {
        got = s.readAllBytes();
      }
      require(
          Arrays.equals(got, i.layers().get(n).tar()),
          "getBlob(diffID of layer @"
              + n
              + ") returned "
              + got.length
              + " bytes hashing to "
              + Digest.sha256(got).shortForm()
              + ", expected the "
              + i.layers().get(n).size()
              + " bytes of "
              + i.diffIds().get(n).shortForm());
    }
  }

  private static void expectUnknown(ImageInput in, Digest digest, String what) throws CheckFailure {
    Throwable t;
    try (BlobStream s = in.getBlob(digest)) {
      s.readAllBytes();
      t = null;
    } catch (Exception | Error e) {
      t = e;
    }
    require(t != null, "getBlob(" + what + " " + digest.shortForm() + ") returned a blob");
    require(t instanceof IOException, "getBlob(" + what + ") threw the unchecked " + t);
  }

  @FunctionalInterface
  private interface SourceAction {
    void run(HandmadeImage image, ImageInput in) throws Exception;
  }

  private static void withSource(CheckContext c, HandmadeImage image, SourceAction action)
      throws Exception {
    Path a = archiveOf(c, image);
    JavaApi api = c.implementation().javaApi().orElseThrow();
    String ref = CheckContext.archive(a, "");
    c.note("Java API: openImage(" + ref + ")");
    ImageInput in;
    try {
      in = api.openImage(ref);
    } catch (IOException | RuntimeException e) {
      throw new CheckFailure("openImage(" + ref + ") failed: " + e);
    }
    try (in) {
      action.run(image, in);
    } catch (IOException | RuntimeException e) {
      throw new CheckFailure("reading the source failed: " + e);
    }
  }

  // ---- SRC-7: verification.

  /** One layer whose bytes do not hash to the diffID the config lists (same size, one change). */
  private static HandmadeImage mismatching() {
    HandmadeImage.Layer declared = HandmadeImage.Layer.of("a.txt", "declared content");
    HandmadeImage.Layer stored = HandmadeImage.Layer.of("a.txt", "actual! content");
    return new HandmadeImage()
        .tags("example.com/app:1")
        .layer(stored.withDiffId(declared.diffId()))
        .layerFiles("b.txt", "good layer");
  }

  private static void src7(List<Check> checks) {
    checks.add(
        Check.of(
            "SRC-7",
            "mismatching-layer-refused",
            "a copy of an image whose layer bytes do not hash to its diffID is refused",
            READ,
            c -> {
              Path a = archiveOf(c, mismatching());
              refused(
                  c, CheckContext.archive(a, ""), "out", "a layer that does not match its diffID");
            }));
    checks.add(
        Check.javaApi(
            "SRC-7",
            "mismatching-layer-stream-fails",
            "getBlob(diffID) of a layer whose bytes do not match fails with an IOException by the"
                + " end of the stream",
            c -> {
              HandmadeImage i = mismatching();
              Path a = archiveOf(c, i);
              JavaApi api = c.implementation().javaApi().orElseThrow();
              String ref = CheckContext.archive(a, "");
              c.note("Java API: openImage(" + ref + "), getBlob(diffID of layer @0), read all");
              Throwable t;
              try (ImageInput in = api.openImage(ref);
                  BlobStream s = in.getBlob(i.diffIds().get(0))) {
                s.readAllBytes();
                t = null;
              } catch (Exception | Error e) {
                t = e;
              }
              require(
                  t != null,
                  "the layer stream returned bytes that do not hash to "
                      + i.diffIds().get(0).shortForm()
                      + " without an error");
              require(t instanceof IOException, "the mismatch threw the unchecked " + t);
            }));
  }

  // ---- SRC-8: repeated diffIDs and shared paths.

  private static void src8(List<Check> checks) {
    checks.add(
        readsArchive(
            "SRC-8",
            "repeated-diff-id-first-path-wins",
            "a diffID listed twice is read from its first path; the second path (other bytes) is"
                + " never used",
            () -> {
              HandmadeImage i =
                  layerListedTwice()
                      .itemEdit(item -> ((ArrayNode) item.get("Layers")).set(2, "other/layer.tar"));
              HandmadeTar tar = HandmadeImage.archive(i);
              tar.file("other/layer.tar", "not the layer: a second path must never be read");
              return HandmadeInput.of(i, tar.build());
            }));
    checks.add(
        Check.of(
            "SRC-8",
            "one-path-two-diff-ids-refused",
            "one Layers path used for two different diffIDs is refused",
            READ,
            c -> {
              HandmadeImage i =
                  plain()
                      .itemEdit(
                          item -> {
                            ArrayNode layers = (ArrayNode) item.get("Layers");
                            layers.set(1, layers.get(0).asText());
                          });
              Path a = archiveOf(c, i);
              refused(c, CheckContext.archive(a, ""), "out", "one path for two diffIDs");
            }));
  }

  // ---- SRC-9: LayerSources descriptors (Java API).

  private static final String FOREIGN = MediaTypes.DOCKER_FOREIGN_LAYER_GZIP;
  private static final String URL = "https://example.com/layers/base.tar.gz";

  private static void layerSourcesExposed(CheckContext c) throws Exception {
    HandmadeImage image =
        new HandmadeImage().tags("example.com/app:1").layerFiles("etc/a.txt", "a foreign layer");
    String diffId = image.diffIds().get(0).toString();
    image.itemEdit(
        item -> {
          ObjectNode d = item.putObject("LayerSources").putObject(diffId);
          d.put("mediaType", FOREIGN);
          d.put("size", 1234);
          d.put("digest", "sha256:" + "cd".repeat(32));
          d.putArray("urls").add(URL);
        });
    Path archive = ReaderCheckSupport.archiveOf(c, image);
    List<ManifestItem> items = ReaderCheckSupport.items(c, CheckContext.archive(archive, ""));
    require(items.size() == 1, items.size() + " items, expected 1");
    LayerSource source = items.get(0).layerSources().get(diffId);
    require(source != null, "no LayerSources descriptor for " + diffId + ": " + items.get(0));
    require(
        FOREIGN.equals(source.mediaType())
            && source.size() == 1234
            && ("sha256:" + "cd".repeat(32)).equals(source.digest())
            && source.urls().equals(List.of(URL)),
        "the descriptor is " + source + ", expected " + FOREIGN + ", 1234, sha256:cdcd..., " + URL);
  }
}
