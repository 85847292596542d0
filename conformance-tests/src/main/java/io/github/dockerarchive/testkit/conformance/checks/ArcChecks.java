package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.assemble;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.onArchive;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.plain;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.readsArchive;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refused;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.HandmadeInput;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import io.github.dockerarchive.testkit.writer.Layout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apiguardian.api.API;

/**
 * The checks of ARC: what an archive is (tar dialects, item keys, manifest.json as the only index,
 * clean names, layer compression, links, duplicate entries), each through reads compared with what
 * the input holds.
 *
 * <p>Inputs are hand-made ({@link HandmadeImage}) or synthetic ({@link ArchiveSpec}); each check
 * varies one thing against a plain, uncompressed, link-free archive, so that a failure names the
 * rule. Compression appears only in the checks about compression (ARC-1 for the whole archive,
 * ARC-5 per layer). Links appear only in ARC-6, and there on the config entry: a symlinked layer is
 * SRC-5's subject. The hostile corpus's inputs and the real archives that fall under an ARC rule
 * ({@link HostileInputs#ruleOf}, {@link RealArchives}) and the generated compressed archives follow
 * the hand-made checks. ARC-11 and ARC-12 also judge what the implementation writes ({@link
 * WrittenArchives}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArcChecks {
  private ArcChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    arc1(checks);
    arc2(checks);
    arc3(checks);
    arc4(checks);
    arc5(checks);
    arc6(checks);
    arc7(checks);
    arc8(checks);
    arc9(checks);
    arc10(checks);
    arcWrites(checks);
    checks.addAll(HostileInputs.checksUnder("ARC"));
    checks.addAll(RealArchives.checksUnder("ARC"));
    checks.add(
        Check.of(
            "ARC-5",
            "generated-compressed-layers",
            "15 generated archives whose layers are gzip, zstd, bzip2 or xz read to dir: (or oci:) give"
                + " give the config and the diffIDs (of the decompressed layers) of the spec",
            Set.of(Capability.READ),
            c ->
                GeneratedSpecs.reads(
                    c,
                    "layers",
                    GeneratedSpecs.plain()
                        .images(1, 1)
                        .layers(1, 3)
                        .layerCompressions(
                            Compression.GZIP, Compression.ZSTD, Compression.BZIP2, Compression.XZ),
                    15)));
    checks.add(
        Check.of(
            "ARC-1",
            "generated-compressed-archives",
            "10 generated archives compressed whole with gzip, bzip2, xz or zstd read to dir:"
                + " (or oci:) give the config and diffIDs of the spec",
            Set.of(Capability.READ),
            c ->
                GeneratedSpecs.reads(
                    c,
                    "outer",
                    GeneratedSpecs.plain()
                        .images(1, 1)
                        .compressions(
                            Compression.GZIP, Compression.BZIP2, Compression.XZ, Compression.ZSTD),
                    10)));
    return List.copyOf(checks);
  }

  private static void arc1(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-1",
            "plain-ustar",
            "a plain uncompressed ustar archive is read",
            () -> HandmadeInput.of(plain())));
    checks.add(
        readsArchive(
            "ARC-1",
            "gnu-long-names",
            "entries with GNU long-name headers (././@LongLink) are read",
            () -> longNames(TarArchiveOutputStream.LONGFILE_GNU)));
    checks.add(
        readsArchive(
            "ARC-1",
            "pax-long-names",
            "entries whose long names are in PAX headers are read",
            () -> longNames(TarArchiveOutputStream.LONGFILE_POSIX)));
    checks.add(
        readsArchive(
            "ARC-1",
            "modes-without-type-bits",
            "headers with mode 0444 (no type bits), any uid/gid/uname and a 2024 mtime are read",
            () -> {
              HandmadeImage i = plain();
              byte[] tar =
                  assemble(
                          i,
                          e -> {
                            e.setMode(0444);
                            e.setUserId(1234);
                            e.setGroupId(5678);
                            e.setUserName("someone");
                            e.setGroupName("staff");
                            e.setModTime(1_700_000_000_000L);
                          })
                      .build();
              return HandmadeInput.of(i, tar);
            }));
    checks.add(
        readsArchive(
            "ARC-1",
            "space-terminated-octal",
            "headers whose size and mode fields end in a space instead of NUL are read",
            () -> {
              HandmadeImage i = plain();
              byte[] tar = HandmadeImage.archive(i).build();
              int h = TarPatch.headerOffset(tar, "manifest.json");
              long size = Long.parseLong(TarPatch.field(tar, h + TarPatch.SIZE, 12).trim(), 8);
              tar =
                  TarPatch.setField(
                      tar,
                      h,
                      TarPatch.SIZE,
                      TarPatch.SIZE_LEN,
                      String.format(Locale.ROOT, "%011o ", size));
              tar = TarPatch.setField(tar, h, TarPatch.MODE, TarPatch.MODE_LEN, "0000644 ");
              return HandmadeInput.of(i, tar);
            }));
    for (Compression c :
        List.of(Compression.GZIP, Compression.BZIP2, Compression.XZ, Compression.ZSTD)) {
      String name = c.name().toLowerCase(Locale.ROOT);
      checks.add(
          readsArchive(
              "ARC-1",
              "whole-archive-" + name,
              "an archive compressed as a whole with " + name + " (file named .tar) is read",
              () -> {
                HandmadeImage i = plain();
                return HandmadeInput.of(i, HandmadeImage.archive(i).compressed(c));
              }));
    }
    checks.add(
        readsArchive(
            "ARC-1",
            "uncompressed-named-tar-gz",
            "an uncompressed archive named .tar.gz is read (compression is found by magic bytes)",
            "archive.tar.gz",
            () -> HandmadeInput.of(plain())));
  }

  /** The plain image with its first layer stored again under a name of 150 characters. */
  private static HandmadeInput longNames(int mode) {
    String longPath = "layers/" + "x".repeat(130) + "/layer.tar";
    HandmadeImage i = plain().itemEdit(item -> ((ArrayNode) item.get("Layers")).set(0, longPath));
    HandmadeTar tar = HandmadeImage.archive(i).longFileMode(mode);
    tar.file(longPath, i.storedLayer(0));
    return HandmadeInput.of(i, tar.build());
  }

  private static void arc2(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-2",
            "lower-case-keys",
            "an item with the lower-case keys config, repoTags, layers (old Jib) is read",
            () -> HandmadeInput.of(plain().lowerCaseKeys())));
    checks.add(
        readsArchive(
            "ARC-2",
            "mixed-case-keys",
            "an item with the keys CONFIG, repotags, LaYeRs is read (keys match ignoring case)",
            () ->
                HandmadeInput.of(
                    plain()
                        .itemEdit(
                            item -> {
                              ObjectNode copy = item.deepCopy();
                              item.removeAll();
                              item.set("CONFIG", copy.get("Config"));
                              item.set("repotags", copy.get("RepoTags"));
                              item.set("LaYeRs", copy.get("Layers"));
                            }))));
    checks.add(
        readsArchive(
            "ARC-2",
            "unknown-keys-ignored",
            "an item with Parent, an empty LayerSources and unknown keys is read",
            () ->
                HandmadeInput.of(
                    plain()
                        .itemEdit(
                            item -> {
                              item.put("Parent", "sha256:" + "ab".repeat(32));
                              item.putObject("LayerSources");
                              item.putObject("Annotations").put("x", "y");
                              item.putArray("Extra").add(1).add("two");
                            }))));
    checks.add(
        readsArchive(
            "ARC-2",
            "null-tags-and-layers",
            "an item with RepoTags null and Layers null (an image of zero layers) is read",
            () ->
                HandmadeInput.of(
                    new HandmadeImage().nullTags().itemEdit(item -> item.putNull("Layers")))));
    checks.add(
        Check.of(
            "ARC-2",
            "roundtrip-single",
            "our writer's archive of one image of three layers (one empty) reads as written:"
                + " config bytes and layer contents",
            READ,
            c -> {
              ArchiveSpec spec =
                  ArchiveSpec.builder()
                      .image(
                          List.of("example.com/app:1"),
                          LayerSpec.filler(3000),
                          LayerSpec.of(),
                          LayerSpec.of(FileSpec.directory("etc"), FileSpec.file("etc/config", 100)))
                      .seed(11)
                      .build();
              ArchiveFixture f = c.fixture("archive.tar", spec);
              ImageContent got = read(c, CheckContext.archive(f.path(), ""), "out");
              expectImage(got, f.image(0), "the image");
            }));
    checks.add(
        roundtripMulti(
            "roundtrip-multi-by-index",
            "our writer's archive of three images sharing a layer: each read by index is as"
                + " written",
            (f, i) -> "@" + i));
    checks.add(
        roundtripMulti(
            "roundtrip-multi-by-tag",
            "our writer's archive of three images sharing a layer: each read by its stored tag is"
                + " as written",
            (f, i) -> f.image(i).repoTags().get(0)));
  }

  /**
   * An ARC-2 check of our writer's archive of {@link #threeImages()}: each image, read with the
   * selector {@code ":" + reference}, is the image written ("image " + reference in a failure).
   */
  private static Check roundtripMulti(
      String name, String title, BiFunction<ArchiveFixture, Integer, String> reference) {
    return Check.of(
        "ARC-2",
        name,
        title,
        READ,
        c -> {
          ArchiveFixture f = c.fixture("archive.tar", threeImages());
          for (int i = 0; i < 3; i++) {
            String ref = reference.apply(f, i);
            ImageContent got = read(c, CheckContext.archive(f.path(), ":" + ref), "out-" + i);
            expectImage(got, f.image(i), "image " + ref);
          }
        });
  }

  private static ArchiveSpec threeImages() {
    LayerSpec base = LayerSpec.filler(2048);
    return ArchiveSpec.builder()
        .image(List.of("example.com/one:1"), base, LayerSpec.filler(10))
        .image(
            new ImageSpec(List.of("example.com/two:2"), List.of(base, LayerSpec.filler(20)), null))
        .image(List.of("example.com/three:3"), base)
        .seed(5)
        .build();
  }

  private static void arc3(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-3",
            "ignores-index-json-and-legacy-files",
            "manifest.json is followed, not an index.json, repositories, <id>/json or blobs that"
                + " describe a decoy image",
            () -> {
              HandmadeImage real = plain().layout(Layout.DOCKER_HYBRID);
              HandmadeImage decoy =
                  new HandmadeImage()
                      .tags("example.com/app:1")
                      .layout(Layout.DOCKER_HYBRID)
                      .layerFiles("decoy.txt", "not the image manifest.json names");
              byte[] decoyManifest = ReaderCheckSupport.ociManifest(decoy);
              Digest decoyDigest = Digest.sha256(decoyManifest);
              ObjectNode index = HandmadeImage.JSON.createObjectNode();
              index.put("schemaVersion", 2);
              index.put("mediaType", MediaTypes.OCI_INDEX);
              ObjectNode d = index.putArray("manifests").addObject();
              d.put("mediaType", MediaTypes.OCI_MANIFEST);
              d.put("digest", decoyDigest.toString());
              d.put("size", decoyManifest.length);
              d.putObject("annotations").put("io.containerd.image.name", "example.com/app:1");
              String legacy = "ab".repeat(32);
              HandmadeTar tar =
                  new HandmadeTar()
                      .directory("blobs")
                      .directory("blobs/sha256")
                      .file(
                          "blobs/sha256/" + Digest.sha256(decoy.storedLayer(0)).hex(),
                          decoy.storedLayer(0))
                      .file("blobs/sha256/" + decoy.configDigest().hex(), decoy.configBytes())
                      .file("blobs/sha256/" + decoyDigest.hex(), decoyManifest)
                      .file("index.json", HandmadeImage.toJson(index))
                      .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                      .file("repositories", "{\"example.com/app\":{\"1\":\"" + legacy + "\"}}")
                      .directory(legacy)
                      .file(legacy + "/VERSION", "1.0")
                      .file(legacy + "/json", "{\"id\":\"" + legacy + "\"}")
                      .file(legacy + "/layer.tar", decoy.storedLayer(0));
              for (int i = 0; i < real.layers().size(); i++) {
                tar.file(real.blobPath(i), real.storedLayer(i));
              }
              tar.file(real.configPath(), real.configBytes());
              return HandmadeInput.withManifest(real, tar);
            }));
  }

  private static void arc4(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-4",
            "manifest-paths-not-clean",
            "Config ./X and Layers a//b, a/./b match the entries X, a/b (names compare after"
                + " cleaning)",
            () -> {
              HandmadeImage i =
                  plain()
                      .itemEdit(
                          item -> {
                            item.put("Config", "./" + item.get("Config").asText());
                            ArrayNode layers = (ArrayNode) item.get("Layers");
                            layers.set(0, "layers//" + layers.get(0).asText());
                            layers.set(1, "layers/./" + layers.get(1).asText());
                          });
              HandmadeTar tar = new HandmadeTar();
              for (int n = 0; n < 2; n++) {
                tar.file("layers/" + i.blobPath(n), i.storedLayer(n));
              }
              tar.file(i.configPath(), i.configBytes());
              return HandmadeInput.withManifest(i, tar);
            }));
    checks.add(
        readsArchive(
            "ARC-4",
            "entry-names-not-clean",
            "entries stored as ./manifest.json, ./X and ./a//b are found by the clean names",
            () -> {
              HandmadeImage i =
                  plain()
                      .itemEdit(
                          item -> {
                            ArrayNode layers = (ArrayNode) item.get("Layers");
                            layers.set(1, "layers/" + layers.get(1).asText());
                          });
              HandmadeTar tar = new HandmadeTar();
              tar.file("./" + i.blobPath(0), i.storedLayer(0));
              tar.file("./layers//" + i.blobPath(1), i.storedLayer(1));
              tar.file("./" + i.configPath(), i.configBytes());
              tar.file("./manifest.json", HandmadeImage.manifestJson(i));
              return HandmadeInput.of(i, tar.build());
            }));
  }

  private static void arc5(List<Check> checks) {
    for (Compression c :
        List.of(Compression.GZIP, Compression.ZSTD, Compression.BZIP2, Compression.XZ)) {
      String name = c.name().toLowerCase(Locale.ROOT);
      checks.add(
          readsArchive(
              "ARC-5",
              "layer-" + name,
              "a layer stored with " + name + " under a .tar name is read decompressed",
              () ->
                  HandmadeInput.of(
                      new HandmadeImage()
                          .tags("example.com/app:1")
                          .layer(HandmadeImage.Layer.of("etc/one.txt", "first layer"), c)
                          .layerFiles("etc/two.txt", "second layer"))));
    }
    checks.add(
        readsArchive(
            "ARC-5",
            "mixed-layer-compressions",
            "one image whose five layers are stored plain, gzip, zstd, bzip2 and xz is read",
            () -> {
              HandmadeImage i = new HandmadeImage().tags("example.com/app:1");
              int n = 0;
              for (Compression c : Compression.values()) {
                i.layer(HandmadeImage.Layer.of("layer" + n + ".txt", "layer " + n++), c);
              }
              return HandmadeInput.of(i);
            }));
    checks.add(
        readsArchive(
            "ARC-5",
            "raw-layer-named-tar-gz",
            "an uncompressed layer named .tar.gz (as rules_oci writes) is read as it is",
            () -> {
              HandmadeImage i =
                  plain()
                      .itemEdit(item -> ((ArrayNode) item.get("Layers")).set(0, "layer0.tar.gz"));
              HandmadeTar tar = new HandmadeTar();
              tar.file("layer0.tar.gz", i.storedLayer(0));
              tar.file(i.blobPath(1), i.storedLayer(1));
              tar.file(i.configPath(), i.configBytes());
              return HandmadeInput.withManifest(i, tar);
            }));
  }

  private static void arc6(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-6",
            "config-symlink-relative-to-its-directory",
            "Config names cfg/config.json, a symlink to ../<hex>.json (resolved from the link's"
                + " directory)",
            () -> configThroughLinks(1, false)));
    checks.add(
        readsArchive(
            "ARC-6",
            "config-hardlink-relative-to-root",
            "Config names cfg/config.json, a hard link to <hex>.json (resolved from the archive"
                + " root)",
            () -> configThroughLinks(1, true)));
    checks.add(
        readsArchive(
            "ARC-6",
            "config-symlink-chain-of-8",
            "Config reached through a chain of 8 symlinks is read",
            () -> configThroughLinks(8, false)));
    checks.add(
        onArchive(
            "ARC-6",
            "symlink-chain-of-9-refused",
            "Config reached through a chain of 9 symlinks (all inside the archive) is refused",
            "archive.tar",
            "",
            () -> configThroughLinks(9, false),
            (c, source, images) -> refused(c, source, "out", "a chain of 9 links")));
  }

  /**
   * The plain image whose Config is reached through {@code links} links: {@code l1/config.json} to
   * {@code ../l2/config.json} ... to the config (symlinks, each relative to its own directory), or
   * one hard link {@code l1/config.json} to the config's root-relative name.
   */
  private static HandmadeInput configThroughLinks(int links, boolean hard) {
    HandmadeImage i = plain().itemEdit(item -> item.put("Config", "l1/config.json"));
    HandmadeTar tar = blobs(i, i.configPath());
    if (hard) {
      tar.hardlink("l1/config.json", i.configPath());
    } else {
      for (int n = 1; n <= links; n++) {
        String target = n == links ? "../" + i.configPath() : "../l" + (n + 1) + "/config.json";
        tar.symlink("l" + n + "/config.json", target);
      }
    }
    return HandmadeInput.withManifest(i, tar);
  }

  private static void arc7(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-7",
            "first-duplicate-wins",
            "every blob and manifest.json written twice, the later copies different: the first"
                + " copies are read",
            () -> {
              HandmadeImage i = plain().duplicateEntries();
              HandmadeImage decoy = new HandmadeImage().tags("example.com/app:1");
              HandmadeTar tar = HandmadeImage.archive(i);
              tar.file("manifest.json", HandmadeImage.manifestJson(decoy));
              return HandmadeInput.of(i, tar.build());
            }));
  }

  private static void arc8(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-8",
            "config-name-claims-other-digest",
            "the config stored as <other digest>.json: the name means nothing, the image reads"
                + " with its config digest computed from the bytes",
            () -> {
              HandmadeImage i = plain();
              String decoy = "f".repeat(64) + ".json";
              HandmadeImage renamed = i.itemEdit(item -> item.put("Config", decoy));
              return HandmadeInput.withManifest(renamed, blobs(renamed, decoy));
            }));
  }

  private static void arc9(List<Check> checks) {
    checks.add(
        readsArchive(
            "ARC-9",
            "data-after-end-of-archive-ignored",
            "64 KiB of non-zero data after the end-of-archive marker: ignored, as Go's archive/tar"
                + " ignores it",
            () -> {
              HandmadeImage i = plain();
              byte[] tar = HandmadeImage.archive(i).build();
              byte[] withTrailer = java.util.Arrays.copyOf(tar, tar.length + (64 << 10));
              java.util.Arrays.fill(withTrailer, tar.length, withTrailer.length, (byte) 'x');
              return HandmadeInput.of(i, withTrailer);
            }));
  }

  private static void arc10(List<Check> checks) {
    checks.add(
        onArchive(
            "ARC-10",
            "manifest-with-byte-order-mark-refused",
            "manifest.json starting with a UTF-8 byte-order mark is refused, as Go's encoding/json"
                + " refuses it",
            "archive.tar",
            "",
            () -> {
              HandmadeImage i = plain();
              byte[] json = HandmadeImage.manifestJson(i);
              byte[] withBom = new byte[json.length + 3];
              withBom[0] = (byte) 0xef;
              withBom[1] = (byte) 0xbb;
              withBom[2] = (byte) 0xbf;
              System.arraycopy(json, 0, withBom, 3, json.length);
              HandmadeTar tar = blobs(i, i.configPath());
              tar.file("manifest.json", withBom);
              return HandmadeInput.of(i, tar.build());
            },
            (c, source, images) -> refused(c, source, "out", "a byte-order mark before the JSON")));
  }

  /**
   * ARC-11 and ARC-12 judge what the implementation writes: manifest.json's value types, and every
   * Layers path of a layer the archive lists more than once. (Reading manifest.json values of the
   * wrong type is checked by the hostile inputs under ARC-11.)
   */
  private static void arcWrites(List<Check> checks) {
    Set<Capability> write = Set.of(Capability.WRITE);
    checks.add(
        Check.of(
            "ARC-11",
            "written-field-types",
            "an image written to docker-archive:OUT:TAG has a manifest.json of items whose Config"
                + " is a string, RepoTags and Layers arrays of strings (Go's []ManifestItem)",
            write,
            c -> {
              Path out = WrittenArchives.write(c, WriteSupport.image("arc11", 2, 500), null);
              requireGoTypes(WriteSupport.manifestItems(out));
            }));
    checks.add(
        Check.of(
            "ARC-12",
            "written-repeated-layer",
            "an image listing one layer twice, written to docker-archive: every Layers path"
                + " resolves inside the archive to that layer's bytes (Docker opens each)",
            write,
            c ->
                WrittenArchives.requireNoProblems(
                    WrittenArchives.write(c, WrittenArchives.repeatedLayerImage("arc12"), null),
                    "the archive written",
                    "ARC-12",
                    "SRC-7")));
    checks.add(
        Check.of(
            "ARC-12",
            "written-shared-layer-multi",
            "copy --multi of two images sharing a layer: every Layers path of both items"
                + " resolves to the shared layer's bytes",
            Set.of(Capability.WRITE, Capability.WRITE_MULTI),
            c ->
                WrittenArchives.requireNoProblems(
                    WrittenArchives.writeTwoSharing(c, null),
                    "the archive written",
                    "ARC-12",
                    "SRC-7")));
  }

  /** Go's {@code []ManifestItem} types: what else a Go-based loader cannot decode (ARC-11). */
  private static void requireGoTypes(List<com.fasterxml.jackson.databind.JsonNode> items)
      throws io.github.dockerarchive.testkit.conformance.CheckFailure {
    for (int i = 0; i < items.size(); i++) {
      var item = items.get(i);
      String at = "manifest.json item @" + i;
      CheckContext.require(item.isObject(), at + " is " + item.getNodeType() + ", not an object");
      var config = WriteSupport.field(item, "Config");
      CheckContext.require(
          config != null && config.isTextual(),
          at
              + " Config is "
              + (config == null ? "absent" : config.getNodeType())
              + ", not a string");
      for (String key : List.of("RepoTags", "Layers")) {
        var list = WriteSupport.field(item, key);
        if (list == null || list.isNull()) {
          continue;
        }
        CheckContext.require(
            list.isArray(), at + " " + key + " is " + list.getNodeType() + ", not an array");
        for (int k = 0; k < list.size(); k++) {
          CheckContext.require(
              list.get(k).isTextual(),
              at + " " + key + "[" + k + "] is " + list.get(k).getNodeType() + ", not a string");
        }
      }
    }
  }

  /** A tar holding the plain image's two layers under their blob paths and its config. */
  private static HandmadeTar blobs(HandmadeImage i, String configPath) {
    HandmadeTar tar = new HandmadeTar();
    for (int n = 0; n < 2; n++) {
      tar.file(i.blobPath(n), i.storedLayer(n));
    }
    return tar.file(configPath, i.configBytes());
  }
}
