package io.github.dockerarchive.testkit.synthetic.handmade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.tar.TarHeader;
import io.github.dockerarchive.testkit.writer.Layout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hand-shaped archives: what {@link HandmadeImage} writes (blobs, links, layouts, keys, duplicates,
 * layer sources), what {@link HandmadeTar} keeps (order, duplicates, name encodings), how {@link
 * TarPatch} edits headers, and that the same calls write the very same bytes.
 */
@DisplayName("Handmade archives: images, tars and header surgery")
class HandmadeArchivesTest {
  private record Read(String name, byte type, String link, byte[] data) {}

  private static List<Read> entries(byte[] tar) throws IOException {
    List<Read> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(
            new Read(
                e.getName(),
                (byte) (e.isSymbolicLink() ? '2' : e.isLink() ? '1' : e.isDirectory() ? '5' : '0'),
                e.getLinkName(),
                in.readAllBytes()));
      }
    }
    return out;
  }

  private static Map<String, byte[]> firstByName(byte[] tar) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Read r : entries(tar)) {
      out.putIfAbsent(r.name(), r.data());
    }
    return out;
  }

  @Test
  @DisplayName(
      "an image's archive holds its layers by diffID, its config and a manifest naming them")
  void plainArchive() throws IOException {
    HandmadeImage image =
        new HandmadeImage()
            .tags("example.com/app:1")
            .layerFiles("etc/one.txt", "first")
            .layerFiles("etc/two.txt", "second");
    Map<String, byte[]> files = firstByName(image.build());

    JsonNode item = HandmadeImage.JSON.readTree(files.get("manifest.json")).get(0);
    assertThat(item.get("Config").asText()).isEqualTo(image.configDigest().hex() + ".json");
    assertThat(item.get("RepoTags").get(0).asText()).isEqualTo("example.com/app:1");
    assertThat(files.get(item.get("Config").asText())).isEqualTo(image.configBytes());
    JsonNode diffIds = HandmadeImage.JSON.readTree(image.configBytes()).at("/rootfs/diff_ids");
    for (int i = 0; i < 2; i++) {
      String path = item.get("Layers").get(i).asText();
      byte[] layer = files.get(path);
      assertThat(path).isEqualTo(Digest.sha256(layer).hex() + ".tar");
      assertThat(diffIds.get(i).asText()).isEqualTo(Digest.sha256(layer).toString());
    }
    assertThat(
            new String(
                firstByName(files.get(item.get("Layers").get(1).asText())).get("etc/two.txt"),
                StandardCharsets.UTF_8))
        .isEqualTo("second");
  }

  @Test
  @DisplayName("lower-case keys, null tags, layer sources and item edits reach manifest.json")
  void manifestOptions() throws IOException {
    HandmadeImage image =
        new HandmadeImage()
            .nullTags()
            .layerFiles("a.txt", "alpha")
            .lowerCaseKeys()
            .layerSources()
            .itemEdit(item -> item.put("extra", "kept"));
    JsonNode item = HandmadeImage.JSON.readTree(HandmadeImage.manifestJson(image)).get(0);

    assertThat(item.has("config")).isTrue();
    assertThat(item.has("Config")).isFalse();
    assertThat(item.get("repoTags").isNull()).isTrue();
    assertThat(item.get("extra").asText()).isEqualTo("kept");
    String diffId = image.diffIds().get(0).toString();
    assertThat(item.at("/LayerSources").get(diffId).get("size").asLong())
        .isEqualTo(image.layers().get(0).size());
  }

  @Test
  @DisplayName("raw configs, config edits and declared diffIDs that do not match are kept as given")
  void configOptions() throws IOException {
    HandmadeImage.Layer layer = HandmadeImage.Layer.of("a.txt", "stored");
    Digest declared = Digest.sha256("declared".getBytes(StandardCharsets.UTF_8));
    HandmadeImage edited =
        new HandmadeImage().layer(layer.withDiffId(declared)).configEdit(c -> c.remove("created"));
    JsonNode config = HandmadeImage.JSON.readTree(edited.configBytes());
    assertThat(config.has("created")).isFalse();
    assertThat(config.at("/rootfs/diff_ids/0").asText()).isEqualTo(declared.toString());
    assertThat(edited.blobPath(0)).isEqualTo(declared.hex() + ".tar");

    byte[] raw = "{\"not\":\"a config\"}".getBytes(StandardCharsets.UTF_8);
    HandmadeImage rawImage = new HandmadeImage().layer(layer).rawConfig(raw);
    assertThat(firstByName(rawImage.build()).get(rawImage.configPath())).isEqualTo(raw);
  }

  @Test
  @DisplayName("symlinked and hard-linked layers point at their blobs")
  void linkStyles() throws IOException {
    for (HandmadeImage.LinkStyle style :
        List.of(HandmadeImage.LinkStyle.SYMLINK, HandmadeImage.LinkStyle.HARDLINK)) {
      HandmadeImage image = new HandmadeImage().layerFiles("a.txt", "alpha").layersAs(style);
      String listed = image.layerPaths().get(0);
      Read link =
          entries(image.build()).stream().filter(r -> r.name().equals(listed)).findFirst().get();
      assertThat(listed).endsWith("/layer.tar");
      if (style == HandmadeImage.LinkStyle.SYMLINK) {
        assertThat(link.type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(link.link()).isEqualTo("../" + image.blobPath(0));
      } else {
        assertThat(link.type()).isEqualTo(TarHeader.HARD_LINK);
        assertThat(link.link()).isEqualTo(image.blobPath(0));
      }
    }
  }

  @Test
  @DisplayName("the hybrid layout stores blobs by digest with index.json and oci-layout")
  void hybridLayout() throws IOException {
    HandmadeImage image =
        new HandmadeImage()
            .tags("example.com/app:1")
            .layer(HandmadeImage.Layer.of("a.txt", "alpha"), Compression.GZIP)
            .layout(Layout.DOCKER_HYBRID);
    Map<String, byte[]> files = firstByName(image.build());

    assertThat(image.compressionOf(0)).isEqualTo(Compression.GZIP);
    String blob = image.blobPath(0);
    assertThat(blob).isEqualTo("blobs/sha256/" + Digest.sha256(files.get(blob)).hex());
    assertThat(files.get(blob)).isEqualTo(image.storedLayer(0));
    assertThat(files).containsKeys("index.json", "oci-layout", image.configPath());
    JsonNode index = HandmadeImage.JSON.readTree(files.get("index.json"));
    String manifest = index.at("/manifests/0/digest").asText().substring("sha256:".length());
    JsonNode oci = HandmadeImage.JSON.readTree(files.get("blobs/sha256/" + manifest));
    assertThat(oci.at("/layers/0/digest").asText())
        .isEqualTo("sha256:" + Digest.sha256(files.get(blob)).hex());
  }

  @Test
  @DisplayName("duplicate entries follow each blob with other bytes under the same name")
  void duplicateEntries() throws IOException {
    HandmadeImage image = new HandmadeImage().layerFiles("a.txt", "alpha").duplicateEntries();
    List<Read> all = entries(image.build());
    List<Read> blob = all.stream().filter(r -> r.name().equals(image.blobPath(0))).toList();
    List<Read> config = all.stream().filter(r -> r.name().equals(image.configPath())).toList();

    assertThat(blob).hasSize(2);
    assertThat(blob.get(0).data()).isEqualTo(image.layers().get(0).tar());
    assertThat(blob.get(1).data()).isNotEqualTo(blob.get(0).data());
    assertThat(config).hasSize(2);
    assertThat(config.get(0).data()).isEqualTo(image.configBytes());
  }

  @Test
  @DisplayName(
      "a tar keeps entries in call order, duplicates included, and GNU long names on request")
  void tarOrderAndNames() throws IOException {
    String longName = "d/" + "n".repeat(120);
    byte[] tar =
        new HandmadeTar()
            .longFileMode(TarArchiveOutputStream.LONGFILE_GNU)
            .directory("d")
            .file("d/x", "one")
            .file("d/x", "two")
            .file(longName, "long")
            .symlink("s", "d/x")
            .build();

    assertThat(entries(tar).stream().map(Read::name))
        .containsExactly("d/", "d/x", "d/x", longName, "s");
    assertThat(TarPatch.indexOf(tar, "././@LongLink".getBytes(StandardCharsets.US_ASCII)))
        .isNotNegative();
    assertThat(tar.length % TarPatch.BLOCK).isZero();
    assertThat(java.util.Arrays.copyOfRange(tar, tar.length - 2 * TarPatch.BLOCK, tar.length))
        .as("two zero blocks end the tar")
        .containsOnly((byte) 0);
    byte[] gz = new HandmadeTar().file("a", "alpha").compressed(Compression.GZIP);
    assertThat(gz[0] & 0xff).isEqualTo(0x1f);
    assertThat(gz[1] & 0xff).isEqualTo(0x8b);
  }

  @Test
  @DisplayName("header surgery rewrites a field with a valid checksum, or breaks the checksum")
  void tarPatch() {
    byte[] tar = new HandmadeTar().file("a.txt", "alpha").file("b.txt", "beta").build();
    int b = TarPatch.headerOffset(tar, "b.txt");
    assertThat(b).isEqualTo(2 * TarPatch.BLOCK);

    byte[] mode = TarPatch.setField(tar, b, TarPatch.MODE, TarPatch.MODE_LEN, "0000600");
    assertThat(TarPatch.field(mode, b + TarPatch.MODE, TarPatch.MODE_LEN)).isEqualTo("0000600");
    assertThat(storedChecksum(mode, b)).isEqualTo(TarHeader.checksum(mode, b));
    assertThat(TarPatch.field(tar, b + TarPatch.MODE, TarPatch.MODE_LEN))
        .as("the argument is left alone")
        .isNotEqualTo("0000600");

    byte[] broken = TarPatch.breakChecksum(tar, b);
    assertThat(storedChecksum(broken, b)).isNotEqualTo(TarHeader.checksum(broken, b));
    assertThatThrownBy(() -> TarPatch.headerOffset(tar, "c.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c.txt");
    assertThatThrownBy(
            () -> TarPatch.setField(tar, b, TarPatch.MODE, TarPatch.MODE_LEN, "123456789"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("123456789");
  }

  private static long storedChecksum(byte[] tar, int header) {
    return Long.parseLong(
        TarPatch.field(tar, header + TarPatch.CHKSUM, TarPatch.CHKSUM_LEN).trim(), 8);
  }

  @Test
  @DisplayName("the same calls write the same bytes: hand-shaped archives are reproducible")
  void sameCallsWriteTheSameBytes() {
    Supplier<HandmadeImage> build =
        () ->
            new HandmadeImage()
                .tags("example.com/app:1")
                .layer(HandmadeImage.Layer.of("a.txt", "alpha"), Compression.GZIP)
                .layerFiles("b.txt", "beta")
                .layersAs(HandmadeImage.LinkStyle.HARDLINK)
                .layerSources();
    HandmadeImage test = build.get();
    HandmadeImage made = build.get();
    byte[] expected = HandmadeImage.archive(made).file("extra", "x").build();
    assertThat(HandmadeImage.archive(test).file("extra", "x").build()).isEqualTo(expected);
    assertThat(test.diffIds()).isEqualTo(made.diffIds());
    assertThat(test.layers().get(1).tar()).isEqualTo(made.layers().get(1).tar());

    byte[] tar = new HandmadeTar().file("a", "alpha").build();
    assertThat(tar).isEqualTo(new HandmadeTar().file("a", "alpha").build());
    assertThat(TarPatch.setField(tar, 0, TarPatch.UID, TarPatch.UID_LEN, "0000007"))
        .isEqualTo(TarPatch.setField(tar, 0, TarPatch.UID, TarPatch.UID_LEN, "0000007"));
  }
}
