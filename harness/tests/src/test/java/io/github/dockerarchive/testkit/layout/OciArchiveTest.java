package io.github.dockerarchive.testkit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.Descriptor;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.interop.OciLayout;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ConfigSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("OAR-1..6: the oci-archive: transport")
class OciArchiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ArchiveFixture dockerArchive(String name, ConfigSpec config) throws IOException {
    return SyntheticArchives.materialize(
        ArchiveSpec.builder()
            .image(
                new ImageSpec(
                    List.of("example.com/app:1"),
                    List.of(LayerSpec.filler(3000), LayerSpec.filler(20)),
                    config))
            .build(),
        dir.resolve(name));
  }

  private ArchiveFixture containerdStore(String name, ConfigSpec config) throws IOException {
    return SyntheticArchives.materialize(
        ArchiveSpec.builder()
            .dialect(Dialect.DOCKER_CONTAINERD_STORE)
            .image(
                new ImageSpec(
                    List.of("example.com/app:1"),
                    List.of(LayerSpec.filler(2000), LayerSpec.filler(10)),
                    config))
            .build(),
        dir.resolve(name));
  }

  private static ConfigSpec arm64() {
    ConfigSpec d = ConfigSpec.defaults();
    return new ConfigSpec("arm64", d.os(), d.created(), d.env(), d.cmd(), d.labels());
  }

  private static TransportReference ref(String text) throws InvalidReferenceException {
    return TransportReference.parse(text);
  }

  private static void copy(String from, String to) throws IOException {
    TransportCopy.copy(
        ref(from), ref(to), WriterOptions.defaults(), List.of(), ImageCopier.Progress.NONE);
  }

  private static void assertSameImage(Path archive, ImageTruth truth) throws IOException {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      ImageSource image = reader.imageSource(null, 0);
      assertThat(image.configDigest()).isEqualTo(truth.configDigest());
      assertThat(image.diffIds()).isEqualTo(truth.diffIds());
      for (Digest diffId : image.diffIds()) {
        try (var blob = image.getBlob(diffId)) {
          blob.drain();
        }
      }
    }
  }

  private List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static JsonNode entryJson(ArchiveReader reader, String name) throws IOException {
    try (InputStream in = reader.openEntry(name)) {
      return JSON.readTree(in.readAllBytes());
    }
  }

  @Test
  @DisplayName("docker-archive -> oci-archive -> docker-archive keeps config digest and diffIDs")
  void roundTrip() throws Exception {
    ArchiveFixture source = dockerArchive("src.tar", ConfigSpec.defaults());
    Path oci = dir.resolve("image.oci.tar");
    copy("docker-archive:" + source.path(), "oci-archive:" + oci + ":v1");
    try (ArchiveReader tar = ArchiveReader.openTar(oci, ReaderOptions.defaults())) {
      List<String> names = tar.entries().stream().map(TarEntry::name).toList();
      assertThat(names).contains("oci-layout", "index.json", "blobs/sha256");
      assertThat(names).doesNotContain("manifest.json");
      JsonNode index = entryJson(tar, "index.json");
      JsonNode descriptor = index.get("manifests").get(0);
      assertThat(index.get("manifests")).hasSize(1);
      assertThat(descriptor.get("annotations").get("org.opencontainers.image.ref.name").asText())
          .isEqualTo("v1");
      assertThat(descriptor.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(entryJson(tar, "oci-layout").get("imageLayoutVersion").asText())
          .isEqualTo("1.0.0");
    }
    try (OciArchiveInput in = OciArchiveInput.open(oci, "v1")) {
      ImageManifest manifest = ImageManifest.parse(in.manifestBytes(), in.manifestMediaType());
      assertThat(manifest.config().digest()).isEqualTo(source.image(0).configDigest());
      assertThat(manifest.layers()).hasSize(2);
      assertThat(in.manifestDigest()).isEqualTo(Digest.sha256(in.manifestBytes()));
      assertThat(in.indexes()).isEmpty();
    }
    Path back = dir.resolve("back.tar");
    copy("oci-archive:" + oci + ":v1", "docker-archive:" + back + ":example.com/app:1");
    assertSameImage(back, source.image(0));
    assertThat(filesIn(dir)).containsExactly("back.tar", "image.oci.tar", "src.tar");
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"GZIP", "ZSTD", "XZ"})
  @DisplayName("a compressed outer tar is found by its magic bytes and read (OAR-1)")
  void compressedOuterTar(Compression compression) throws Exception {
    ArchiveFixture source = dockerArchive("src.tar", ConfigSpec.defaults());
    Path oci = dir.resolve("image.oci.tar");
    copy("docker-archive:" + source.path(), "oci-archive:" + oci);
    Path compressed = dir.resolve("image.oci.tar.z");
    HandmadeTar.write(compressed, HandmadeTar.compress(Files.readAllBytes(oci), compression));
    Digest plain;
    try (OciArchiveInput in = OciArchiveInput.open(oci, null)) {
      plain = in.manifestDigest();
    }
    try (OciArchiveInput in = OciArchiveInput.open(compressed, null)) {
      assertThat(in.manifestDigest()).isEqualTo(plain);
    }
    Path back = dir.resolve("back.tar");
    copy("oci-archive:" + compressed, "docker-archive:" + back);
    assertSameImage(back, source.image(0));
  }

  @Test
  @DisplayName("a nested index (DIA-7) is followed to the platform asked for (OAR-3, OAR-4)")
  void nestedIndexAndPlatform() throws Exception {
    ArchiveFixture arm = containerdStore("arm.tar", arm64());
    Path back = dir.resolve("back.tar");
    TransportCopy.copy(
        ref("oci-archive:" + arm.path() + ":1"),
        ref("docker-archive:" + back),
        WriterOptions.defaults(),
        List.of(),
        Platform.parse("linux/arm64"),
        ImageCopier.Progress.NONE);
    assertSameImage(back, arm.image(0));
    try (OciArchiveInput in =
        OciArchiveInput.open(arm.path(), "1", Platform.parse("linux/arm64/v8"))) {
      assertThat(in.indexes()).hasSize(1);
      assertThat(ImageManifest.parse(in.manifestBytes(), null).config().digest())
          .isEqualTo(arm.image(0).configDigest());
    }

    ArchiveFixture amd = containerdStore("amd.tar", ConfigSpec.defaults());
    try (OciArchiveInput in = OciArchiveInput.open(amd.path(), "1")) {
      assertThat(in.indexes()).hasSize(1);
      assertThat(ImageManifest.parse(in.manifestBytes(), null).config().digest())
          .as("linux/amd64 by default")
          .isEqualTo(amd.image(0).configDigest());
    }
  }

  @Test
  @DisplayName("a listed platform whose blobs are absent fails naming the blob (OAR-5)")
  void absentPlatformBlobs() throws Exception {
    ArchiveFixture arm = containerdStore("arm.tar", arm64());
    assertThatThrownBy(() -> OciArchiveInput.open(arm.path(), "1"))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("is missing from oci-archive:" + arm.path() + ":1")
        .hasMessageContaining("blobs/sha256/")
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-5");
  }

  @Test
  @DisplayName("a platform the index does not list fails listing those it does (OAR-3)")
  void platformNotInIndex() throws Exception {
    ArchiveFixture amd = containerdStore("amd.tar", ConfigSpec.defaults());
    assertThatThrownBy(() -> OciArchiveInput.open(amd.path(), "1", Platform.parse("windows/amd64")))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("no image for platform windows/amd64")
        .hasMessageContaining("linux/amd64, linux/arm64/v8, unknown/unknown")
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-3");
  }

  @Test
  @DisplayName("Platform parses os/arch[/variant] and matches as containers/image does")
  void platformSyntax() throws Exception {
    assertThat(Platform.parse("linux/arm/v7")).isEqualTo(new Platform("linux", "arm", "v7"));
    assertThat(Platform.parse("linux/arm64").matches("linux", "arm64", "v8")).isTrue();
    assertThat(Platform.parse("linux/arm64/v8").matches("linux", "arm64", null)).isTrue();
    assertThat(Platform.parse("linux/arm/v7").matches("linux", "arm", "v6")).isFalse();
    assertThat(Platform.parse("linux/amd64").matches("windows", "amd64", null)).isFalse();
    for (String bad : List.of("linux", "linux/", "/amd64", "linux/arm/v7/x", "")) {
      assertThatThrownBy(() -> Platform.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidReferenceException.class)
          .hasMessageContaining("os/arch[/variant]");
    }
  }

  @Test
  @DisplayName("oci-archive:PATH[:NAME] splits at the first colon, as skopeo does (OAR-1)")
  void referenceSyntax() throws Exception {
    assertThat(ref("oci-archive:/tmp/a.tar:example.com/app:1"))
        .isEqualTo(new TransportReference.OciArchive("/tmp/a.tar", "example.com/app:1"));
    assertThat(ref("oci-archive:a.tar"))
        .isEqualTo(new TransportReference.OciArchive("a.tar", null));
    assertThat(ref("oci-archive:a.tar:"))
        .isEqualTo(new TransportReference.OciArchive("a.tar", null));
    assertThat(ref("oci-archive:/tmp/a.tar:v1").toString()).isEqualTo("oci-archive:/tmp/a.tar:v1");
    assertThatThrownBy(() -> ref("oci-archive:"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("oci-archive: needs a file path");
  }

  @Test
  @DisplayName("a tar without index.json is refused, pointing a docker-archive to its transport")
  void noIndexJson() throws Exception {
    ArchiveFixture source = dockerArchive("src.tar", ConfigSpec.defaults());
    assertThatThrownBy(() -> OciArchiveInput.open(source.path(), null))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("has no index.json")
        .hasMessageContaining("read it as docker-archive:")
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-1");
  }

  // ---- hand-made layout tarballs for the other errors ----

  /** A layout tarball assembled blob by blob. */
  private static final class Tarball {
    final HandmadeTar tar =
        new HandmadeTar().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");

    Digest blob(byte[] bytes) {
      Digest digest = Digest.sha256(bytes);
      tar.file("blobs/sha256/" + digest.hex(), bytes);
      return digest;
    }

    /** An image: returns the descriptor JSON of its manifest, without closing brace. */
    String image(String content, boolean storeLayer) throws IOException {
      byte[] layer = OciLayout.layerTar("f.txt", content);
      Digest layerDigest = storeLayer ? blob(layer) : Digest.sha256(layer);
      byte[] config =
          ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                  + "\"diff_ids\":[\""
                  + Digest.sha256(layer)
                  + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      Digest configDigest = blob(config);
      byte[] manifest =
          new ImageManifest(
                  MediaTypes.OCI_MANIFEST,
                  Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length),
                  List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, layerDigest, layer.length)))
              .toOci();
      return descriptor(MediaTypes.OCI_MANIFEST, blob(manifest), manifest.length);
    }

    static String descriptor(String type, Digest digest, long size) {
      return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size;
    }

    static String named(String descriptor, String name) {
      return descriptor
          + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
          + name
          + "\"}}";
    }

    static byte[] index(String... descriptors) {
      return ("{\"schemaVersion\":2,\"mediaType\":\""
              + MediaTypes.OCI_INDEX
              + "\",\"manifests\":["
              + String.join(",", descriptors)
              + "]}")
          .getBytes(StandardCharsets.UTF_8);
    }

    Path write(Path path, byte[] index) {
      tar.file("index.json", index);
      return tar.writeTo(path);
    }
  }

  @Test
  @DisplayName("a ref.name naming two different manifests is refused (OAR-2)")
  void ambiguousRefName() throws Exception {
    Tarball t = new Tarball();
    String a = Tarball.named(t.image("a", true), "v1");
    String b = Tarball.named(t.image("b", true), "v1");
    Path tar = t.write(dir.resolve("two.tar"), Tarball.index(a, b));
    assertThatThrownBy(() -> OciArchiveInput.open(tar, "v1"))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("reference \"v1\" matches 2 descriptors of different manifests")
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-2");
    assertThatThrownBy(() -> OciArchiveInput.open(tar, null))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("more than one image")
        .hasMessageContaining("index.json lists 2 descriptors");
    assertThatThrownBy(() -> OciArchiveInput.open(tar, "v2"))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("no descriptor found for reference \"v2\"")
        .hasMessageContaining("ref.names [\"v1\", \"v1\"]");
  }

  @Test
  @DisplayName("the same manifest under one ref.name twice is no ambiguity")
  void sameManifestTwice() throws Exception {
    Tarball t = new Tarball();
    String a = t.image("a", true);
    Path tar =
        t.write(
            dir.resolve("twice.tar"),
            Tarball.index(Tarball.named(a, "v1"), Tarball.named(a, "v1")));
    try (OciArchiveInput in = OciArchiveInput.open(tar, "v1")) {
      assertThat(in.manifestBytes()).isNotEmpty();
    }
  }

  @Test
  @DisplayName("image indexes nested deeper than MAX_NESTED_INDEXES are refused (OAR-4)")
  void tooDeep() throws Exception {
    Tarball t = new Tarball();
    String inner = t.image("deep", true) + "}";
    for (int depth = 1; depth <= OciArchiveInput.MAX_NESTED_INDEXES; depth++) {
      byte[] index = Tarball.index(inner);
      inner = Tarball.descriptor(MediaTypes.OCI_INDEX, t.blob(index), index.length) + "}";
    }
    String atLimit = inner;
    byte[] deeper = Tarball.index(inner);
    String overLimit =
        Tarball.descriptor(MediaTypes.OCI_INDEX, t.blob(deeper), deeper.length) + "}";
    Path tar =
        t.write(
            dir.resolve("deep.tar"),
            Tarball.index(
                atLimit.substring(0, atLimit.length() - 1)
                    + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"ok\"}}",
                overLimit.substring(0, overLimit.length() - 1)
                    + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"deep\"}}"));
    try (OciArchiveInput in = OciArchiveInput.open(tar, "ok")) {
      assertThat(in.indexes()).hasSize(OciArchiveInput.MAX_NESTED_INDEXES);
    }
    assertThatThrownBy(() -> OciArchiveInput.open(tar, "deep"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("nest deeper than " + OciArchiveInput.MAX_NESTED_INDEXES)
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-4");
  }

  @Test
  @DisplayName("an index that names itself again is a loop, not followed for ever (OAR-4)")
  void loop() throws Exception {
    Tarball t = new Tarball();
    // Two index blobs stored under each other's names cannot both hash right: the one named A
    // lists B, the one named B lists A.
    Digest a = Digest.sha256("index a".getBytes(StandardCharsets.UTF_8));
    Digest b = Digest.sha256("index b".getBytes(StandardCharsets.UTF_8));
    // Each lists the other with a three-digit size, so both are exactly that long.
    int size = Tarball.index(Tarball.descriptor(MediaTypes.OCI_INDEX, b, 100) + "}").length;
    assertThat(size).isBetween(100, 999);
    byte[] listsB = Tarball.index(Tarball.descriptor(MediaTypes.OCI_INDEX, b, size) + "}");
    byte[] listsA = Tarball.index(Tarball.descriptor(MediaTypes.OCI_INDEX, a, size) + "}");
    t.tar.file("blobs/sha256/" + a.hex(), listsB);
    t.tar.file("blobs/sha256/" + b.hex(), listsA);
    Path tar =
        t.write(
            dir.resolve("loop.tar"),
            Tarball.index(
                Tarball.named(Tarball.descriptor(MediaTypes.OCI_INDEX, a, listsB.length), "v1")));
    assertThatThrownBy(() -> OciArchiveInput.open(tar, "v1"))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("form a loop: " + a + " -> " + b + " -> " + a)
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-4");
  }

  @Test
  @DisplayName("an index blob that does not hash to its name is refused (OAR-5)")
  void indexDigestMismatch() throws Exception {
    Tarball t = new Tarball();
    byte[] nested = Tarball.index(t.image("n", true) + "}");
    Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    t.tar.file("blobs/sha256/" + wrong.hex(), nested);
    Path tar =
        t.write(
            dir.resolve("mismatch.tar"),
            Tarball.index(
                Tarball.named(
                    Tarball.descriptor(MediaTypes.OCI_INDEX, wrong, nested.length), "v1")));
    assertThatThrownBy(() -> OciArchiveInput.open(tar, "v1"))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("expected " + wrong);
  }

  @Test
  @DisplayName("a missing layer fails the copy, which leaves nothing at an oci-archive (OAR-5/6)")
  void missingLayerLeavesNothing() throws Exception {
    Tarball t = new Tarball();
    Path tar =
        t.write(
            dir.resolve("nolayer.tar"), Tarball.index(Tarball.named(t.image("x", false), "v1")));
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Path existing = out.resolve("existing.tar");
    Files.writeString(existing, "keep me");
    assertThatThrownBy(
            () -> copy("oci-archive:" + tar + ":v1", "oci-archive:" + out.resolve("new.tar")))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("is missing from oci-archive:" + tar + ":v1")
        .extracting(e -> ((ArchiveException) e).rule())
        .isEqualTo("OAR-5");
    assertThatThrownBy(() -> copy("oci-archive:" + tar + ":v1", "oci-archive:" + existing))
        .isInstanceOf(EntryNotFoundException.class);
    assertThat(filesIn(out)).containsExactly("existing.tar");
    assertThat(Files.readString(existing)).isEqualTo("keep me");
  }

  @Test
  @DisplayName("an existing oci-archive is replaced on commit, as skopeo does (OAR-6)")
  void replacesExisting() throws Exception {
    ArchiveFixture source = dockerArchive("src.tar", ConfigSpec.defaults());
    Path oci = dir.resolve("image.oci.tar");
    Files.writeString(oci, "old content");
    copy("docker-archive:" + source.path(), "oci-archive:" + oci + ":v2");
    try (OciArchiveInput in = OciArchiveInput.open(oci, "v2")) {
      assertThat(ImageManifest.parse(in.manifestBytes(), null).config().digest())
          .isEqualTo(source.image(0).configDigest());
    }
    assertThatThrownBy(() -> OciArchiveOutput.create(dir, "v1"))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("it is a directory");
  }

  @Test
  @DisplayName("a multi-image copy tags an oci-archive source by its ref.name when it has a tag")
  void multiCopyTags() throws Exception {
    ArchiveFixture source = dockerArchive("src.tar", ConfigSpec.defaults());
    Path oci = dir.resolve("image.oci.tar");
    copy("docker-archive:" + source.path(), "oci-archive:" + oci + ":example.com/app:2");
    assertThat(TransportCopy.tagsOf(ref("oci-archive:" + oci + ":example.com/app:2")))
        .extracting(Object::toString)
        .containsExactly("example.com/app:2");
    assertThat(TransportCopy.tagsOf(ref("oci-archive:" + oci + ":latest"))).isEmpty();
    Path multi = dir.resolve("multi.tar");
    List<String> notes = new ArrayList<>();
    TransportCopy.copyMulti(
        List.of(ref("oci-archive:" + oci + ":example.com/app:2")),
        ((TransportReference.DockerArchive) ref("docker-archive:" + multi)).archive(),
        WriterOptions.defaults(),
        s -> ImageCopier.Progress.NONE,
        notes::add);
    try (ArchiveReader reader = ArchiveReader.open(multi)) {
      assertThat(reader.manifest().get(0).repoTags()).containsExactly("example.com/app:2");
    }
    assertThat(notes).isEmpty();
  }
}
