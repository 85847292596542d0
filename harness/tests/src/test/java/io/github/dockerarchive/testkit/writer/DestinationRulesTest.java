package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.UnknownBlobException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reuse, manifest types, and the same image written twice. */
@DisplayName("WR-4, WR-5, WR-9: reuse, manifest types, writing an image again")
class DestinationRulesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("WR-4: tryReusingBlob is true only for digests written to this archive")
  void reuse() throws Exception {
    TestImages.Image image = TestImages.image("reuse", 1);
    byte[] layer = image.layers().get(0);
    try (ArchiveWriter writer =
        ArchiveWriter.create(new ByteArrayOutputStream(), WriterOptions.defaults())) {
      ImageDestination first = writer.newImage(null);
      assertThat(first.tryReusingBlob(BlobInfo.of(Digest.sha256(layer), -1))).isEmpty();
      TestImages.write(first, image);
      ImageDestination second = writer.newImage(null);
      assertThat(second.tryReusingBlob(new BlobInfo(Digest.sha256(layer), -1, "m")))
          .contains(new BlobInfo(Digest.sha256(layer), layer.length, "m"));
      assertThatThrownBy(() -> second.tryReusingBlob(new BlobInfo(null, -1, null)))
          .isInstanceOf(ArchiveException.class)
          .hasMessage("Can not check for a blob with unknown digest");
    }
  }

  @Test
  @DisplayName("WR-5: an OCI manifest is refused with a typed error saying schema 2 is required")
  void ociManifest() throws Exception {
    TestImages.Image image = TestImages.image("oci", 1);
    String oci =
        new String(image.manifest(), StandardCharsets.UTF_8)
            .replace(MediaTypes.DOCKER_MANIFEST_V2, "application/vnd.oci.image.manifest.v1+json");
    try (ArchiveWriter writer =
        ArchiveWriter.create(new ByteArrayOutputStream(), WriterOptions.defaults())) {
      ImageDestination d = writer.newImage(null);
      assertThatThrownBy(() -> d.putManifest(oci.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(ManifestTypeRejectedException.class)
          .hasMessageContaining("application/vnd.oci.image.manifest.v1+json")
          .hasMessageContaining("need a Docker schema 2 manifest")
          .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("WR-5"));
      assertThatThrownBy(() -> d.putManifest("{\"schemaVersion\":1,\"name\":\"x\"}".getBytes()))
          .isInstanceOf(ManifestTypeRejectedException.class)
          .hasMessageContaining("schema 2");
      assertThatThrownBy(() -> d.putManifest("not json".getBytes()))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessageStartingWith("parsing manifest: ");
    }
  }

  @Test
  @DisplayName("WR-5: manifest lists and OCI indexes are refused")
  void lists() throws Exception {
    try (ArchiveWriter writer =
        ArchiveWriter.create(new ByteArrayOutputStream(), WriterOptions.defaults())) {
      ImageDestination d = writer.newImage(null);
      for (String type :
          List.of(
              "application/vnd.docker.distribution.manifest.list.v2+json",
              "application/vnd.oci.image.index.v1+json")) {
        String list = "{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"manifests\":[]}";
        assertThatThrownBy(() -> d.putManifest(list.getBytes()))
            .isInstanceOf(ManifestTypeRejectedException.class)
            .hasMessageContaining("Manifest lists are not supported")
            .hasMessageContaining(type)
            .hasMessageContaining(MediaTypes.DOCKER_MANIFEST_V2);
      }
    }
  }

  @Test
  @DisplayName("WR-5: a manifest naming a blob not written is refused, naming the field")
  void unknownBlob() throws Exception {
    TestImages.Image image = TestImages.image("unknown", 2);
    try (ArchiveWriter writer =
        ArchiveWriter.create(new ByteArrayOutputStream(), WriterOptions.defaults())) {
      ImageDestination d = writer.newImage(null);
      assertThatThrownBy(() -> d.putManifest(image.manifest()))
          .isInstanceOf(UnknownBlobException.class)
          .hasMessageContaining("config.digest " + image.configDigest());
      d.putBlob(new ByteArrayInputStream(image.config()), new BlobInfo(null, -1, null), true);
      d.putBlob(
          new ByteArrayInputStream(image.layers().get(0)), new BlobInfo(null, -1, null), false);
      assertThatThrownBy(() -> d.putManifest(image.manifest()))
          .isInstanceOf(UnknownBlobException.class)
          .hasMessageContaining("layers[1].digest " + image.diffIds().get(1));
      assertThatThrownBy(d::commit).hasMessageContaining("before putManifest");
    }
  }

  @Test
  @DisplayName("WR-9: the same image through a second destination merges tags (FIX)")
  void sameImageTwice() throws Exception {
    TestImages.Image image = TestImages.image("twice", 2);
    Path out = dir.resolve("twice.tar");
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      TestImages.write(writer.newImage(DockerReference.parseNormalized("one:1")), image);
      TestImages.write(writer.newImage(DockerReference.parseNormalized("two:2")), image);
      TestImages.write(writer.newImage(DockerReference.parseNormalized("one:1")), image);
    }
    byte[] tar = Files.readAllBytes(out);
    assertThat(TestImages.names(tar)).doesNotHaveDuplicates().hasSize(2 + 1 + 3 * 2 + 2);
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest())
          .singleElement()
          .satisfies(
              item ->
                  assertThat(item.repoTags())
                      .containsExactly("docker.io/library/one:1", "docker.io/library/two:2"));
    }
    assertThat(TestImages.entry(tar, "repositories").text())
        .contains("\"docker.io/library/one\":{\"1\":")
        .contains("\"docker.io/library/two\":{\"2\":");
  }

  @Test
  @DisplayName("REF-1: a digest reference cannot tag an image; a bare name gets latest")
  void tags() throws Exception {
    try (ArchiveWriter writer =
        ArchiveWriter.create(new ByteArrayOutputStream(), WriterOptions.defaults())) {
      DockerReference digested =
          DockerReference.parseNormalized("busybox@sha256:" + "a".repeat(64));
      assertThatThrownBy(() -> writer.newImage(digested))
          .isInstanceOf(InvalidReferenceException.class)
          .hasMessageContaining("doesn't support digest references");
      assertThat(writer.newImage(DockerReference.parseNormalized("busybox")).repoTags())
          .extracting(DockerReference::canonical)
          .containsExactly("docker.io/library/busybox:latest");
    }
  }
}
