package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("dockerarchive verify")
class VerifyCommandTest {
  @TempDir Path dir;

  static Stream<Arguments> validCorpus() {
    List<Arguments> result = new ArrayList<>();
    CorpusFiles.expected()
        .fields()
        .forEachRemaining(
            e -> {
              boolean ok = true;
              for (var image : e.getValue()) {
                ok &= image.get("diffIdsMatchConfig").asBoolean();
              }
              if (ok) {
                result.add(Arguments.of(e.getKey()));
              }
            });
    return result.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCorpus")
  @DisplayName("passes every real archive whose diffIDs match (symlinked layers included)")
  void passesRealArchives(String file) {
    CliRun run = CliRun.of("verify", CorpusFiles.copy(file, dir).toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains(": OK (");
  }

  @Test
  @DisplayName("a layer byte flipped: exit 1, one SRC-7 line naming both digests")
  void flippedLayerByte() throws Exception {
    Path archive =
        CorpusFiles.copy("containers_image__docker_archive_fixtures_almostempty.tar", dir);
    long offset;
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      TarEntry layer =
          reader.entries().stream()
              .filter(e -> e.name().endsWith("/layer.tar"))
              .findFirst()
              .orElseThrow();
      offset = layer.dataOffset() + 600;
    }
    try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), offset);
    }
    CliRun run = CliRun.of("verify", archive.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("ERROR SRC-7 image @0: layer \"")
        .contains("but the config lists diffID sha256:0b916d257bd4")
        .contains("INVALID");
  }

  @Test
  @DisplayName("an unreadable input: exit 2 with one line on stderr")
  void unreadable() throws Exception {
    Path notTar = Files.write(dir.resolve("junk.tar"), new byte[] {1, 2, 3});
    CliRun run = CliRun.of("verify", notTar.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a missing config is a problem of that image (exit 1), not a crash")
  void missingConfig() throws Exception {
    Path archive =
        CorpusFiles.copy("containers_image__docker_archive_fixtures_almostempty.tar", dir);
    byte[] bytes = Files.readAllBytes(archive);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("\"Config\":\"9d7f");
    bytes[at + 10] = 'e';
    Path broken = Files.write(dir.resolve("broken.tar"), bytes);
    CliRun run = CliRun.of("verify", broken.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR SRC-2 image @0").contains("file does not exist");
  }

  @Test
  @DisplayName("ARC-12: a repeated layer's later path is a dangling symlink: exit 1, naming it")
  void danglingRepeatedLayerPath() throws Exception {
    HandmadeImage.Layer layer = HandmadeImage.Layer.of("etc/a", "the layer");
    HandmadeImage image =
        new HandmadeImage()
            .tags("example.com/a:1")
            .layer(layer)
            .layer(layer)
            .itemEdit(item -> ((ArrayNode) item.get("Layers")).set(1, "again/layer.tar"));
    byte[] tar =
        new HandmadeTar()
            .file(image.blobPath(0), image.storedLayer(0))
            .symlink("again/layer.tar", "../nowhere.tar")
            .file(image.configPath(), image.configBytes())
            .file("manifest.json", HandmadeImage.manifestJson(image))
            .build();
    CliRun run = CliRun.of("verify", HandmadeTar.write(dir.resolve("a.tar"), tar).toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("ERROR ARC-12 image @0: Layers[1] \"again/layer.tar\" repeats diffID")
        .contains("INVALID");
  }

  @Test
  @DisplayName("ARC-11: RepoTags a string: exit 1 with one ERROR ARC-11 line, not exit 2")
  void wrongFieldType() throws Exception {
    byte[] tar =
        new HandmadeTar()
            .file("manifest.json", "[{\"Config\":\"c.json\",\"RepoTags\":\"a:1\"}]")
            .build();
    CliRun run = CliRun.of("verify", HandmadeTar.write(dir.resolve("a.tar"), tar).toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("ERROR ARC-11 archive: decoding tar manifest.json: manifest.json item @0 field")
        .contains("INVALID");
  }

  @Test
  @DisplayName("LAY-1 and ARC-13 are warnings: exit 0, the warning printed")
  void warningsOnly() throws Exception {
    byte[] layer = new HandmadeTar().file("etc/a", "one").file("etc/a", "two").build();
    byte[] tar =
        new HandmadeImage().tags("example.com/a:1").layer(HandmadeImage.Layer.raw(layer)).build();
    CliRun run = CliRun.of("verify", HandmadeTar.write(dir.resolve("a.tar"), tar).toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("WARNING LAY-1 image @0: layer \"").contains(": OK (");
    byte[] empty = new HandmadeTar().file("manifest.json", "[]").build();
    CliRun none = CliRun.of("verify", HandmadeTar.write(dir.resolve("e.tar"), empty).toString());
    assertThat(none.exitCode()).as(none.out() + none.err()).isZero();
    assertThat(none.out()).contains("WARNING ARC-13 archive: manifest.json holds no image");
  }

  @Test
  @DisplayName("OCI-1: a hybrid archive whose index.json names no manifest of its image: exit 1")
  void hybridIndexDisagrees() throws Exception {
    HandmadeImage image =
        new HandmadeImage()
            .tags("example.com/a:1")
            .layout(io.github.dockerarchive.testkit.writer.Layout.DOCKER_HYBRID)
            .layerFiles("etc/a", "a");
    byte[] broken =
        new HandmadeTar()
            .file(image.blobPath(0), image.storedLayer(0))
            .file(image.configPath(), image.configBytes())
            .file("index.json", "{\"schemaVersion\":2,\"manifests\":[]}")
            .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
            .file("manifest.json", HandmadeImage.manifestJson(image))
            .build();
    CliRun run = CliRun.of("verify", HandmadeTar.write(dir.resolve("h.tar"), broken).toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR OCI-1 image @0: index.json names no OCI manifest");
  }
}
