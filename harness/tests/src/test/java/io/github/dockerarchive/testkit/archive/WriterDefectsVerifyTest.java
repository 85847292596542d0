package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.writer.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * verify finds what buggy writers produce: an OCI layout that disagrees with manifest.json
 * (OCI-1..4), manifest.json fields of the wrong type (ARC-11), repeated layer paths that do not
 * resolve to the layer (ARC-12), no image (ARC-13), too many layers (ARC-14), and layer tars with
 * duplicate members or dangling hard links (LAY-1, LAY-2).
 */
@DisplayName("verify: defects of writers")
class WriterDefectsVerifyTest {
  @TempDir Path dir;

  private VerificationReport verify(byte[] tar) throws Exception {
    Path file = HandmadeTar.write(dir.resolve("archive-" + System.nanoTime() + ".tar"), tar);
    return ArchiveVerifier.verify(
        file, ReaderOptions.defaults(), ArchiveVerifier.ProgressListener.NONE);
  }

  private static List<Problem> of(VerificationReport report, String rule) {
    return report.problems().stream().filter(p -> rule.equals(p.rule())).toList();
  }

  private static List<String> rules(VerificationReport report) {
    return report.problems().stream().map(Problem::rule).toList();
  }

  private static HandmadeImage image(String tag, String... namesAndContents) {
    return new HandmadeImage()
        .tags(tag)
        .layout(Layout.DOCKER_HYBRID)
        .layerFiles(namesAndContents)
        .layerFiles("etc/second", "second layer of " + tag);
  }

  @Nested
  @DisplayName("valid archives")
  class Valid {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    @DisplayName("every dialect, two images sharing a layer with links: no new problem at all")
    void everyDialect(Dialect dialect) throws Exception {
      LayerSpec shared =
          LayerSpec.of(
              FileSpec.directory("etc"),
              FileSpec.file("etc/a", 3000),
              FileSpec.hardlink("etc/b", "etc/a"),
              FileSpec.symlink("etc/c", "a"));
      ArchiveSpec.Builder builder =
          ArchiveSpec.builder()
              .dialect(dialect)
              .image(
                  List.of("example.com/one:1", "example.com/one:2"), shared, LayerSpec.filler(70))
              .seed(3);
      if (dialect != Dialect.JIB && dialect != Dialect.JIB_LEGACY) {
        builder.image(List.of("example.com/two:1"), shared, LayerSpec.filler(90));
      }
      ArchiveSpec spec = builder.build();
      ArchiveFixture f = SyntheticArchives.materialize(spec, dir.resolve("valid.tar"));
      VerificationReport report =
          ArchiveVerifier.verify(
              f.path(), ReaderOptions.defaults(), ArchiveVerifier.ProgressListener.NONE);
      assertThat(report.problems())
          .as("problems of a valid %s archive", dialect)
          .filteredOn(
              p ->
                  p.rule() != null
                      && (p.rule().startsWith("OCI-")
                          || p.rule().startsWith("LAY-")
                          || List.of("ARC-11", "ARC-12", "ARC-13", "ARC-14").contains(p.rule())))
          .isEmpty();
      assertThat(report.isValid()).as(report.problems().toString()).isTrue();
    }

    @Test
    @DisplayName("the hand-made hybrid archive of two images, one tag each: no problem")
    void handmadeHybrid() throws Exception {
      VerificationReport report =
          verify(
              HandmadeImage.archive(image("example.com/a:1", "a", "1"), image("b:2", "b", "2"))
                  .build());
      assertThat(report.problems()).isEmpty();
    }
  }

  /** A hybrid archive of {@code images} whose OCI side is built by hand. */
  private static final class Hybrid {
    final List<HandmadeImage> images = new ArrayList<>();
    final List<ObjectNode> manifests = new ArrayList<>();
    final HandmadeTar tar = new HandmadeTar();
    final ObjectNode index = newIndex();
    final List<String> written = new ArrayList<>();

    Hybrid(HandmadeImage... images) {
      for (HandmadeImage i : images) {
        this.images.add(i);
        manifests.add(manifest(i));
      }
    }

    static ObjectNode manifest(HandmadeImage i) {
      ObjectNode m = HandmadeImage.JSON.createObjectNode();
      m.put("schemaVersion", 2);
      m.put("mediaType", MediaTypes.OCI_MANIFEST);
      ObjectNode c = m.putObject("config");
      c.put("mediaType", MediaTypes.OCI_CONFIG);
      c.put("digest", i.configDigest().toString());
      c.put("size", i.configBytes().length);
      ArrayNode layers = m.putArray("layers");
      for (int n = 0; n < i.layers().size(); n++) {
        ObjectNode l = layers.addObject();
        l.put("mediaType", MediaTypes.OCI_LAYER_TAR);
        l.put("digest", Digest.sha256(i.storedLayer(n)).toString());
        l.put("size", i.storedLayer(n).length);
      }
      return m;
    }

    /** Stores a blob once and returns its descriptor. */
    ObjectNode blob(String mediaType, byte[] bytes) {
      String path = "blobs/sha256/" + Digest.sha256(bytes).hex();
      if (!written.contains(path)) {
        written.add(path);
        tar.file(path, bytes);
      }
      ObjectNode d = HandmadeImage.JSON.createObjectNode();
      d.put("mediaType", mediaType);
      d.put("digest", Digest.sha256(bytes).toString());
      d.put("size", bytes.length);
      return d;
    }

    /** An empty OCI index document. */
    static ObjectNode newIndex() {
      ObjectNode index = HandmadeImage.JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", MediaTypes.OCI_INDEX);
      index.putArray("manifests");
      return index;
    }

    /** Adds to {@code list} a manifest descriptor whose blob the archive does not hold. */
    static ObjectNode absent(ArrayNode list, String hexPair, long size) {
      ObjectNode d = list.addObject();
      d.put("mediaType", MediaTypes.OCI_MANIFEST);
      d.put("digest", "sha256:" + hexPair.repeat(32));
      d.put("size", size);
      return d;
    }

    /** The archive with index.json naming {@code top} only. */
    byte[] buildNaming(ObjectNode top) {
      return build(
          i -> {
            ((ArrayNode) i.get("manifests")).removeAll();
            ((ArrayNode) i.get("manifests")).add(top);
          });
    }

    /** The archive with index.json naming each image's manifest (edited by {@code edit}). */
    byte[] build(Consumer<ObjectNode> indexEdit) {
      for (HandmadeImage i : images) {
        for (int n = 0; n < i.layers().size(); n++) {
          if (!written.contains(i.blobPath(n))) {
            written.add(i.blobPath(n));
            tar.file(i.blobPath(n), i.storedLayer(n));
          }
        }
        if (!written.contains(i.configPath())) {
          written.add(i.configPath());
          tar.file(i.configPath(), i.configBytes());
        }
      }
      ArrayNode list = (ArrayNode) index.get("manifests");
      if (list.isEmpty()) {
        for (int n = 0; n < images.size(); n++) {
          ObjectNode d = blob(MediaTypes.OCI_MANIFEST, HandmadeImage.toJson(manifests.get(n)));
          List<String> tags = images.get(n).repoTags();
          if (!tags.isEmpty()) {
            d.putObject("annotations")
                .put(OciLayoutCheck.REF_NAME, tags.get(0).replaceAll(".*:", ""));
          }
          list.add(d);
        }
      }
      indexEdit.accept(index);
      tar.file("index.json", HandmadeImage.toJson(index));
      tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
      tar.file("manifest.json", HandmadeImage.manifestJson(images.toArray(HandmadeImage[]::new)));
      return tar.build();
    }
  }

  @Nested
  @DisplayName("OCI: the OCI layout beside manifest.json")
  class Oci {
    @Test
    @DisplayName("the by-hand hybrid archive is clean (the baseline of the cases below)")
    void baseline() throws Exception {
      VerificationReport report =
          verify(new Hybrid(image("example.com/a:1", "a", "1")).build(i -> {}));
      assertThat(report.problems()).isEmpty();
    }

    @Test
    @DisplayName("OCI-1: index.json names one of two images: the other item is an error")
    void itemWithoutManifest() throws Exception {
      HandmadeImage a = image("example.com/a:1", "a", "1");
      HandmadeImage b = image("example.com/b:1", "b", "1");
      VerificationReport report =
          verify(new Hybrid(a, b).build(i -> ((ArrayNode) i.get("manifests")).remove(1)));
      assertThat(of(report, "OCI-1"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(Severity.ERROR);
                assertThat(p.image()).isEqualTo(1);
                assertThat(p.message())
                    .contains(b.configDigest().toString())
                    .contains("found none");
              });
      assertThat(report.isValid()).isFalse();
    }

    @Test
    @DisplayName("OCI-1: index.json names a manifest of an image manifest.json does not have")
    void manifestWithoutItem() throws Exception {
      HandmadeImage a = image("example.com/a:1", "a", "1");
      HandmadeImage decoy = image("example.com/decoy:1", "decoy", "x");
      Hybrid h = new Hybrid(a);
      for (int n = 0; n < decoy.layers().size(); n++) {
        h.blob(MediaTypes.OCI_LAYER_TAR, decoy.storedLayer(n));
      }
      h.blob(MediaTypes.OCI_CONFIG, decoy.configBytes());
      ObjectNode d = h.blob(MediaTypes.OCI_MANIFEST, HandmadeImage.toJson(Hybrid.manifest(decoy)));
      VerificationReport report = verify(h.build(i -> ((ArrayNode) i.get("manifests")).add(d)));
      assertThat(of(report, "OCI-1"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains("index.json manifests[1]")
                      .contains("has config " + decoy.configDigest())
                      .contains("which no manifest.json item has"));
    }

    @Test
    @DisplayName("OCI-1: the OCI manifest lists the layers in another order")
    void layersInOtherOrder() throws Exception {
      HandmadeImage a = image("example.com/a:1", "a", "1");
      Hybrid h = new Hybrid(a);
      ArrayNode layers = (ArrayNode) h.manifests.get(0).get("layers");
      ObjectNode first = (ObjectNode) layers.remove(0);
      layers.add(first);
      VerificationReport report = verify(h.build(i -> {}));
      assertThat(of(report, "OCI-1"))
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.message()).contains("list different layers"));
      assertThat(of(report, "OCI-1").get(0).message())
          .contains("layers[0]")
          .contains("diffID " + a.diffIds().get(0));
    }

    @Test
    @DisplayName("OCI-1: the OCI manifest lists one layer less")
    void layerCount() throws Exception {
      Hybrid h = new Hybrid(image("example.com/a:1", "a", "1"));
      ((ArrayNode) h.manifests.get(0).get("layers")).remove(1);
      VerificationReport report = verify(h.build(i -> {}));
      assertThat(of(report, "OCI-1"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("lists 1 layers").contains("lists 2"));
    }

    @Test
    @DisplayName("OCI-2: a descriptor's size differs from its blob (index.json and a layer)")
    void sizes() throws Exception {
      Hybrid h = new Hybrid(image("example.com/a:1", "a", "1"));
      ObjectNode layer = (ObjectNode) h.manifests.get(0).get("layers").get(1);
      long real = layer.get("size").asLong();
      layer.put("size", real + 1);
      VerificationReport report =
          verify(
              h.build(
                  i -> {
                    ObjectNode d = (ObjectNode) i.get("manifests").get(0);
                    d.put("size", d.get("size").asLong() - 1);
                  }));
      assertThat(of(report, "OCI-2")).hasSize(2);
      assertThat(of(report, "OCI-2").get(0).message())
          .contains("index.json manifests[0]")
          .contains("holds");
      assertThat(of(report, "OCI-2").get(1).message())
          .contains("layers[1] says size " + (real + 1))
          .contains("holds " + real + " bytes");
    }

    @Test
    @DisplayName("OCI-2: a gzip layer blob whose bytes do not hash to its name and descriptor")
    void compressedDigest() throws Exception {
      HandmadeImage a =
          new HandmadeImage()
              .tags("example.com/a:1")
              .layout(Layout.DOCKER_HYBRID)
              .layer(HandmadeImage.Layer.of("a", "1"), Compression.GZIP);
      Hybrid h = new Hybrid(a);
      byte[] stored = a.storedLayer(0);
      String name = a.blobPath(0);
      // The same content gzipped again with another header: other stored bytes, same diffID.
      byte[] other = stored.clone();
      other[4] = (byte) (other[4] + 1); // the gzip mtime field
      h.written.add(name);
      h.tar.file(name, other);
      VerificationReport report = verify(h.build(i -> {}));
      assertThat(of(report, "OCI-2"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains("says digest " + Digest.sha256(stored))
                      .contains("hashes to " + Digest.sha256(other)));
      assertThat(of(report, "SRC-7")).isEmpty();
    }

    @Test
    @DisplayName("OCI-3: a manifest index.json names directly is absent; so is a layer blob")
    void absentBlobs() throws Exception {
      HandmadeImage a = image("example.com/a:1", "a", "1");
      Hybrid h = new Hybrid(a);
      String missing = "sha256:" + "ab".repeat(32);
      ((ObjectNode) h.manifests.get(0).get("layers").get(0)).put("digest", missing);
      VerificationReport report =
          verify(h.build(i -> Hybrid.absent((ArrayNode) i.get("manifests"), "cd", 10)));
      assertThat(of(report, "OCI-3"))
          .extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("layers[0] names blob " + missing))
          .anySatisfy(m -> assertThat(m).contains("manifests[1] names blob sha256:cdcd"));
    }

    @Test
    @DisplayName(
        "OCI-3: a nested index with another platform's absent manifest and an attestation: fine")
    void otherPlatforms() throws Exception {
      HandmadeImage a = image("example.com/a:1", "a", "1");
      Hybrid h = new Hybrid(a);
      ObjectNode own = h.blob(MediaTypes.OCI_MANIFEST, HandmadeImage.toJson(h.manifests.get(0)));
      own.putObject("platform").put("os", "linux").put("architecture", "amd64");
      ObjectNode nested = Hybrid.newIndex();
      ArrayNode list = (ArrayNode) nested.get("manifests");
      list.add(own);
      Hybrid.absent(list, "ef", 500)
          .putObject("platform")
          .put("os", "linux")
          .put("architecture", "arm64");
      Hybrid.absent(list, "12", 700)
          .putObject("annotations")
          .put("vnd.docker.reference.type", "attestation-manifest");
      ObjectNode top = h.blob(MediaTypes.OCI_INDEX, HandmadeImage.toJson(nested));
      top.putObject("annotations").put(OciLayoutCheck.REF_NAME, "example.com/a:1");
      VerificationReport report = verify(h.buildNaming(top));
      assertThat(report.problems()).isEmpty();
    }

    @Test
    @DisplayName("OCI-1: a nested index none of whose platforms is an image of manifest.json")
    void nestedIndexWithoutImage() throws Exception {
      HandmadeImage a = image("example.com/a:1", "a", "1");
      Hybrid h = new Hybrid(a);
      ObjectNode nested = Hybrid.newIndex();
      Hybrid.absent((ArrayNode) nested.get("manifests"), "ef", 500);
      ObjectNode top = h.blob(MediaTypes.OCI_INDEX, HandmadeImage.toJson(nested));
      VerificationReport report = verify(h.buildNaming(top));
      assertThat(of(report, "OCI-1"))
          .extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("lists no image of manifest.json"))
          .anySatisfy(m -> assertThat(m).contains("index.json names no OCI manifest"));
    }

    @Test
    @DisplayName(
        "OCI-1: \"manifests\": null names no image: fine for an untagged item (Docker 25), an error"
            + " for a tagged one")
    void nullManifests() throws Exception {
      HandmadeImage untagged =
          new HandmadeImage().nullTags().layout(Layout.DOCKER_HYBRID).layerFiles("a", "1");
      VerificationReport report = verify(new Hybrid(untagged).build(i -> i.putNull("manifests")));
      assertThat(report.problems()).isEmpty();
      VerificationReport tagged =
          verify(new Hybrid(image("example.com/a:1", "a", "1")).build(i -> i.putNull("manifests")));
      assertThat(of(tagged, "OCI-1"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("index.json names no OCI manifest"));
    }

    /** The one-image hybrid archive whose index.json descriptor has {@code name} as ref.name. */
    private byte[] withRefName(String name) {
      return new Hybrid(image("example.com/a:1", "a", "1"))
          .build(
              i ->
                  ((ObjectNode) i.get("manifests").get(0).get("annotations"))
                      .put(OciLayoutCheck.REF_NAME, name));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"bad name", "-latest", "a//b", "a__b", "", "tag/"})
    @DisplayName("OCI-4: a ref.name outside the grammar is a warning")
    void badRefName(String name) throws Exception {
      VerificationReport report = verify(withRefName(name));
      assertThat(of(report, "OCI-4"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.message()).contains(OciLayoutCheck.REF_NAME);
              });
      assertThat(report.isValid()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {"latest", "1.0", "example.com/app:1", "a--b", "a@sha256:abc", "v1+build"})
    @DisplayName("OCI-4: ref.names that follow the grammar pass")
    void goodRefName(String name) throws Exception {
      VerificationReport report = verify(withRefName(name));
      assertThat(report.problems()).isEmpty();
    }
  }

  @Nested
  @DisplayName("ARC-11..14")
  class Arc {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "[{\"Config\":\"c.json\",\"RepoTags\":\"a:1\",\"Layers\":[]}]",
          "[{\"Config\":\"c.json\",\"RepoTags\":7,\"Layers\":[]}]",
          "[{\"Config\":\"c.json\",\"RepoTags\":[],\"Layers\":{}}]",
          "[{\"Config\":[\"c.json\"],\"RepoTags\":[],\"Layers\":[]}]"
        })
    @DisplayName("ARC-11: a field of the wrong type is one ERROR ARC-11 in the report")
    void wrongTypes(String json) throws Exception {
      byte[] tar = new HandmadeTar().file("manifest.json", json).build();
      VerificationReport report = verify(tar);
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.rule()).isEqualTo("ARC-11");
                assertThat(p.severity()).isEqualTo(Severity.ERROR);
                assertThat(p.message()).contains("item @0 field \"").contains("must be");
              });
      assertThat(report.isValid()).isFalse();
    }

    @Test
    @DisplayName("ARC-11 only: manifest.json that is not JSON still cannot be read (ARC-2)")
    void notJson() {
      byte[] tar = new HandmadeTar().file("manifest.json", "[{").build();
      assertThatThrownBy(() -> verify(tar))
          .isInstanceOf(InvalidManifestException.class)
          .satisfies(e -> assertThat(((InvalidManifestException) e).rule()).isEqualTo("ARC-2"));
    }

    /** One layer listed twice, the second time under {@code second}, with {@code extra} added. */
    private byte[] repeated(String second, Consumer<HandmadeTar> extra) {
      HandmadeImage.Layer layer = HandmadeImage.Layer.of("etc/a", "the layer");
      HandmadeImage i =
          new HandmadeImage()
              .tags("example.com/a:1")
              .layer(layer)
              .layer(HandmadeImage.Layer.of("etc/b", "middle"))
              .layer(layer)
              .itemEdit(item -> ((ArrayNode) item.get("Layers")).set(2, second));
      HandmadeTar tar = new HandmadeTar();
      tar.file(i.blobPath(0), i.storedLayer(0));
      tar.file(i.blobPath(1), i.storedLayer(1));
      tar.file(i.configPath(), i.configBytes());
      extra.accept(tar);
      tar.file("manifest.json", HandmadeImage.manifestJson(i));
      return tar.build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nowhere.tar", "/etc/passwd", "../../outside.tar", "loop"})
    @DisplayName("ARC-12: a repeated layer's later path that is a bad symlink is an error")
    void badLinks(String target) throws Exception {
      byte[] tar =
          repeated(
              "again/layer.tar",
              t -> {
                t.symlink("again/layer.tar", target.equals("loop") ? "layer.tar" : target);
              });
      VerificationReport report = verify(tar);
      assertThat(of(report, "ARC-12"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(Severity.ERROR);
                assertThat(p.message())
                    .contains("Layers[2] \"again/layer.tar\" repeats diffID")
                    .contains("does not resolve");
              });
      assertThat(report.isValid()).isFalse();
    }

    @Test
    @DisplayName("ARC-12: a later path that is missing outright is an error")
    void missing() throws Exception {
      VerificationReport report = verify(repeated("gone.tar", t -> {}));
      assertThat(of(report, "ARC-12")).singleElement();
    }

    @Test
    @DisplayName("ARC-12: a later path holding other bytes is an error naming both")
    void otherBytes() throws Exception {
      byte[] other = HandmadeImage.Layer.of("etc/a", "not the layer").tar();
      VerificationReport report = verify(repeated("other.tar", t -> t.file("other.tar", other)));
      assertThat(of(report, "ARC-12"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains("\"other.tar\" repeats diffID")
                      .contains("hashes to " + Digest.sha256(other)));
    }

    @Test
    @DisplayName("ARC-12: later paths that are a good symlink or a copy of the bytes pass")
    void goodRepeats() throws Exception {
      HandmadeImage.Layer layer = HandmadeImage.Layer.of("etc/a", "the layer");
      String first = layer.diffId().hex() + ".tar";
      assertThat(
              verify(repeated("again/layer.tar", t -> t.symlink("again/layer.tar", "../" + first)))
                  .problems())
          .isEmpty();
      assertThat(verify(repeated("copy.tar", t -> t.file("copy.tar", layer.tar()))).problems())
          .isEmpty();
    }

    @Test
    @DisplayName("ARC-12: two images sharing a layer by different paths, the second other bytes")
    void acrossImages() throws Exception {
      HandmadeImage.Layer shared = HandmadeImage.Layer.of("etc/a", "shared");
      HandmadeImage a = new HandmadeImage().tags("example.com/a:1").layer(shared);
      HandmadeImage b =
          new HandmadeImage()
              .tags("example.com/b:1")
              .layer(shared)
              .layerFiles("etc/b", "b")
              .itemEdit(item -> ((ArrayNode) item.get("Layers")).set(0, "b/shared.tar"));
      byte[] other = HandmadeImage.Layer.of("etc/a", "not shared").tar();
      HandmadeTar tar = HandmadeImage.archive(a, b);
      tar.file("b/shared.tar", other);
      VerificationReport report = verify(tar.build());
      assertThat(of(report, "ARC-12"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.image()).isEqualTo(1);
                assertThat(p.message()).contains("\"b/shared.tar\"").contains("first at");
              });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "null"})
    @DisplayName("ARC-13: no image is a warning, not an error")
    void noImage(String json) throws Exception {
      VerificationReport report = verify(new HandmadeTar().file("manifest.json", json).build());
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.rule()).isEqualTo("ARC-13");
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.message()).contains("expected at least 1 item, got 0");
              });
      assertThat(report.isValid()).isTrue();
    }

    @ParameterizedTest(name = "{0} layers")
    @ValueSource(ints = {125, 126})
    @DisplayName("ARC-14: 126 layers (one more than Docker's maxLayerDepth) is a warning; 125 not")
    void depth(int count) throws Exception {
      HandmadeImage i = new HandmadeImage().tags("example.com/deep:1");
      for (int n = 0; n < count; n++) {
        i.layerFiles("f" + n, Integer.toString(n));
      }
      VerificationReport report = verify(i.build());
      if (count <= ArchiveVerifier.MAX_LAYER_DEPTH) {
        assertThat(report.problems()).isEmpty();
      } else {
        assertThat(report.problems())
            .singleElement()
            .satisfies(
                p -> {
                  assertThat(p.rule()).isEqualTo("ARC-14");
                  assertThat(p.severity()).isEqualTo(Severity.WARNING);
                  assertThat(p.message()).contains("has 126 layers").contains("at most 125");
                });
      }
    }
  }

  @Nested
  @DisplayName("LAY: layer tar contents")
  class Lay {
    private VerificationReport withLayer(byte[] layerTar, Compression c) throws Exception {
      return verify(
          new HandmadeImage()
              .tags("example.com/a:1")
              .layer(HandmadeImage.Layer.raw(layerTar), c)
              .build());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Compression.class, names = "XZ", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("LAY-1: a member name twice (also as ./name) is a warning naming it")
    void duplicates(Compression c) throws Exception {
      byte[] layer =
          new HandmadeTar().file("etc/a", "one").file("etc/b", "b").file("./etc/a", "two").build();
      VerificationReport report = withLayer(layer, c);
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.rule()).isEqualTo("LAY-1");
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.message()).contains("1 (\"./etc/a\") member(s)");
              });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Compression.class, names = "XZ", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("LAY-2: hard links to a later member and to no member are an error")
    void danglingLinks(Compression c) throws Exception {
      byte[] layer =
          new HandmadeTar()
              .file("etc/a", "a")
              .hardlink("etc/early", "etc/late")
              .file("etc/late", "late")
              .hardlink("etc/nothing", "etc/none")
              .hardlink("etc/fine", "/etc/a")
              .build();
      VerificationReport report = withLayer(layer, c);
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.rule()).isEqualTo("LAY-2");
                assertThat(p.severity()).isEqualTo(Severity.ERROR);
                assertThat(p.message())
                    .contains("2 (\"etc/early\"")
                    .contains("\"etc/early\" -> \"etc/late\"")
                    .contains("\"etc/nothing\" -> \"etc/none\"");
              });
      assertThat(report.isValid()).isFalse();
    }

    @Test
    @DisplayName("LAY-2 found after a 3 MiB member (data streamed past, not kept)")
    void afterBigMember() throws Exception {
      byte[] big = new byte[3 << 20];
      new java.util.Random(1).nextBytes(big);
      byte[] layer =
          new HandmadeTar()
              .file("big.bin", big)
              .file("x".repeat(200), "long name")
              .hardlink("after", "missing")
              .build();
      VerificationReport report = withLayer(layer, Compression.GZIP);
      assertThat(rules(report)).containsExactly("LAY-2");
    }

    @Test
    @DisplayName("a layer that is no tar at all is hashed as before and gives no LAY problem")
    void notATar() throws Exception {
      byte[] junk = "not a tar at all".getBytes(StandardCharsets.UTF_8);
      VerificationReport report = withLayer(junk, Compression.NONE);
      assertThat(report.problems()).isEmpty();
    }
  }
}
