package io.github.dockerarchive.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A multi-image archive of two OCI layouts both named {@code latest} loads into podman as two
 * images: the bare ref.name tags neither (REF-4), so no tag names both and none is lost; an archive
 * that does give one tag to two images (as other writers do, WR-13) loses one in podman. Podman
 * runs with its own storage under a temporary directory ({@code --storage-driver vfs}).
 */
@DisplayName("Interop: podman load of a multi-image copy from two layouts named latest (REF-4)")
class DuplicateTagInteropTest extends PodmanTestSupport {

  @Test
  @DisplayName("podman load yields two distinct images, the configs of the two layouts")
  void twoLayoutsNamedLatestLoadAsTwoImages() throws Exception {
    Path a = dir.resolve("layout-a");
    Path b = dir.resolve("layout-b");
    Digest configA =
        Digest.sha256(
            OciLayout.write(a, "latest", List.of(OciLayout.layerTar("a.txt", "alpha")), true));
    Digest configB =
        Digest.sha256(
            OciLayout.write(b, "latest", List.of(OciLayout.layerTar("b.txt", "beta")), true));
    assertThat(configA).isNotEqualTo(configB);
    Path archive = dir.resolve("multi.tar");
    List<String> notes = new ArrayList<>();
    TransportCopy.copyMulti(
        List.of(
            TransportReference.parse("oci:" + a + ":latest"),
            TransportReference.parse("oci:" + b + ":latest")),
        ArchiveReference.parseTransport("docker-archive:" + archive),
        WriterOptions.defaults(),
        s -> ImageCopier.Progress.NONE,
        notes::add);
    assertThat(notes).hasSize(2).allMatch(n -> n.contains("is written untagged"));
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      assertThat(reader.manifest()).hasSize(2);
    }

    podman.run("load", "-i", archive.toString());
    assertThat(imageIds()).containsExactlyInAnyOrder(configA.hex(), configB.hex());
  }

  @Test
  @DisplayName(
      "why WR-13: podman load of an archive with one tag on two images keeps only the first image")
  void podmanLosesAnImageOfADuplicateTag() throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(List.of("example.com/dup:1"), LayerSpec.filler(512))
            .corruption(Corruption.DUPLICATE_TAG_ACROSS_IMAGES)
            .build();
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("dup.tar"));
    assertThat(fixture.images()).hasSize(2);
    podman.run("load", "-i", fixture.path().toString());
    assertThat(imageIds()).containsExactly(fixture.image(0).configDigest().hex());
  }

  private List<String> imageIds() throws Exception {
    return Arrays.stream(podman.run("images", "--no-trunc", "--format", "{{.ID}}").split("\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.startsWith("sha256:") ? s.substring("sha256:".length()) : s)
        .distinct()
        .toList();
  }
}
