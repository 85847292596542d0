package com.example.dockerarchive.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.layout.OciArchiveInput;
import io.github.dockerarchive.testkit.layout.Platform;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyToOciArchiveExampleTest {
  @Test
  void copiesAnArchiveIntoAnOciArchiveAndBack(@TempDir Path dir) throws Exception {
    // oci-archive:PATH[:NAME] is an OCI image layout in one tar file, as skopeo writes it
    TransportReference source =
        TransportReference.parse("docker-archive:../samples/almostempty.tar:emptyimage:latest");
    TransportReference tarball =
        TransportReference.parse("oci-archive:" + dir.resolve("image.oci.tar") + ":v1");
    TransportReference archive =
        TransportReference.parse("docker-archive:" + dir.resolve("out.tar"));

    TransportCopy.copy(
        source, tarball, WriterOptions.defaults(), List.of(), ImageCopier.Progress.NONE);
    // an image index in the source is resolved to one platform (linux/amd64 unless told)
    TransportCopy.copy(
        tarball,
        archive,
        WriterOptions.defaults(),
        List.of(),
        Platform.parse("linux/amd64"),
        ImageCopier.Progress.NONE);

    try (ArchiveReader original = ArchiveReader.open(Path.of("../samples/almostempty.tar"));
        OciArchiveInput oci = OciArchiveInput.open(dir.resolve("image.oci.tar"), "v1");
        ArchiveReader copy = ArchiveReader.open(dir.resolve("out.tar"))) {
      ImageManifest manifest = ImageManifest.parse(oci.manifestBytes(), oci.manifestMediaType());
      assertThat(manifest.config().digest())
          .isEqualTo(original.imageSource(null, 0).configDigest());
      assertThat(copy.imageSource(null, 0).configDigest())
          .isEqualTo(original.imageSource(null, 0).configDigest());
      assertThat(copy.imageSource(null, 0).diffIds())
          .isEqualTo(original.imageSource(null, 0).diffIds());
    }
  }
}
