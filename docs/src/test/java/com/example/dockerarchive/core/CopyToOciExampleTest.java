package com.example.dockerarchive.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.layout.OciLayoutInput;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyToOciExampleTest {
  @Test
  void copiesAnArchiveIntoAnOciLayoutAndBack(@TempDir Path dir) throws Exception {
    // the same syntax as skopeo copy: docker-archive:PATH[:REF|:@N], oci:DIR[:NAME], dir:DIR
    TransportReference source =
        TransportReference.parse("docker-archive:../samples/almostempty.tar:emptyimage:latest");
    TransportReference layout = TransportReference.parse("oci:" + dir.resolve("layout") + ":v1");
    TransportReference archive =
        TransportReference.parse("docker-archive:" + dir.resolve("out.tar") + ":example.com/app:1");

    TransportCopy.copy(
        source, layout, WriterOptions.defaults(), List.of(), ImageCopier.Progress.NONE);
    TransportCopy.copy(
        layout, archive, WriterOptions.defaults(), List.of(), ImageCopier.Progress.NONE);

    try (ArchiveReader original = ArchiveReader.open(Path.of("../samples/almostempty.tar"));
        OciLayoutInput oci = OciLayoutInput.open(dir.resolve("layout"), "v1");
        ArchiveReader copy = ArchiveReader.open(dir.resolve("out.tar"))) {
      // every blob was verified on the way; the image ID survives both copies
      assertThat(copy.manifest().get(0).repoTags()).containsExactly("example.com/app:1");
      assertThat(copy.imageSource(null, 0).configDigest())
          .isEqualTo(original.imageSource(null, 0).configDigest());
      assertThat(copy.imageSource(null, 0).diffIds())
          .isEqualTo(original.imageSource(null, 0).diffIds());
      ImageManifest ociManifest = ImageManifest.parse(oci.manifestBytes(), oci.manifestMediaType());
      assertThat(ociManifest.config().digest())
          .isEqualTo(original.imageSource(null, 0).configDigest());
    }
  }
}
