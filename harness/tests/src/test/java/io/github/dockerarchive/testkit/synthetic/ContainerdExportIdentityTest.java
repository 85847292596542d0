package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DIA-4 is what containerd writes: a synthetic containerd archive, imported into a real containerd
 * (a private daemon, 1.6 here) with {@code ctr images import --no-unpack} and exported again with
 * {@code ctr images export --platform linux/amd64} of every tag, comes back byte for byte: entry
 * names, order, header fields and JSON bytes.
 */
@DisplayName("Interop: ctr images export writes the containerd dialect byte for byte (DIA-4)")
class ContainerdExportIdentityTest extends ContainerdTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every test starts from an empty image list, so that names never carry over. */
  @AfterEach
  void removeImages() throws Exception {
    if (daemon == null) {
      return;
    }
    ExternalTool ctr = daemon.ctr();
    String names = ctr.run("images", "ls", "--quiet").strip();
    if (!names.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("images", "rm"));
      args.addAll(Arrays.asList(names.split("\\s+")));
      ctr.run(args.toArray(String[]::new));
    }
  }

  @Test
  @DisplayName("one image of one layer")
  void oneLayer() throws Exception {
    assertExportedIdentically(
        containerd().image(List.of("example.com/identity/one:1"), LayerSpec.filler(1000)).build());
  }

  @Test
  @DisplayName("one image of several layers, a directory and a short name (docker.io/library/)")
  void severalLayers() throws Exception {
    assertExportedIdentically(
        containerd()
            .image(
                List.of("identity-short:2"),
                LayerSpec.filler(10),
                LayerSpec.filler(3000),
                LayerSpec.of(FileSpec.directory("etc"), FileSpec.file("etc/x", 10)))
            .build());
  }

  @Test
  @DisplayName("a layer repeated in one image: its blob once")
  void repeatedLayer() throws Exception {
    LayerSpec same = LayerSpec.filler(700);
    assertExportedIdentically(
        containerd()
            .image(List.of("example.com/identity/repeat:1"), same, LayerSpec.filler(90), same)
            .build());
  }

  @Test
  @DisplayName(
      "several images, two tags on one, a layer shared: the same bytes but for the order of"
          + " manifest.json, which containerd takes from a Go map")
  void severalImages() throws Exception {
    LayerSpec shared = LayerSpec.filler(300);
    assertExportedIdentically(
        containerd()
            .image(
                List.of("example.com/identity/multi:1", "example.com/identity/multi:latest"),
                shared,
                LayerSpec.filler(20))
            .image(List.of("other.example/identity:2"), LayerSpec.filler(40), shared)
            .image(List.of("example.com/identity/third:3"), LayerSpec.filler(50))
            .build());
  }

  @Test
  @DisplayName("uncompressed layers keep their tar media type")
  void uncompressedLayers() throws Exception {
    assertExportedIdentically(
        containerd()
            .image(
                List.of("example.com/identity/plain:1"),
                LayerSpec.filler(600).withCompression(Compression.NONE))
            .build());
  }

  private static ArchiveSpec.Builder containerd() {
    return ArchiveSpec.builder().dialect(Dialect.CONTAINERD);
  }

  private void assertExportedIdentically(ArchiveSpec spec) throws Exception {
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("ours.tar"));
    ExternalTool ctr = daemon.ctr();
    ctr.run("images", "import", "--no-unpack", fixture.path().toString());
    Path theirs = dir.resolve("theirs.tar");
    List<String> args =
        new ArrayList<>(
            List.of("images", "export", "--platform", "linux/amd64", theirs.toString()));
    for (ImageSpec image : spec.images()) {
      image.tags().forEach(tag -> args.add(Tags.qualified(tag)));
    }
    ctr.run(args.toArray(String[]::new));
    if (spec.images().size() > 1) {
      // containerd writes manifest.json from a map keyed by manifest digest, in Go's random
      // iteration order: only the entries, not their order, can be ours.
      Set<String> unordered = Set.of("manifest.json");
      assertThat(TarListing.describe(fixture.path(), Set.of(), unordered))
          .isEqualTo(TarListing.describe(theirs, Set.of(), unordered));
      byte[] ours = TarListing.content(fixture.path(), "manifest.json");
      byte[] exported = TarListing.content(theirs, "manifest.json");
      assertThat(ours).hasSameSizeAs(exported);
      assertThat(elements(exported)).containsExactlyInAnyOrderElementsOf(elements(ours));
      return;
    }
    byte[] expected = Files.readAllBytes(theirs);
    byte[] actual = Files.readAllBytes(fixture.path());
    if (!Arrays.equals(actual, expected)) {
      assertThat(TarListing.describe(fixture.path(), Set.of()))
          .isEqualTo(TarListing.describe(theirs, Set.of()));
    }
    assertThat(actual).as("byte for byte").isEqualTo(expected);
  }

  /** The elements of a JSON array, each as compact JSON text. */
  private static List<String> elements(byte[] array) throws Exception {
    List<String> elements = new ArrayList<>();
    for (JsonNode element : JSON.readTree(array)) {
      elements.add(JSON.writeValueAsString(element));
    }
    return elements;
  }
}
