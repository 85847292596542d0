package io.github.dockerarchive.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import io.github.dockerarchive.testkit.testing.SkopeoTestSupport;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.ImageDestination;
import io.github.dockerarchive.testkit.writer.Layout;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Archives written by our {@link ArchiveWriter}: byte-identical to skopeo's for the same copy
 * (WR-6, WR-7), and readable by skopeo and podman in both layouts (WR-12), single and multi-image.
 */
@DisplayName(
    "Interop: archives written by our writer, against skopeo and podman (WR-6, WR-7, WR-12)")
class SkopeoWriterInteropTest extends SkopeoTestSupport {

  /** An image as our writer gets it: uncompressed layers, config, schema 2 manifest. */
  private record Image(List<byte[]> layers, byte[] config) {
    List<String> diffIds() {
      return layers.stream().map(l -> Digest.sha256(l).toString()).toList();
    }

    Digest configDigest() {
      return Digest.sha256(config);
    }

    byte[] manifest() throws IOException {
      ObjectNode m = JSON.createObjectNode();
      m.put("schemaVersion", 2).put("mediaType", MediaTypes.DOCKER_MANIFEST_V2);
      m.putObject("config")
          .put("mediaType", MediaTypes.DOCKER_CONFIG)
          .put("size", config.length)
          .put("digest", configDigest().toString());
      ArrayNode ls = m.putArray("layers");
      for (byte[] l : layers) {
        ls.addObject()
            .put("mediaType", MediaTypes.DOCKER_LAYER_TAR)
            .put("size", l.length)
            .put("digest", Digest.sha256(l).toString());
      }
      return JSON.writeValueAsBytes(m);
    }

    void writeTo(ImageDestination d) throws IOException {
      for (byte[] l : layers) {
        d.putBlob(new ByteArrayInputStream(l), BlobInfo.of(Digest.sha256(l), l.length), false);
      }
      d.putBlob(new ByteArrayInputStream(config), BlobInfo.of(configDigest(), config.length), true);
      d.putManifest(manifest());
      d.commit();
    }
  }

  /** Reads an OCI layout's first image directly: uncompressed layers (keyed by diffID), config. */
  private static Image readLayout(Path oci) throws IOException {
    Path blobs = oci.resolve("blobs/sha256");
    JsonNode index = JSON.readTree(oci.resolve("index.json").toFile());
    String manifestDigest = index.at("/manifests/0/digest").asText().substring(7);
    JsonNode manifest = JSON.readTree(blobs.resolve(manifestDigest).toFile());
    byte[] config =
        Files.readAllBytes(blobs.resolve(manifest.at("/config/digest").asText().substring(7)));
    List<byte[]> layers = new ArrayList<>();
    for (JsonNode layer : manifest.get("layers")) {
      byte[] stored = Files.readAllBytes(blobs.resolve(layer.get("digest").asText().substring(7)));
      if (layer.get("mediaType").asText().endsWith("+gzip")) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(stored))) {
          stored = gz.readAllBytes();
        }
      }
      layers.add(stored);
    }
    return new Image(layers, config);
  }

  private Image image(String seed, int layerCount, List<byte[]> shared) throws IOException {
    Path oci = Files.createDirectories(dir.resolve("oci-" + seed));
    List<byte[]> layers = new ArrayList<>(shared);
    for (int i = 0; i < layerCount; i++) {
      layers.add(OciLayout.layerTar(seed + i + ".txt", "content " + seed + " " + i));
    }
    OciLayout.write(oci, "v1", layers, false);
    return readLayout(oci);
  }

  @ParameterizedTest(name = "{0} layers, gzip in the OCI layout: {1}")
  @CsvSource({"0, false", "1, false", "3, false", "1, true", "3, true"})
  @DisplayName("WR-6, WR-7: the same copy as skopeo's gives a byte-identical archive")
  void byteIdenticalToSkopeo(int layerCount, boolean gzip) throws Exception {
    Path oci = Files.createDirectories(dir.resolve("oci"));
    List<byte[]> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      layers.add(OciLayout.layerTar("file" + i + ".txt", "content " + i));
    }
    OciLayout.write(oci, "v1", layers, gzip);
    Path theirs = dir.resolve("skopeo.tar");
    SKOPEO.run("copy", "oci:" + oci + ":v1", "docker-archive:" + theirs + ":example.com/app:v1");

    Path ours = dir.resolve("ours.tar");
    try (ArchiveWriter writer = ArchiveWriter.create(ours, WriterOptions.defaults())) {
      readLayout(oci)
          .writeTo(writer.newImage(DockerReference.parseNormalized("example.com/app:v1")));
    }
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
  }

  private Path writeOurs(Layout layout, List<Image> images) throws Exception {
    Path ours = dir.resolve("ours-" + layout + "-" + images.size() + ".tar");
    try (ArchiveWriter writer =
        ArchiveWriter.create(ours, WriterOptions.defaults().withLayout(layout))) {
      for (int i = 0; i < images.size(); i++) {
        images
            .get(i)
            .writeTo(
                writer.newImage(DockerReference.parseNormalized("example.com/img" + i + ":v1")));
      }
    }
    return ours;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Layout.class)
  @DisplayName("WR-12: skopeo inspects and copies our single- and multi-image archives")
  void skopeoReadsOurs(Layout layout) throws Exception {
    Image a = image("a", 2, List.of());
    Image b = image("b", 1, List.of(a.layers().get(0)));
    Path single = writeOurs(layout, List.of(a));
    Path multi = writeOurs(layout, List.of(a, b));
    record Case(String reference, Image image) {}
    for (Case c :
        List.of(
            new Case("docker-archive:" + single, a),
            new Case("docker-archive:" + multi + ":@0", a),
            new Case("docker-archive:" + multi + ":@1", b),
            new Case("docker-archive:" + multi + ":example.com/img1:v1", b))) {
      JsonNode inspect = JSON.readTree(SKOPEO.run("inspect", c.reference()));
      List<String> layers = new ArrayList<>();
      inspect.get("Layers").forEach(l -> layers.add(l.asText()));
      assertThat(layers).as(c.reference()).isEqualTo(c.image().diffIds());
      JsonNode raw = JSON.readTree(SKOPEO.run("inspect", "--raw", c.reference()));
      assertThat(raw.at("/config/digest").asText()).isEqualTo(c.image().configDigest().toString());
      Path copy = dir.resolve("copy-" + System.nanoTime());
      SKOPEO.run("copy", c.reference(), "oci:" + copy + ":x");
      // skopeo re-marshals the config and compresses the layers when it converts to OCI, so
      // compare the diffIDs its config lists.
      JsonNode index = JSON.readTree(copy.resolve("index.json").toFile());
      String manifest = index.at("/manifests/0/digest").asText().substring(7);
      JsonNode ociManifest = JSON.readTree(copy.resolve("blobs/sha256/" + manifest).toFile());
      String config = ociManifest.at("/config/digest").asText().substring(7);
      List<String> copied = new ArrayList<>();
      JSON.readTree(copy.resolve("blobs/sha256/" + config).toFile())
          .at("/rootfs/diff_ids")
          .forEach(d -> copied.add(d.asText()));
      assertThat(copied).isEqualTo(c.image().diffIds());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Layout.class)
  @DisplayName("WR-12: podman load takes our archives; image inspect gives our IDs and diffIDs")
  void podmanLoadsOurs(Layout layout) throws Exception {
    ExternalTool podman = ExternalTool.isolatedPodman(dir);
    podman.assumeInstalled();
    Image a = image("pa", 2, List.of());
    Image b = image("pb", 1, List.of(a.layers().get(0)));
    podman.run("load", "-i", writeOurs(layout, List.of(a)).toString());
    podman.run("load", "-i", writeOurs(layout, List.of(a, b)).toString());
    List<Image> images = List.of(a, b);
    for (int i = 0; i < images.size(); i++) {
      JsonNode inspect =
          JSON.readTree(podman.run("image", "inspect", "example.com/img" + i + ":v1")).get(0);
      assertThat(inspect.get("Id").asText()).isEqualTo(images.get(i).configDigest().hex());
      List<String> diffIds = new ArrayList<>();
      inspect.at("/RootFS/Layers").forEach(l -> diffIds.add(l.asText()));
      assertThat(diffIds).isEqualTo(images.get(i).diffIds());
    }
  }
}
