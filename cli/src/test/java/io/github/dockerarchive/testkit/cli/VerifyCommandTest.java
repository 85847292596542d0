package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
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
}
