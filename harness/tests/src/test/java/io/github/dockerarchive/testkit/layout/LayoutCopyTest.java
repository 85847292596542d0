package io.github.dockerarchive.testkit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.interop.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("REF-3: oci: and dir: inputs and outputs, and the copier between them")
class LayoutCopyTest {
  @TempDir Path dir;

  private Path layout(String name, boolean gzip) throws IOException {
    Path oci = dir.resolve("oci-" + name);
    OciLayout.write(
        oci,
        name,
        List.of(
            OciLayout.layerTar("a.txt", "alpha " + name),
            OciLayout.layerTar("b.txt", "beta " + name)),
        gzip);
    return oci;
  }

  @Test
  @DisplayName("oci -> dir -> oci keeps the manifest bytes, so the manifest digest survives")
  void ociToDirToOci() throws Exception {
    Path oci = layout("v1", true);
    byte[] original;
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1")) {
      original = in.manifestBytes();
      ImageCopier.copy(in, DirOutput.create(dir.resolve("d")), ImageCopier.Progress.NONE);
    }
    assertThat(Files.readString(dir.resolve("d/version"))).isEqualTo(DirOutput.VERSION);
    try (DirInput in = DirInput.open(dir.resolve("d"))) {
      assertThat(in.manifestBytes()).isEqualTo(original);
      ImageCopier.copy(
          in, OciLayoutOutput.create(dir.resolve("o2"), "again"), ImageCopier.Progress.NONE);
    }
    try (OciLayoutInput back = OciLayoutInput.open(dir.resolve("o2"), "again")) {
      assertThat(back.manifestBytes()).isEqualTo(original);
      assertThat(back.manifestDigest()).isEqualTo(Digest.sha256(original));
    }
  }

  @Test
  @DisplayName("docker-archive -> oci converts the schema 2 manifest to OCI with the same blobs")
  void archiveToOci() throws Exception {
    Path archive = dir.resolve("almostempty.tar");
    try (var in =
        getClass()
            .getResourceAsStream(
                "/corpus/real/containers_image__docker_archive_fixtures_almostempty.tar")) {
      Files.copy(in, archive);
    }
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      ImageSource image = reader.imageSource(null, 0);
      ImageCopier.Result result =
          ImageCopier.copy(
              image, OciLayoutOutput.create(dir.resolve("o"), "empty"), ImageCopier.Progress.NONE);
      assertThat(result.configDigest()).isEqualTo(image.configDigest());
      try (OciLayoutInput back = OciLayoutInput.open(dir.resolve("o"), "empty")) {
        ImageManifest m = ImageManifest.parse(back.manifestBytes(), null);
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(m.layers())
            .singleElement()
            .satisfies(
                l -> {
                  assertThat(l.digest()).isEqualTo(image.diffIds().get(0));
                  assertThat(l.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_TAR);
                  assertThat(l.size()).isEqualTo(1536);
                });
      }
    }
  }

  @Test
  @DisplayName("WR-2: a blob whose bytes do not match its digest fails and leaves no file")
  void corruptBlobLeavesNothing() throws Exception {
    Path oci = layout("v1", false);
    ImageManifest m;
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1")) {
      m = ImageManifest.parse(in.manifestBytes(), null);
    }
    Path layer = oci.resolve("blobs/sha256/" + m.layers().get(1).digest().hex());
    byte[] bytes = Files.readAllBytes(layer);
    bytes[600] ^= 1;
    Files.write(layer, bytes);
    Path out = dir.resolve("d");
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1")) {
      assertThatThrownBy(
              () -> ImageCopier.copy(in, DirOutput.create(out), ImageCopier.Progress.NONE))
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining(m.layers().get(1).digest().toString());
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains(m.layers().get(0).digest().hex())
          .doesNotContain(m.layers().get(1).digest().hex())
          .allSatisfy(n -> assertThat(n).doesNotEndWith(".tmp"));
    }
  }

  @ParameterizedTest(name = "bad layer {0} of 8")
  @ValueSource(ints = {0, 3, 7})
  @DisplayName(
      "WR-2: layers copied in parallel: a bad one fails the copy, naming it, and leaves no"
          + " temporary file and no file under its digest")
  void parallelCopyWithABadLayer(int bad) throws Exception {
    List<byte[]> layers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      layers.add(OciLayout.layerTar("f" + i + ".bin", "x".repeat(70_000 + i)));
    }
    Path oci = dir.resolve("oci-8");
    OciLayout.write(oci, "v1", layers, false);
    ImageManifest m;
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1")) {
      m = ImageManifest.parse(in.manifestBytes(), null);
    }
    Digest badDigest = m.layers().get(bad).digest();
    Path layer = oci.resolve("blobs/sha256/" + badDigest.hex());
    byte[] bytes = Files.readAllBytes(layer);
    bytes[bytes.length / 2] ^= 1;
    Files.write(layer, bytes);
    Path out = dir.resolve("out");
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1")) {
      assertThatThrownBy(
              () ->
                  ImageCopier.copy(
                      in, OciLayoutOutput.create(out, "v1"), ImageCopier.Progress.NONE))
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining(badDigest.toString());
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .doesNotContain(badDigest.hex(), "index.json")
          .allSatisfy(n -> assertThat(n).doesNotEndWith(".tmp"));
    }
  }

  @Test
  @DisplayName(
      "layers copied in parallel give the same layout, and progress counts every byte once")
  void parallelCopyMatchesAndCountsProgress() throws Exception {
    List<byte[]> layers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      layers.add(OciLayout.layerTar("f" + i + ".bin", "y".repeat(50_000 * (i + 1))));
    }
    Path oci = dir.resolve("oci-6");
    OciLayout.write(oci, "v1", layers, true);
    AtomicBoolean inside = new AtomicBoolean();
    AtomicLong last = new AtomicLong();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    ImageCopier.Progress progress =
        (done, total) -> {
          if (!inside.compareAndSet(false, true)) {
            problems.add("overlapping progress calls");
          }
          if (done < last.get() || done > total) {
            problems.add("progress " + done + " of " + total + " after " + last.get());
          }
          last.set(done);
          inside.set(false);
        };
    byte[] original;
    long total;
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1")) {
      original = in.manifestBytes();
      total =
          ImageManifest.parse(original, null).layers().stream()
              .mapToLong(io.github.dockerarchive.testkit.image.Descriptor::size)
              .sum();
      ImageCopier.copy(in, DirOutput.create(dir.resolve("d")), progress);
    }
    assertThat(problems).isEmpty();
    assertThat(last).hasValue(total);
    try (DirInput back = DirInput.open(dir.resolve("d"))) {
      assertThat(back.manifestBytes()).isEqualTo(original);
      for (var l : ImageManifest.parse(original, null).layers()) {
        assertThat(Digest.sha256(back.rawBlob(l.digest()).readAllBytes())).isEqualTo(l.digest());
      }
    }
  }

  @Test
  @DisplayName("REF-3: an OCI layout with two images needs a name; an unknown name is reported")
  void selectionInLayout() throws Exception {
    Path oci = layout("v1", false);
    OciLayout.write(oci, "v2", List.of(OciLayout.layerTar("c.txt", "gamma")), false, true);
    assertThatThrownBy(() -> OciLayoutInput.open(oci, null))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("more than one image");
    assertThatThrownBy(() -> OciLayoutInput.open(oci, "v3"))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("\"v3\"");
    try (OciLayoutInput v2 = OciLayoutInput.open(oci, "v2")) {
      assertThat(ImageManifest.parse(v2.manifestBytes(), null).layers()).hasSize(1);
    }
  }

  @Test
  @DisplayName("REF-3: committing a second image under the same name replaces its index entry")
  void sameNameReplaces() throws Exception {
    Path source = layout("v1", false);
    Path target = dir.resolve("target");
    for (int i = 0; i < 2; i++) {
      try (OciLayoutInput in = OciLayoutInput.open(source, "v1")) {
        ImageCopier.copy(in, OciLayoutOutput.create(target, "same"), ImageCopier.Progress.NONE);
      }
    }
    JsonNode index = new ObjectMapper().readTree(target.resolve("index.json").toFile());
    assertThat(index.get("manifests")).hasSize(1);
  }

  @Test
  @DisplayName("WR-11: dir: refuses a non-empty directory that is not a dir: image")
  void dirRefusesForeignDirectory() throws Exception {
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("precious.txt"), "keep me");
    assertThatThrownBy(() -> DirOutput.create(foreign))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("no version file");
    assertThat(foreign.resolve("precious.txt")).exists();
  }
}
