package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.junit.Archives;
import io.github.dockerarchive.testkit.junit.DockerArchiveExtension;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Image-level assertions: layers, digests, diffIDs, files in layers, tags. */
@DisplayName("ImageAssert")
class ImageAssertTest {
  @RegisterExtension
  static DockerArchiveExtension archives = DockerArchiveExtension.builder().build();

  @Test
  @DisplayName("layer count, config digest, diffIDs and tags, by tag and by index")
  void basics(
      @SyntheticArchive(
              images = 2,
              layers = 3,
              tags = {"a:1", "b:1"})
          ArchiveFixture fixture) {
    ImageTruth b = fixture.image(1);
    assertThat(fixture)
        .image("b:1")
        .hasLayerCount(3)
        .hasConfigDigest(b.configDigest())
        .hasConfigDigest(b.configDigest().toString())
        .hasDiffIds(b.diffIds())
        .hasDiffIds(b.diffIds().toArray(Digest[]::new))
        .hasTag("docker.io/library/b:1")
        .matches(b);
    assertThat(fixture).image(0).matches(fixture.image(0));
  }

  @Test
  @DisplayName("failures show expected and actual values and name the image")
  void messages(@SyntheticArchive(layers = 2) ArchiveFixture fixture) {
    Digest other = Digest.sha256(new byte[] {1});
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasLayerCount(5))
        .hasMessageContainingAll(
            "Expecting image archive", "@0", "to have 5 layer(s) but it has 2");
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasConfigDigest(other))
        .hasMessageContainingAll(
            "to have config digest:", other.toString(), fixture.image(0).configDigest().toString());
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasDiffIds(other))
        .hasMessageContainingAll("to have diffIDs (bottom first):", "[" + other + "]");
    assertThatThrownBy(() -> assertThat(fixture).image(3))
        .hasMessageContaining("to have an image @3 but it has 1 image(s)");
    assertThatThrownBy(() -> assertThat(fixture).image("nope:1"))
        .hasMessageContaining("to have an image tagged:");
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasTag("nope:1"))
        .hasMessageContainingAll(
            "Expecting image archive",
            "to be tagged:",
            "\"nope:1\"",
            "(normalised: \"docker.io/library/nope:1\")",
            "but its tags are:",
            fixture.image(0).repoTags().get(0));
  }

  @Test
  @DisplayName("hasLayerFile follows the layers: later layers add, whiteouts delete")
  void layerFiles(Archives archives) {
    ArchiveFixture fixture =
        archives.create(
            b ->
                b.image(
                    List.of("files:1"),
                    LayerSpec.of(
                        FileSpec.directory("etc"),
                        FileSpec.file("etc/hosts", 10),
                        FileSpec.file("etc/passwd", 10),
                        FileSpec.file("var/lib/db/data", 10)),
                    LayerSpec.of(
                        FileSpec.whiteout("etc/passwd"), FileSpec.opaqueWhiteout("var/lib")),
                    LayerSpec.of(FileSpec.file("var/lib/new", 1))));
    assertThat(fixture)
        .image("files:1")
        .hasLayerFile("etc/hosts")
        .hasLayerFile("/etc/hosts")
        .hasLayerFile("./etc")
        .hasLayerFile("var/lib/new");
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasLayerFile("etc/passwd"))
        .hasMessageContainingAll(
            "to have the file:",
            "\"etc/passwd\"",
            "in its 3 layer(s)",
            "deleted by whiteout \"etc/.wh.passwd\" in layer 1");
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasLayerFile("var/lib/db/data"))
        .hasMessageContaining("deleted by opaque whiteout \"var/lib/.wh..wh..opq\" in layer 1");
    assertThatThrownBy(() -> assertThat(fixture).image(0).hasLayerFile("usr/bin/env"))
        .hasMessageContaining("no layer holds it");
  }

  @Test
  @DisplayName("an ImageSource from a caller's reader can be asserted directly")
  void imageSource(@SyntheticArchive ArchiveReader reader) throws Exception {
    assertThat(reader.imageSource(null, 0))
        .hasLayerCount(2)
        .hasDiffIds(reader.imageSource(null, 0).diffIds());
  }
}
