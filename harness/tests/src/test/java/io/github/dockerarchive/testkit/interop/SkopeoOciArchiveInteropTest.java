package io.github.dockerarchive.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.layout.OciArchiveInput;
import io.github.dockerarchive.testkit.layout.Platform;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ConfigSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.testing.SkopeoTestSupport;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Our oci-archive: against skopeo's, both ways, and the platform both choose (OAR-1..6). */
@DisplayName("Interop: oci-archive: with skopeo (OAR-1..6)")
class SkopeoOciArchiveInteropTest extends SkopeoTestSupport {

  private ArchiveFixture archive(String name, Dialect dialect, ConfigSpec config)
      throws java.io.IOException {
    return SyntheticArchives.materialize(
        ArchiveSpec.builder()
            .dialect(dialect)
            .image(
                new ImageSpec(
                    List.of("example.com/app:1"),
                    List.of(LayerSpec.filler(5000), LayerSpec.filler(40)),
                    config))
            .build(),
        dir.resolve(name));
  }

  private static void assertImage(Path archive, ImageTruth truth) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      ImageSource image = reader.imageSource(null, 0);
      assertThat(image.configDigest()).isEqualTo(truth.configDigest());
      assertThat(image.diffIds()).isEqualTo(truth.diffIds());
    }
  }

  @Test
  @DisplayName("skopeo reads the oci-archive we write, with our manifest digest")
  void skopeoReadsOurs() throws Exception {
    ArchiveFixture source = archive("src.tar", Dialect.CONTAINERS_IMAGE, ConfigSpec.defaults());
    Path ours = dir.resolve("ours.oci.tar");
    TransportCopy.copy(
        TransportReference.parse("docker-archive:" + source.path()),
        TransportReference.parse("oci-archive:" + ours + ":v1"),
        WriterOptions.defaults(),
        List.of(),
        ImageCopier.Progress.NONE);
    Digest manifestDigest;
    try (OciArchiveInput in = OciArchiveInput.open(ours, "v1")) {
      manifestDigest = in.manifestDigest();
    }
    String raw = SKOPEO.run("inspect", "--raw", "oci-archive:" + ours + ":v1");
    assertThat(Digest.sha256(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(manifestDigest);
    Path back = dir.resolve("back.tar");
    SKOPEO.run("copy", "oci-archive:" + ours + ":v1", "docker-archive:" + back);
    assertImage(back, source.image(0));
  }

  @Test
  @DisplayName("we read the oci-archive skopeo writes, with its manifest digest")
  void weReadSkopeos() throws Exception {
    ArchiveFixture source = archive("src.tar", Dialect.CONTAINERS_IMAGE, ConfigSpec.defaults());
    Path theirs = dir.resolve("theirs.oci.tar");
    SKOPEO.run("copy", "docker-archive:" + source.path(), "oci-archive:" + theirs + ":v1");
    String digest =
        JSON.readTree(SKOPEO.run("inspect", "oci-archive:" + theirs + ":v1"))
            .get("Digest")
            .asText();
    // skopeo rewrites the Docker config as an OCI config (a new digest), layers stay the same.
    String config = SKOPEO.run("inspect", "--config", "--raw", "oci-archive:" + theirs + ":v1");
    Digest configDigest = Digest.sha256(config.getBytes(StandardCharsets.UTF_8));
    try (OciArchiveInput in = OciArchiveInput.open(theirs, "v1")) {
      assertThat(in.manifestDigest().toString()).isEqualTo(digest);
      assertThat(ImageManifest.parse(in.manifestBytes(), null).config().digest())
          .isEqualTo(configDigest);
    }
    Path back = dir.resolve("back.tar");
    TransportCopy.copy(
        TransportReference.parse("oci-archive:" + theirs + ":v1"),
        TransportReference.parse("docker-archive:" + back),
        WriterOptions.defaults(),
        List.of(),
        ImageCopier.Progress.NONE);
    try (ArchiveReader reader = ArchiveReader.open(back)) {
      ImageSource image = reader.imageSource(null, 0);
      assertThat(image.configDigest()).isEqualTo(configDigest);
      assertThat(image.diffIds()).isEqualTo(source.image(0).diffIds());
    }
  }

  @Test
  @DisplayName("from Docker's containerd-store shape we and skopeo choose the same platform")
  void samePlatformAsSkopeo() throws Exception {
    ConfigSpec d = ConfigSpec.defaults();
    ArchiveFixture arm =
        archive(
            "arm.tar",
            Dialect.DOCKER_CONTAINERD_STORE,
            new ConfigSpec("arm64", d.os(), d.created(), d.env(), d.cmd(), d.labels()));
    String config =
        SKOPEO.run(
            "--override-arch",
            "arm64",
            "inspect",
            "--config",
            "--raw",
            "oci-archive:" + arm.path() + ":1");
    try (OciArchiveInput in =
        OciArchiveInput.open(arm.path(), "1", Platform.parse("linux/arm64"))) {
      Digest ours = ImageManifest.parse(in.manifestBytes(), null).config().digest();
      assertThat(ours).isEqualTo(arm.image(0).configDigest());
      assertThat(Digest.sha256(config.getBytes(StandardCharsets.UTF_8))).isEqualTo(ours);
    }
  }
}
