package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ConfigSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("dockerarchive copy, inspect and verify with oci-archive: (OAR-1..6)")
class OciArchiveCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ArchiveFixture archive(String name, Dialect dialect, String architecture)
      throws IOException {
    ConfigSpec d = ConfigSpec.defaults();
    return SyntheticArchives.materialize(
        ArchiveSpec.builder()
            .dialect(dialect)
            .image(
                new ImageSpec(
                    List.of("example.com/app:1"),
                    List.of(LayerSpec.filler(4000), LayerSpec.filler(50)),
                    new ConfigSpec(
                        architecture, d.os(), d.created(), d.env(), d.cmd(), d.labels())))
            .build(),
        dir.resolve(name));
  }

  private static CliRun ok(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  @Test
  @DisplayName(
      "copy docker-archive -> oci-archive -> docker-archive keeps digests; inspect, verify")
  void roundTrip() throws Exception {
    ArchiveFixture source = archive("src.tar", Dialect.CONTAINERS_IMAGE, "amd64");
    Path oci = dir.resolve("image.oci.tar");
    ok("copy", "docker-archive:" + source.path(), "oci-archive:" + oci + ":v1");
    ok("copy", "oci-archive:" + oci + ":v1", "docker-archive:" + dir.resolve("back.tar") + ":x:1");
    try (ArchiveReader reader = ArchiveReader.open(dir.resolve("back.tar"))) {
      ImageSource image = reader.imageSource(null, 0);
      assertThat(image.configDigest()).isEqualTo(source.image(0).configDigest());
      assertThat(image.diffIds()).isEqualTo(source.image(0).diffIds());
    }

    CliRun text = ok("inspect", "oci-archive:" + oci + ":v1");
    assertThat(text.out())
        .contains(oci + ": oci-archive, tar, ref.name \"v1\"")
        .contains("config  " + source.image(0).configDigest())
        .contains("layers  2")
        .contains(source.image(0).diffIds().get(0).toString());

    JsonNode json = JSON.readTree(ok("inspect", "--json", "oci-archive:" + oci).out());
    JsonNode image = json.get("images").get(0);
    assertThat(image.get("refName").isNull()).isTrue();
    assertThat(image.get("configDigest").asText())
        .isEqualTo(source.image(0).configDigest().toString());
    assertThat(image.get("layers")).hasSize(2);
    assertThat(image.get("layers").get(1).get("diffId").asText())
        .isEqualTo(source.image(0).diffIds().get(1).toString());
    assertThat(image.get("indexes")).isEmpty();

    CliRun verify = ok("verify", "oci-archive:" + oci + ":v1");
    assertThat(verify.out()).contains(oci + ": OK (1 image, 2 layer entries checked)");
  }

  @Test
  @DisplayName("copy --platform picks a platform of a nested index (DIA-7); a missing one exits 2")
  void platform() throws Exception {
    ArchiveFixture arm = archive("arm.tar", Dialect.DOCKER_CONTAINERD_STORE, "arm64");
    Path back = dir.resolve("back.tar");
    ok(
        "copy",
        "--platform",
        "linux/arm64",
        "oci-archive:" + arm.path() + ":1",
        "docker-archive:" + back);
    try (ArchiveReader reader = ArchiveReader.open(back)) {
      assertThat(reader.imageSource(null, 0).configDigest()).isEqualTo(arm.image(0).configDigest());
    }
    JsonNode json =
        JSON.readTree(
            ok("inspect", "--json", "--platform", "linux/arm64", "oci-archive:" + arm.path() + ":1")
                .out());
    assertThat(json.get("images").get(0).get("indexes")).hasSize(1);
    ok("verify", "--quiet", "--platform", "linux/arm64/v8", "oci-archive:" + arm.path() + ":1");

    CliRun absent =
        CliRun.of("copy", "oci-archive:" + arm.path() + ":1", "docker-archive:" + dir.resolve("x"));
    assertThat(absent.exitCode()).isEqualTo(DockerArchiveCli.UNREADABLE);
    assertThat(absent.err()).contains("is missing from").contains("[OAR-5]");

    CliRun unlisted =
        CliRun.of("inspect", "--platform", "windows/amd64", "oci-archive:" + arm.path() + ":1");
    assertThat(unlisted.exitCode()).isEqualTo(DockerArchiveCli.UNREADABLE);
    assertThat(unlisted.err()).contains("no image for platform windows/amd64").contains("[OAR-3]");

    CliRun bad =
        CliRun.of(
            "copy",
            "--platform",
            "arm64",
            "oci-archive:" + arm.path() + ":1",
            "docker-archive:" + dir.resolve("y"));
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("is not os/arch[/variant]");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("arm.tar", "back.tar");
    }
  }

  @Test
  @DisplayName("verify reports a layer blob that does not match its descriptor and exits 1")
  void verifyFindsBadBlob() throws Exception {
    ArchiveFixture source = archive("src.tar", Dialect.CONTAINERS_IMAGE, "amd64");
    Path oci = dir.resolve("image.oci.tar");
    ok("copy", "docker-archive:" + source.path(), "oci-archive:" + oci);
    // Rebuild the tarball with the first layer's bytes changed (same length, other digest).
    HandmadeTar broken = new HandmadeTar();
    String layer = "blobs/sha256/" + source.image(0).storedDigests().get(0).hex();
    try (ArchiveReader reader =
        ArchiveReader.openTar(
            oci, io.github.dockerarchive.testkit.archive.ReaderOptions.defaults())) {
      for (var entry : reader.entries()) {
        if (entry.type() != io.github.dockerarchive.testkit.archive.EntryType.FILE) {
          continue;
        }
        byte[] bytes;
        try (var in = reader.openEntry(entry.name())) {
          bytes = in.readAllBytes();
        }
        if (entry.name().equals(layer)) {
          bytes[bytes.length / 2] ^= 1;
        }
        broken.file(entry.name(), bytes);
      }
    }
    Path bad = broken.writeTo(dir.resolve("bad.oci.tar"));
    CliRun run = CliRun.of("verify", "oci-archive:" + bad);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(DockerArchiveCli.CHECK_FAILED);
    assertThat(run.out())
        .contains("ERROR OAR-5 image @0:")
        .contains(source.image(0).storedDigests().get(0).toString())
        .contains(bad + ": INVALID");
  }

  @Test
  @DisplayName("a docker-archive named as oci-archive: exits 2 pointing to docker-archive:")
  void notALayout() throws Exception {
    ArchiveFixture source = archive("src.tar", Dialect.CONTAINERS_IMAGE, "amd64");
    CliRun run = CliRun.of("verify", "oci-archive:" + source.path());
    assertThat(run.exitCode()).isEqualTo(DockerArchiveCli.UNREADABLE);
    assertThat(run.err()).contains("has no index.json").contains("[OAR-1]");
    CliRun platform = CliRun.of("inspect", "--platform", "linux/arm64", source.path().toString());
    assertThat(platform.exitCode()).isNotZero();
    assertThat(platform.err()).contains("--platform applies to oci-archive: references only");
  }
}
