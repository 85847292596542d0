package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnknownBlobException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import io.github.dockerarchive.testkit.writer.Layout;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ImageSource: one image read from an archive (SRC-1..SRC-9, SAFE-3)")
class ImageSourceTest {
  static final String TAR = "application/vnd.docker.image.rootfs.diff.tar";
  static final String GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  @TempDir Path dir;
  int counter;

  Path write(HandmadeTar tar) {
    return tar.writeTo(dir.resolve("i" + counter++ + ".tar"));
  }

  ArchiveReader open(HandmadeImage... images) throws ArchiveException {
    return ArchiveReader.open(write(HandmadeImage.archive(images)));
  }

  ArchiveReader open(ReaderOptions options, HandmadeImage... images) throws ArchiveException {
    return ArchiveReader.open(write(HandmadeImage.archive(images)), options);
  }

  static HandmadeImage twoLayers() {
    return new HandmadeImage()
        .tags("busybox:latest")
        .layerFiles("etc/hostname", "box\n")
        .layerFiles("bin/sh", "#!/bin/true\n", "bin/ls", "ls");
  }

  static String expectedManifest(HandmadeImage image, String layerMediaType) {
    StringBuilder json =
        new StringBuilder(
            "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
                + "\"size\":"
                + image.configBytes().length
                + ",\"digest\":\""
                + image.configDigest()
                + "\"},\"layers\":[");
    List<Layer> layers = image.layers();
    for (int i = 0; i < layers.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"")
          .append(layerMediaType)
          .append("\",\"size\":")
          .append(layers.get(i).size())
          .append(",\"digest\":\"")
          .append(layers.get(i).diffId())
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  static byte[] readBlob(ImageSource source, Digest digest) throws IOException {
    try (BlobStream blob = source.getBlob(digest)) {
      return blob.readAllBytes();
    }
  }

  @Nested
  @DisplayName("SRC-1: lazy loading, cached outcome")
  class Src1 {
    @Test
    @DisplayName("SRC-1: creating a source does no selection; the first use fails")
    void lazy() throws IOException {
      try (ArchiveReader reader = open(twoLayers())) {
        ImageSource source = reader.imageSource(null, 5);
        ArchiveException first = (ArchiveException) catchThrowable(source::manifestBytes);
        assertThat(first).isInstanceOf(ImageNotFoundException.class);
      }
    }

    @Test
    @DisplayName("SRC-1: a failing source throws the same exception from every method, every time")
    void cachedFailure() throws IOException {
      HandmadeImage bad = twoLayers().configEdit(c -> c.remove("rootfs"));
      try (ArchiveReader reader = open(bad)) {
        ImageSource source = reader.imageSource(null, -1);
        Throwable first = catchThrowable(source::manifestBytes);
        assertThat(first).isInstanceOf(InvalidConfigException.class);
        List<Callable<?>> uses =
            List.of(
                source::manifestBytes,
                source::manifestDigest,
                source::configDigest,
                source::configBytes,
                source::layers,
                source::diffIds,
                source::selection,
                () -> source.getBlob(bad.configDigest()),
                () -> source.getBlob(bad.diffIds().get(0)));
        for (int round = 0; round < 3; round++) {
          for (Callable<?> use : uses) {
            assertThat(catchThrowable(use::call)).isSameAs(first);
          }
        }
      }
    }

    @Test
    @DisplayName("SRC-1: under 16 threads the load runs once and everyone sees the same outcome")
    void threads() throws Exception {
      HandmadeImage good = twoLayers().compress(Compression.GZIP);
      HandmadeImage bad = new HandmadeImage().tags("bad:1").layerFiles("a", "a");
      bad.itemEdit(i -> ((ArrayNode) i.get("Layers")).add("extra.tar"));
      try (ArchiveReader reader = open(good, bad)) {
        for (int index = 0; index < 2; index++) {
          ImageSource source = reader.imageSource(null, index);
          ExecutorService pool = Executors.newFixedThreadPool(16);
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Object>> results = new ArrayList<>();
          for (int t = 0; t < 16; t++) {
            results.add(
                pool.submit(
                    () -> {
                      start.await();
                      try {
                        return new String(source.manifestBytes(), StandardCharsets.UTF_8);
                      } catch (ArchiveException e) {
                        return e;
                      }
                    }));
          }
          start.countDown();
          List<Object> outcomes = new ArrayList<>();
          for (Future<Object> f : results) {
            outcomes.add(f.get());
          }
          pool.shutdown();
          if (index == 0) {
            assertThat(outcomes).containsOnly(expectedManifest(good, TAR));
          } else {
            assertThat(outcomes.get(0)).isInstanceOf(InvalidConfigException.class);
            for (Object o : outcomes) {
              assertThat(o).isSameAs(outcomes.get(0));
            }
          }
        }
      }
    }
  }

  @Nested
  @DisplayName("SRC-2: the config")
  class Src2 {
    @Test
    @DisplayName("SRC-2: a config without rootfs (or rootfs null) names the config path")
    void missingRootfs() throws IOException {
      for (HandmadeImage image :
          List.of(
              twoLayers().configEdit(c -> c.remove("rootfs")),
              twoLayers().configEdit(c -> c.putNull("rootfs")))) {
        try (ArchiveReader reader = open(image)) {
          assertThatThrownBy(() -> reader.imageSource(null, -1).manifestBytes())
              .isInstanceOf(InvalidConfigException.class)
              .hasMessage(
                  "Invalid image config (rootFS is not set): \"" + image.configPath() + "\"")
              .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SRC-2"));
        }
      }
    }

    @Test
    @DisplayName("SRC-2: an empty rootfs {} means zero layers")
    void emptyRootfs() throws IOException {
      HandmadeImage image =
          new HandmadeImage().tags("empty:1").configEdit(c -> c.putObject("rootfs"));
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.diffIds()).isEmpty();
        assertThat(source.layers()).isEmpty();
        assertThat(new String(source.manifestBytes(), StandardCharsets.UTF_8))
            .endsWith(",\"layers\":[]}");
      }
    }

    @Test
    @DisplayName("SRC-2: created \"\" fails, created null and RFC 3339 times are fine")
    void created() throws IOException {
      HandmadeImage empty = twoLayers().configEdit(c -> c.put("created", ""));
      try (ArchiveReader reader = open(empty)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).manifestBytes())
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageContaining(empty.configPath())
            .hasMessageContaining("created");
      }
      HandmadeImage historyEmpty =
          twoLayers().configEdit(c -> c.putArray("history").addObject().put("created", ""));
      try (ArchiveReader reader = open(historyEmpty)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).manifestBytes())
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageContaining("history[0].created");
      }
      for (HandmadeImage ok :
          List.of(
              twoLayers().configEdit(c -> c.putNull("created")),
              twoLayers().configEdit(c -> c.remove("created")),
              twoLayers().configEdit(c -> c.put("created", "2015-10-31T22:22:56.015925234Z")),
              twoLayers().configEdit(c -> c.put("created", "2024-01-02T03:04:05+02:00")))) {
        try (ArchiveReader reader = open(ok)) {
          assertThat(reader.imageSource(null, -1).configDigest()).isEqualTo(ok.configDigest());
        }
      }
    }

    @Test
    @DisplayName("SRC-2: layer count mismatch uses the reference's text")
    void layerCountMismatch() throws IOException {
      HandmadeImage image = twoLayers();
      image.itemEdit(i -> ((ArrayNode) i.get("Layers")).remove(1));
      try (ArchiveReader reader = open(image)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageStartingWith("Inconsistent layer count: 1 in manifest, 2 in config");
      }
    }

    @ParameterizedTest(name = "config [{0}]")
    @ValueSource(
        strings = {
          "[]",
          "null",
          "not json",
          "{\"rootfs\":[]}",
          "{\"rootfs\":{\"diff_ids\":\"sha256:x\"}}",
          "{\"rootfs\":{\"diff_ids\":[42]}}",
          "{\"rootfs\":{},\"history\":{}}",
          ""
        })
    @DisplayName(
        "SRC-2, SAFE-1: a config that is not a usable object is an InvalidConfigException"
            + " naming the path")
    void badConfigs(String config) throws IOException {
      HandmadeImage image =
          new HandmadeImage().tags("x:1").rawConfig(config.getBytes(StandardCharsets.UTF_8));
      try (ArchiveReader reader = open(image)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).manifestBytes())
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageContaining(image.configPath());
      }
    }

    @Test
    @DisplayName("SRC-2: a config missing from the tarball names its path")
    void missingConfig() throws IOException {
      HandmadeImage image = twoLayers();
      HandmadeTar tar = new HandmadeTar();
      for (int i = 0; i < image.layers().size(); i++) {
        tar.file(image.blobPath(i), image.storedLayer(i));
      }
      tar.file("manifest.json", HandmadeImage.manifestJson(image));
      try (ArchiveReader reader = ArchiveReader.open(write(tar))) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).configDigest())
            .isInstanceOf(EntryNotFoundException.class)
            .hasMessageContaining(image.configPath());
      }
    }
  }

  @Nested
  @DisplayName("SRC-3, SRC-4: the synthetic schema 2 manifest")
  class Src3 {
    @Test
    @DisplayName(
        "SRC-3, SRC-4: exact bytes, compact, config first, layers in config order with"
            + " the uncompressed media type")
    void exactBytes() throws IOException {
      HandmadeImage image = twoLayers();
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        String expected = expectedManifest(image, TAR);
        assertThat(new String(source.manifestBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(source.manifestDigest())
            .isEqualTo(Digest.sha256(expected.getBytes(StandardCharsets.UTF_8)));
        assertThat(source.manifestMediaType())
            .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(source.manifestBytes(null)).isEqualTo(source.manifestBytes());
        assertThat(source.layers()).extracting(LayerInfo::mediaType).containsOnly(TAR);
      }
    }

    @Test
    @DisplayName("SRC-3: duplicated diffIDs are repeated in the manifest")
    void duplicatesRepeated() throws IOException {
      Layer shared = Layer.of("shared", "s");
      HandmadeImage image =
          new HandmadeImage().tags("dup:1").layer(shared).layerFiles("top", "t").layer(shared);
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(new String(source.manifestBytes(), StandardCharsets.UTF_8))
            .isEqualTo(expectedManifest(image, TAR));
        assertThat(source.layers()).extracting(LayerInfo::diffId).hasSize(3);
      }
    }

    @Test
    @DisplayName("SRC-3: no layers gives \"layers\":[], never null")
    void noLayers() throws IOException {
      HandmadeImage image = new HandmadeImage().tags("example.com/empty:latest");
      try (ArchiveReader reader = open(image)) {
        String manifest =
            new String(reader.imageSource(null, -1).manifestBytes(), StandardCharsets.UTF_8);
        assertThat(manifest).isEqualTo(expectedManifest(image, TAR)).endsWith("\"layers\":[]}");
      }
    }

    @Test
    @DisplayName("SRC-3: asking for an instance digest (manifest lists) is refused")
    void instanceDigest() throws IOException {
      try (ArchiveReader reader = open(twoLayers())) {
        ImageSource source = reader.imageSource(null, -1);
        Digest instance = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> source.manifestBytes(instance))
            .isInstanceOf(ArchiveException.class)
            .hasMessageContaining("Manifest lists are not supported")
            .hasMessageContaining(instance.toString());
      }
    }

    @ParameterizedTest(name = "selector @{0}")
    @ValueSource(ints = {-1, 0})
    @DisplayName(
        "SRC-3, SRC-4: the almostempty.tar vector (reference media types): 425 bytes,"
            + " sha256:642b9d39…")
    void almostEmptyVector(int index) throws IOException {
      Path file =
          RealCorpusTest.CORPUS.resolve(
              "containers_image__docker_archive_fixtures_almostempty.tar");
      try (ArchiveReader reader =
          ArchiveReader.open(file, ReaderOptions.defaults().withReferenceMediaTypes(true))) {
        ImageSource source = reader.imageSource(null, index);
        byte[] manifest = source.manifestBytes();
        assertThat(manifest).hasSize(425);
        assertThat(source.manifestDigest().toString())
            .isEqualTo("sha256:642b9d39405d219a3c6d9ef9a67a7bdd57f5ed9ca1e561acfb8cc7bad4609976");
        assertThat(source.layers())
            .singleElement()
            .satisfies(
                l -> {
                  assertThat(l.size()).isEqualTo(1536);
                  assertThat(l.mediaType()).isEqualTo(GZIP);
                });
        assertThat(source.configBytes()).hasSize(1294);
      }
      try (ArchiveReader reader = ArchiveReader.open(file)) {
        ImageSource source = reader.imageSource(null, index);
        String manifest = new String(source.manifestBytes(), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"mediaType\":\"" + TAR + "\"").doesNotContain(GZIP);
        assertThat(source.manifestBytes()).hasSize(425 - ".gzip".length());
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Compression.class)
    @DisplayName(
        "SRC-4: the layer media type describes the bytes GetBlob returns (uncompressed),"
            + " whatever is stored; the reference's label on request")
    void mediaTypes(Compression compression) throws IOException {
      HandmadeImage image = twoLayers().compress(compression);
      try (ArchiveReader reader = open(image)) {
        assertThat(reader.imageSource(null, -1).layers())
            .extracting(LayerInfo::mediaType)
            .containsOnly(MediaTypes.DOCKER_LAYER_TAR);
      }
      try (ArchiveReader reader =
          open(ReaderOptions.defaults().withReferenceMediaTypes(true), image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.layers()).extracting(LayerInfo::mediaType).containsOnly(GZIP);
        assertThat(new String(source.manifestBytes(), StandardCharsets.UTF_8))
            .isEqualTo(expectedManifest(image, GZIP));
      }
    }
  }

  @Nested
  @DisplayName("SRC-5: sizes of linked layers")
  class Src5 {
    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = HandmadeImage.LinkStyle.class,
        names = {"SYMLINK", "HARDLINK"})
    @DisplayName(
        "SRC-5: a layer reached through a link reports the real size, in layers() and"
            + " in the manifest")
    void linkedLayers(HandmadeImage.LinkStyle style) throws IOException {
      for (Compression compression : List.of(Compression.NONE, Compression.GZIP)) {
        HandmadeImage image = twoLayers().layersAs(style).compress(compression);
        try (ArchiveReader reader = open(image)) {
          assertThat(reader.entries())
              .filteredOn(e -> e.name().endsWith("/layer.tar"))
              .hasSize(2)
              .allSatisfy(e -> assertThat(e.isLink()).isTrue());
          ImageSource source = reader.imageSource(null, -1);
          List<LayerInfo> layers = source.layers();
          for (int i = 0; i < 2; i++) {
            Layer expected = image.layers().get(i);
            assertThat(layers.get(i).size()).isEqualTo(expected.size()).isPositive();
            assertThat(layers.get(i).path()).isEqualTo(image.layerPaths().get(i));
            assertThat(layers.get(i).entryName()).isEqualTo(image.blobPath(i));
            try (BlobStream blob = source.getBlob(expected.diffId())) {
              assertThat(blob.size()).isEqualTo(expected.size());
              assertThat(blob.readAllBytes()).isEqualTo(expected.tar());
            }
          }
          assertThat(new String(source.manifestBytes(), StandardCharsets.UTF_8))
              .isEqualTo(expectedManifest(image, TAR));
        }
      }
    }
  }

  @Nested
  @DisplayName("SRC-6: GetBlob")
  class Src6 {
    @Test
    @DisplayName("SRC-6: the config by its digest")
    void config() throws IOException {
      HandmadeImage image = twoLayers();
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        try (BlobStream blob = source.getBlob(image.configDigest())) {
          assertThat(blob.digest()).isEqualTo(image.configDigest());
          assertThat(blob.size()).isEqualTo(image.configBytes().length);
          assertThat(blob.readAllBytes()).isEqualTo(image.configBytes());
        }
        assertThat(source.configBytes()).isEqualTo(image.configBytes());
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Compression.class)
    @DisplayName(
        "SRC-6, ARC-5: a layer by its diffID, decompressed, whatever its compression"
            + " (found by magic bytes, not by name)")
    void layers(Compression compression) throws IOException {
      HandmadeImage image = twoLayers().compress(compression);
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        List<LayerInfo> infos = source.layers();
        for (int i = 0; i < 2; i++) {
          Layer layer = image.layers().get(i);
          LayerInfo info = infos.get(i);
          assertThat(info.compression()).isEqualTo(compression);
          assertThat(info.size()).isEqualTo(layer.size());
          assertThat(info.storedSize()).isEqualTo(image.storedLayer(i).length);
          try (BlobStream blob = source.getBlob(layer.diffId())) {
            assertThat(blob.size()).isEqualTo(layer.size());
            assertThat(blob.digest()).isEqualTo(layer.diffId());
            assertThat(blob.readAllBytes()).isEqualTo(layer.tar());
          }
        }
      }
    }

    @Test
    @DisplayName(
        "ARC-5: an uncompressed layer whose first file name starts with \"BZh\" is not"
            + " taken for bzip2")
    void bzhLayer() throws IOException {
      Layer layer = Layer.of("BZh91AY-looks-like-bzip2", "but is not");
      HandmadeImage image = new HandmadeImage().tags("bzh:1").layer(layer);
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.layers().get(0).compression()).isEqualTo(Compression.NONE);
        assertThat(readBlob(source, layer.diffId())).isEqualTo(layer.tar());
      }
    }

    @Test
    @DisplayName("SRC-6, ARC-5: compression is decided per layer")
    void mixedCompressions() throws IOException {
      HandmadeImage image = new HandmadeImage().tags("mixed:1");
      Compression[] all = Compression.values();
      for (int i = 0; i < all.length; i++) {
        image.layer(Layer.of("f" + i, "layer " + i), all[i]);
      }
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.layers()).extracting(LayerInfo::compression).containsExactly(all);
        for (Layer layer : image.layers()) {
          assertThat(readBlob(source, layer.diffId())).isEqualTo(layer.tar());
        }
      }
    }

    @Test
    @DisplayName("SRC-6: anything else is `Unknown blob <digest>`, compressed digests included")
    void unknown() throws IOException {
      HandmadeImage image = twoLayers().compress(Compression.GZIP);
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        Digest random = Digest.sha256("nothing".getBytes(StandardCharsets.UTF_8));
        Digest compressed = Digest.sha256(image.storedLayer(0));
        for (Digest d : List.of(random, compressed)) {
          assertThatThrownBy(() -> source.getBlob(d))
              .isInstanceOf(UnknownBlobException.class)
              .hasMessage("Unknown blob " + d)
              .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SRC-6"));
        }
      }
    }

    @Test
    @DisplayName(
        "SRC-6: compressed layer sizes are measured once per archive and shared by"
            + " every source")
    void measuredOnce() throws IOException {
      HandmadeImage image = twoLayers().compress(Compression.GZIP);
      byte[] tar = HandmadeImage.archive(image).build();
      Path file = HandmadeTar.write(dir.resolve("once.tar"), tar);
      try (ArchiveReader reader = ArchiveReader.open(file)) {
        List<LayerInfo> first = reader.imageSource(null, -1).layers();
        // Damage the stored layer bytes in place: measuring again would now fail.
        int data = TarPatch.dataOffset(TarPatch.headerOffset(tar, image.blobPath(0)));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          raf.seek(data);
          raf.write(new byte[image.storedLayer(0).length]);
        }
        ImageSource second = reader.imageSource(null, 0);
        assertThat(second.layers()).isEqualTo(first);
        ImageSource third = reader.imageSource(DockerReferences.busybox(), -1);
        assertThat(third.layers()).isEqualTo(first);
        // The damage is still caught when the bytes are actually read.
        assertThatThrownBy(() -> readBlob(second, image.diffIds().get(0)))
            .isInstanceOf(ArchiveException.class);
      }
    }
  }

  @Nested
  @DisplayName("SRC-7: layer bytes are verified")
  class Src7 {
    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = Compression.class,
        names = {"NONE", "GZIP", "ZSTD"})
    @DisplayName(
        "SRC-7: bytes that do not hash to the diffID fail at end of stream naming both"
            + " digests")
    void mismatch(Compression compression) throws IOException {
      Layer real = Layer.of("a", "real content");
      Digest declared = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
      HandmadeImage image =
          new HandmadeImage().tags("bad:1").layer(real.withDiffId(declared), compression);
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        try (BlobStream blob = source.getBlob(declared)) {
          byte[] all = blob.readNBytes((int) real.size());
          assertThat(all).isEqualTo(real.tar());
          DigestMismatchException e = (DigestMismatchException) catchThrowable(() -> blob.read());
          assertThat(e).isNotNull();
          assertThat(e.getMessage())
              .contains(declared.toString())
              .contains(real.diffId().toString());
          assertThat(e.expected()).isEqualTo(declared);
          assertThat(e.actual()).isEqualTo(real.diffId());
          assertThat(e.rule()).isEqualTo("SRC-7");
        }
        assertThatThrownBy(() -> readBlob(source, declared))
            .isInstanceOf(DigestMismatchException.class);
      }
    }

    @Test
    @DisplayName("SRC-7: closing before the end is not an error")
    void partialReadIsFine() throws IOException {
      Layer real = Layer.of("a", "real content");
      Digest declared = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
      HandmadeImage image = new HandmadeImage().tags("bad:1").layer(real.withDiffId(declared));
      try (ArchiveReader reader = open(image)) {
        try (BlobStream blob = reader.imageSource(null, -1).getBlob(declared)) {
          assertThat(blob.readNBytes(10)).hasSize(10);
        }
      }
    }

    @Test
    @DisplayName("SRC-7: correct bytes verify cleanly through drain()")
    void matchDrains() throws IOException {
      HandmadeImage image = twoLayers().compress(Compression.XZ);
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        for (Layer layer : image.layers()) {
          try (BlobStream blob = source.getBlob(layer.diffId())) {
            assertThat(blob.drain()).isEqualTo(layer.size());
            assertThat(blob.read()).isEqualTo(-1);
          }
        }
      }
    }

    @Test
    @DisplayName("SRC-7, SAFE-1: a corrupt compressed layer is a typed error naming the layer")
    void corruptCompressedLayer() throws IOException {
      HandmadeImage image = twoLayers().compress(Compression.GZIP);
      byte[] tar = HandmadeImage.archive(image).build();
      int data = TarPatch.dataOffset(TarPatch.headerOffset(tar, image.blobPath(1)));
      for (int i = data + 12; i < data + image.storedLayer(1).length - 8; i++) {
        tar[i] ^= 0x55;
      }
      try (ArchiveReader reader =
          ArchiveReader.open(HandmadeTar.write(dir.resolve("c.tar"), tar))) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(MalformedArchiveException.class)
            .hasMessageContaining(image.blobPath(1));
      }
    }
  }

  @Nested
  @DisplayName("SAFE-1: damaged layer bytes")
  class DamagedLayers {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Compression.class)
    @DisplayName(
        "SAFE-1, SRC-7: random damage to stored layer bytes gives correct data or a typed"
            + " error, never an unchecked exception or wrong data")
    void randomDamage(Compression compression) throws IOException {
      HandmadeImage image =
          new HandmadeImage().tags("d:1").layer(Layer.random(3, 20_000), compression);
      byte[] tar = HandmadeImage.archive(image).build();
      int data = TarPatch.dataOffset(TarPatch.headerOffset(tar, image.blobPath(0)));
      int length = image.storedLayer(0).length;
      java.util.Random random = new java.util.Random(compression.ordinal());
      Path file = dir.resolve("damaged.tar");
      for (int round = 0; round < 40; round++) {
        byte[] damaged = tar.clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          damaged[data + random.nextInt(length)] = (byte) random.nextInt(256);
        }
        HandmadeTar.write(file, damaged);
        try (ArchiveReader reader = ArchiveReader.open(file)) {
          ImageSource source = reader.imageSource(null, -1);
          byte[] bytes = readBlob(source, image.diffIds().get(0));
          assertThat(bytes).isEqualTo(image.layers().get(0).tar());
        } catch (ArchiveException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Nested
  @DisplayName("SAFE-1, SAFE-3: decoder memory")
  class DecoderMemory {
    /** An xz stream whose block header asks for a 1.5 GiB LZMA2 dictionary. */
    byte[] xzWithHugeDictionary(byte[] data) {
      byte[] xz = HandmadeTar.compress(data, Compression.XZ);
      int start = 12;
      int headerSize = ((xz[start] & 0xff) + 1) * 4;
      assertThat(xz[start + 2]).as("LZMA2 filter id").isEqualTo((byte) 0x21);
      assertThat(xz[start + 3]).as("LZMA2 properties size").isEqualTo((byte) 0x01);
      xz[start + 4] = 37; // dictionary size code 37 = 3 << 29 = 1.5 GiB
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(xz, start, headerSize - 4);
      long value = crc.getValue();
      for (int i = 0; i < 4; i++) {
        xz[start + headerSize - 4 + i] = (byte) (value >>> (8 * i));
      }
      return xz;
    }

    @Test
    @DisplayName(
        "SAFE-1, SAFE-3: an xz layer declaring a 1.5 GiB dictionary is refused with a"
            + " typed error instead of allocating it")
    void hugeXzDictionaryLayer() throws IOException {
      Layer layer = Layer.of("a", "tiny");
      byte[] stored = xzWithHugeDictionary(layer.tar());
      byte[] config =
          ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.diffId() + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      HandmadeTar tar =
          new HandmadeTar()
              .file("layer.tar.xz", stored)
              .file("config.json", config)
              .file(
                  "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"layer.tar.xz\"]}]");
      try (ArchiveReader reader = ArchiveReader.open(write(tar))) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(ArchiveException.class)
            .hasMessageContaining("layer.tar.xz")
            .hasMessageContaining("memory");
      }
    }

    @Test
    @DisplayName(
        "SAFE-1, SAFE-3: a zstd layer declaring a 2 GiB window is refused with a typed" + " error")
    void hugeZstdWindowLayer() throws IOException {
      Layer layer = Layer.of("a", "tiny");
      byte[] zst = HandmadeTar.compress(layer.tar(), Compression.ZSTD);
      int descriptor = zst[4] & 0xff;
      assertThat(descriptor & 0x20).as("single-segment flag").isZero();
      assertThat(descriptor & 0x03).as("no dictionary id").isZero();
      zst[5] = (byte) (21 << 3); // window log 10 + 21 = 31: 2 GiB
      byte[] config =
          ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.diffId() + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      HandmadeTar tar =
          new HandmadeTar()
              .file("layer.tar.zst", zst)
              .file("config.json", config)
              .file(
                  "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"layer.tar.zst\"]}]");
      try (ArchiveReader reader = ArchiveReader.open(write(tar))) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(ArchiveException.class)
            .hasMessageContaining("layer.tar.zst")
            .hasMessageContaining("memory");
      }
    }

    @Test
    @DisplayName(
        "SAFE-1, SAFE-3: an xz archive declaring a 1.5 GiB dictionary is refused with a"
            + " typed error")
    void hugeXzDictionaryArchive() {
      byte[] stored = xzWithHugeDictionary(twoLayers().build());
      assertThatThrownBy(() -> ArchiveReader.open(new java.io.ByteArrayInputStream(stored)).close())
          .isInstanceOf(ArchiveException.class)
          .hasMessageContaining("memory");
    }
  }

  @Nested
  @DisplayName("SRC-8: duplicate diffIDs and shared paths")
  class Src8 {
    @Test
    @DisplayName("SRC-8: the same diffID twice is served once, from the first path")
    void sameDiffIdTwice() throws IOException {
      Layer shared = Layer.of("shared", "s");
      HandmadeImage image = new HandmadeImage().tags("dup:1").layer(shared).layer(shared);
      image.itemEdit(i -> ((ArrayNode) i.get("Layers")).set(1, "never-looked-at.tar"));
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.diffIds()).containsExactly(shared.diffId(), shared.diffId());
        assertThat(source.layers())
            .extracting(LayerInfo::path)
            .containsExactly(image.blobPath(0), image.blobPath(0));
        assertThat(readBlob(source, shared.diffId())).isEqualTo(shared.tar());
      }
    }

    @Test
    @DisplayName("SRC-8: one path for two different diffIDs is refused")
    void onePathTwoDiffIds() throws IOException {
      HandmadeImage image = twoLayers();
      String first = image.blobPath(0);
      image.itemEdit(i -> ((ArrayNode) i.get("Layers")).set(1, "./" + first));
      try (ArchiveReader reader = open(image)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageStartingWith(
                "Layer tarfile \"" + first + "\" used for two different DiffID values")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SRC-8"));
      }
    }

    @Test
    @DisplayName("SRC-8: empty layer paths all clean to \".\" and collide (podman #8132)")
    void emptyPaths() throws IOException {
      HandmadeImage image = twoLayers();
      image.itemEdit(
          i -> {
            ArrayNode layers = (ArrayNode) i.get("Layers");
            layers.set(0, "");
            layers.set(1, "");
          });
      try (ArchiveReader reader = open(image)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageStartingWith("Layer tarfile \".\" used for two different DiffID values");
      }
    }

    @Test
    @DisplayName("SRC-8, ARC-2: a missing layer file names its path")
    void missingLayer() throws IOException {
      HandmadeImage image = twoLayers();
      image.itemEdit(i -> ((ArrayNode) i.get("Layers")).set(1, "missing.tar"));
      try (ArchiveReader reader = open(image)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(EntryNotFoundException.class)
            .hasMessageContaining("missing.tar");
      }
    }
  }

  @Nested
  @DisplayName("SRC-9: LayerSources")
  class Src9 {
    @Test
    @DisplayName("SRC-9: LayerSources descriptors (media type, size, digest, URLs) are preserved")
    void preserved() throws IOException {
      HandmadeImage image = twoLayers().layout(Layout.DOCKER_HYBRID).layerSources();
      String foreign = image.diffIds().get(1).toString();
      image.itemEdit(
          i -> {
            ObjectNode d = (ObjectNode) i.get("LayerSources").get(foreign);
            d.put("mediaType", "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
            d.putArray("urls").add("https://example.com/layer");
          });
      try (ArchiveReader reader = open(image)) {
        ImageSource source = reader.imageSource(null, -1);
        var sources = source.selection().item().layerSources();
        assertThat(sources).hasSize(2);
        LayerSource first = sources.get(image.diffIds().get(0).toString());
        assertThat(first)
            .isEqualTo(
                new LayerSource(
                    "application/vnd.oci.image.layer.v1.tar",
                    image.layers().get(0).size(),
                    image.diffIds().get(0).toString(),
                    List.of()));
        assertThat(sources.get(foreign).urls()).containsExactly("https://example.com/layer");
        assertThat(sources.get(foreign).mediaType())
            .isEqualTo("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
        assertThat(source.tarManifest().get(0).layerSources()).isEqualTo(sources);
        // The layer itself is still read from the tar.
        assertThat(readBlob(source, image.diffIds().get(1))).isEqualTo(image.layers().get(1).tar());
      }
    }
  }

  @Nested
  @DisplayName("SAFE-3: the per-layer decompression cap")
  class Safe3 {
    static final int MIB = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = Compression.class,
        names = {"GZIP", "BZIP2", "XZ", "ZSTD"})
    @DisplayName(
        "SAFE-3: a compressed layer decompressing beyond the cap is refused naming the" + " limit")
    void compressedLayerCap(Compression compression) throws IOException {
      HandmadeImage image =
          new HandmadeImage()
              .tags("bomb:1")
              .layer(Layer.raw(new HandmadeTar().file("zeros", new byte[2 * MIB]).build()))
              .compress(compression);
      try (ArchiveReader reader = open(ReaderOptions.defaults().withMaxLayerSize(MIB), image)) {
        assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
            .isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("limit of " + MIB + " bytes")
            .hasMessageContaining(image.blobPath(0));
      }
      try (ArchiveReader reader = open(ReaderOptions.defaults().withMaxLayerSize(4 * MIB), image)) {
        assertThat(reader.imageSource(null, -1).layers().get(0).size())
            .isEqualTo(image.layers().get(0).size());
      }
    }

    @Test
    @DisplayName("SAFE-3: an uncompressed layer beyond the cap cannot be read")
    void plainLayerCap() throws IOException {
      HandmadeImage image =
          new HandmadeImage()
              .tags("big:1")
              .layer(Layer.raw(new HandmadeTar().file("zeros", new byte[2 * MIB]).build()));
      try (ArchiveReader reader = open(ReaderOptions.defaults().withMaxLayerSize(MIB), image)) {
        ImageSource source = reader.imageSource(null, -1);
        assertThatThrownBy(
                () -> {
                  source.layers();
                  readBlob(source, image.diffIds().get(0));
                })
            .isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("limit of " + MIB + " bytes");
      }
    }
  }
}
