package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read → write → read of every real archive, in both layouts: every image keeps its config digest,
 * diffIDs and (normalised) tags, and the written archive verifies (WR-1, WR-6, WR-8, WR-12).
 */
@DisplayName("WR-1, WR-6, WR-12: every real archive survives read -> write -> read")
class CorpusRoundTripTest {
  @TempDir Path dir;

  static Stream<Arguments> corpus() throws Exception {
    List<Arguments> result = new ArrayList<>();
    String[] files = {
      "GoogleContainerTools_jib__jib-core_src_test_resources_core_extraction_jib-image.tar",
      "containers_image__docker_archive_fixtures_almostempty.tar",
      "containers_podman__test_e2e_testdata_docker-name-only.tar.xz",
      "containers_podman__test_e2e_testdata_docker-registry-name.tar.xz",
      "containers_podman__test_e2e_testdata_docker-two-images.tar.xz",
      "containers_podman__test_e2e_testdata_docker-two-names.tar.xz",
      "containers_podman__test_e2e_testdata_docker-unnamed.tar.xz",
      "google_go-containerregistry__pkg_v1_mutate_testdata_whiteout_dir.tar",
      "google_go-containerregistry__pkg_v1_tarball_testdata_hello-world-v25.tar",
      "google_go-containerregistry__pkg_v1_tarball_testdata_test_bundle.tar",
      "google_go-containerregistry__pkg_v1_tarball_testdata_test_link.tar"
    };
    for (String file : files) {
      for (Layout layout : Layout.values()) {
        result.add(Arguments.of(file, layout));
      }
    }
    return result.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("corpus")
  void roundTrip(String file, Layout layout) throws Exception {
    Path source = dir.resolve(file);
    try (InputStream in = getClass().getResourceAsStream("/corpus/real/" + file)) {
      Files.copy(in, source);
    }
    Path copy = dir.resolve("copy.tar");
    try (ArchiveReader reader = ArchiveReader.open(source);
        ArchiveWriter writer =
            ArchiveWriter.create(copy, WriterOptions.defaults().withLayout(layout))) {
      for (ImageSource image : reader.images()) {
        ImageDestination destination = writer.newImage(null);
        List<DockerReference> tags = new ArrayList<>();
        for (String tag : image.selection().item().repoTags()) {
          tags.add(DockerReference.parseNormalized(tag).withDefaultTag());
        }
        destination.addRepoTags(tags);
        ImageCopier.copy(image, destination, ImageCopier.Progress.NONE);
      }
    }
    try (ArchiveReader original = ArchiveReader.open(source);
        ArchiveReader written = ArchiveReader.open(copy)) {
      assertThat(ArchiveVerifier.verify(written, ArchiveVerifier.ProgressListener.NONE).problems())
          .isEmpty();
      List<ImageSource> before = original.images();
      List<ImageSource> after = written.images();
      assertThat(after).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i).configDigest()).isEqualTo(before.get(i).configDigest());
        assertThat(after.get(i).diffIds()).isEqualTo(before.get(i).diffIds());
        List<String> expectedTags = new ArrayList<>();
        for (String tag : before.get(i).selection().item().repoTags()) {
          expectedTags.add(DockerReference.parseNormalized(tag).withDefaultTag().canonical());
        }
        assertThat(after.get(i).selection().item().repoTags()).isEqualTo(expectedTags);
      }
    }
  }
}
