package io.github.dockerarchive.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.layout.DirInput;
import io.github.dockerarchive.testkit.layout.DirOutput;
import io.github.dockerarchive.testkit.layout.OciLayoutInput;
import io.github.dockerarchive.testkit.layout.OciLayoutOutput;
import io.github.dockerarchive.testkit.testing.SkopeoTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Our oci: and dir: ends of a copy against skopeo's, both ways (REF-3). */
@DisplayName("Interop: oci: and dir: with skopeo (REF-3)")
class SkopeoLayoutInteropTest extends SkopeoTestSupport {

  @Test
  @DisplayName("skopeo reads the OCI layout and dir: we write from a docker-archive")
  void skopeoReadsOurs() throws Exception {
    Path archive = dir.resolve("two-images.tar.xz");
    try (var in =
        getClass()
            .getResourceAsStream(
                "/corpus/real/containers_podman__test_e2e_testdata_docker-two-images.tar.xz")) {
      Files.copy(in, archive);
    }
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      var image = reader.imageSource(null, 1);
      ImageCopier.copy(
          image, OciLayoutOutput.create(dir.resolve("oci"), "v1"), ImageCopier.Progress.NONE);
      ImageCopier.copy(image, DirOutput.create(dir.resolve("d")), ImageCopier.Progress.NONE);
      List<String> refs = List.of("oci:" + dir.resolve("oci") + ":v1", "dir:" + dir.resolve("d"));
      for (int i = 0; i < refs.size(); i++) {
        String ref = refs.get(i);
        String raw = SKOPEO.run("inspect", "--config", "--raw", ref);
        JsonNode config = JSON.readTree(raw);
        assertThat(Digest.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .as(ref)
            .isEqualTo(image.configDigest());
        assertThat(config.get("rootfs").get("diff_ids").get(0).asText())
            .isEqualTo(image.diffIds().get(0).toString());
        SKOPEO.run("copy", ref, "oci:" + dir.resolve("check") + ":copy" + i);
      }
    }
  }

  @Test
  @DisplayName("we read the dir: and OCI layout skopeo writes, with its manifest digest")
  void weReadSkopeos() throws Exception {
    Path oci = dir.resolve("src");
    byte[] config =
        OciLayout.write(
            oci, "v1", List.of(OciLayout.layerTar("x", "1"), OciLayout.layerTar("y", "2")), true);
    SKOPEO.run("copy", "oci:" + oci + ":v1", "dir:" + dir.resolve("d"));
    SKOPEO.run("copy", "oci:" + oci + ":v1", "oci:" + dir.resolve("o") + ":copied");
    String digest =
        JSON.readTree(SKOPEO.run("inspect", "dir:" + dir.resolve("d"))).get("Digest").asText();
    try (DirInput in = DirInput.open(dir.resolve("d"))) {
      assertThat(Digest.sha256(in.manifestBytes()).toString()).isEqualTo(digest);
      ImageCopier.Result r =
          ImageCopier.copy(in, DirOutput.create(dir.resolve("d2")), ImageCopier.Progress.NONE);
      assertThat(r.configDigest()).isEqualTo(Digest.sha256(config));
    }
    try (OciLayoutInput in = OciLayoutInput.open(dir.resolve("o"), "copied")) {
      assertThat(in.manifestDigest().toString()).isEqualTo(digest);
    }
  }
}
