package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DIA-2 is what Docker writes: a synthetic docker-legacy archive, loaded into a real Docker Engine
 * (a private {@code dockerd}) and saved again with {@code docker save}, comes back byte for byte.
 */
@DisplayName("Interop: docker save writes the docker-legacy dialect byte for byte (DIA-2)")
class DockerSaveIdentityTest extends DockerTestSupport {

  @Test
  @DisplayName("one tagged image of three layers, the defaults")
  void defaults() throws Exception {
    ArchiveSpec spec =
        legacy()
            .image(
                List.of("example.com/identity/plain:1"),
                LayerSpec.filler(1000),
                LayerSpec.filler(3000),
                LayerSpec.of(FileSpec.directory("etc"), FileSpec.file("etc/x", 10)))
            .build();
    assertSavedIdentically(spec, List.of("example.com/identity/plain:1"));
  }

  @Test
  @DisplayName("two tags, command, labels, escaped text, a fractional creation time, arm64")
  void richConfig() throws Exception {
    ArchiveSpec spec =
        legacy()
            .image(
                new ImageSpec(
                    List.of("example.com/identity/rich:2", "other/identity:latest"),
                    List.of(LayerSpec.filler(10), LayerSpec.filler(2000)),
                    new ConfigSpec(
                        "arm64",
                        "linux",
                        "2024-02-29T12:34:56.120000Z",
                        List.of("A=1", "B=<&>"),
                        List.of("/bin/sh", "-c", "echo \"hi\""),
                        Map.of("z", "1", "a", "é"))))
            .build();
    assertSavedIdentically(spec, List.of("example.com/identity/rich:2", "other/identity:latest"));
  }

  @Test
  @DisplayName("an untagged image, saved by its ID: RepoTags null, no repositories")
  void untagged() throws Exception {
    ArchiveSpec spec = legacy().image(List.of(), LayerSpec.filler(500)).build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("ours.tar"));
    assertSavedIdentically(spec, List.of(fixture.image(0).configDigest().toString()));
  }

  @Test
  @DisplayName(
      "a layer repeated in one image: the same entries; only Docker dates the symlinked layer's"
          + " directory at the time of the save")
  void repeatedLayer() throws Exception {
    LayerSpec same = LayerSpec.filler(700);
    ArchiveSpec spec =
        legacy()
            .image(List.of("example.com/identity/repeat:1"), same, LayerSpec.filler(90), same)
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("ours.tar"));
    Path theirs = loadAndSave(fixture, List.of("example.com/identity/repeat:1"));
    List<String> ours = TarListing.describe(fixture.path(), Set.of());
    Set<String> symlinked = symlinkedLayerDirectories(fixture.path());
    assertThat(symlinked).hasSize(1);
    assertThat(TarListing.describe(theirs, symlinked))
        .isEqualTo(TarListing.describe(fixture.path(), symlinked));
    assertThat(ours).hasSameSizeAs(TarListing.describe(theirs, Set.of()));
  }

  private static ArchiveSpec.Builder legacy() {
    return ArchiveSpec.builder().dialect(Dialect.DOCKER_LEGACY);
  }

  private void assertSavedIdentically(ArchiveSpec spec, List<String> names) throws Exception {
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("ours.tar"));
    Path theirs = loadAndSave(fixture, names);
    byte[] expected = Files.readAllBytes(theirs);
    byte[] actual = Files.readAllBytes(fixture.path());
    if (!java.util.Arrays.equals(actual, expected)) {
      // Show the first differing entry rather than two blobs of bytes.
      assertThat(TarListing.describe(fixture.path(), Set.of()))
          .isEqualTo(TarListing.describe(theirs, Set.of()));
    }
    assertThat(actual).as("byte for byte").isEqualTo(expected);
  }

  private Path loadAndSave(ArchiveFixture fixture, List<String> names) throws Exception {
    ExternalTool docker = daemon.docker();
    docker.run("load", "--input", fixture.path().toString());
    Path theirs = dir.resolve("theirs.tar");
    List<String> args = new ArrayList<>(List.of("save", "--output", theirs.toString()));
    args.addAll(names);
    docker.run(args.toArray(String[]::new));
    docker.run("image", "rm", "--force", fixture.image(0).configDigest().toString());
    return theirs;
  }

  private static Set<String> symlinkedLayerDirectories(Path tar) throws IOException {
    Set<String> dirs = new java.util.TreeSet<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
        if (e.isSymbolicLink() && e.getName().endsWith("/layer.tar")) {
          dirs.add(e.getName().substring(0, e.getName().length() - "layer.tar".length()));
        }
      }
    }
    return dirs;
  }
}
