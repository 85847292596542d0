package io.github.dockerarchive.testkit.junit;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;
import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThatArchive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.assertj.DockerArchiveSoftAssertions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The examples of the README's JUnit section, kept compiling and passing here. Each example sits
 * between {@code // tag::name[]} and {@code // end::name[]}; README.md holds them verbatim, and the
 * last test checks that it still does.
 */
// tag::class[]
@DockerArchiveTest
class ReadmeExamplesTest {
  // end::class[]

  // tag::default[]
  @Test
  void readsTheDefaultArchive(@SyntheticArchive Path archive) throws Exception {
    // one image, two layers of 1 KiB, tagged test/image-0:latest
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      ImageSource image = reader.imageSource(null, 0);
      assertThat(image.diffIds()).hasSize(2);
    }
  }

  // end::default[]

  // tag::multi-image[]
  @Test
  void readsThreeImages(
      @SyntheticArchive(
              images = 3,
              tags = {"app:1,app:latest", "app:2", "db:1"})
          ArchiveFixture archive) {
    assertThat(archive).hasImageCount(3).hasImage("app:latest");
    assertThat(archive).image("db:1").matches(archive.image(2));
  }

  // end::multi-image[]

  // tag::dialects[]
  @ParameterizedTest
  @ArchiveDialects
  void readsEveryProducersLayout(ArchiveFixture archive) throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive.path())) {
      Digest expected = archive.image(0).configDigest();
      assertThat(reader.imageSource(null, 0).configDigest()).isEqualTo(expected);
    }
  }

  // end::dialects[]

  // tag::corrupt[]
  @Test
  void refusesATamperedLayer(
      @SyntheticArchive(corruption = Corruption.LAYER_DIGEST_MISMATCH) ArchiveReader reader)
      throws Exception {
    ImageSource image = reader.imageSource(null, 0);
    Digest firstLayer = image.diffIds().get(0);

    assertThatThrownBy(() -> image.getBlob(firstLayer).drain())
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(firstLayer.toString());
  }

  // end::corrupt[]

  // tag::assertj[]
  @Test
  void checksAnArchiveWithAssertJ(@SyntheticArchive(tags = "busybox") ArchiveFixture archive) {
    assertThat(archive)
        .isValid()
        .hasImage("docker.io/library/busybox:latest")
        .image("busybox")
        .hasLayerCount(2)
        .hasDiffIds(archive.image(0).diffIds())
        .hasLayerFile("data/0-0.bin");
    assertThatArchive(archive.path()).hasSameContentAs(archive);

    DockerArchiveSoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(archive).hasImageCount(1);
          softly.assertThat(archive).image(0).hasLayerFile("data/0-1.bin");
        });
  }

  // end::assertj[]

  @Nested
  // tag::programmatic[]
  class FromSpecs {
    @RegisterExtension
    final DockerArchiveExtension archives = DockerArchiveExtension.builder().seed(42).build();

    @Test
    void buildsAnArchiveInTheTest() {
      ArchiveFixture archive =
          archives.create(b -> b.image(List.of("app:1"), LayerSpec.filler(4096)));
      assertThat(archive).image("app:1").hasLayerFile("filler.bin");
    }
  }

  // end::programmatic[]

  @Test
  void readmeSectionHoldsTheseExamplesVerbatim() throws Exception {
    Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    for (String example : examples()) {
      assertThat(readme).contains(example);
    }
  }

  /** The tagged examples, each dedented by its first line's indentation. */
  static List<String> examples() throws Exception {
    Path source =
        Path.of(System.getProperty("repo.root", ".."))
            .resolve("harness/tests/src/test/java/io/github/dockerarchive/testkit/junit")
            .resolve("ReadmeExamplesTest.java");
    List<String> examples = new ArrayList<>();
    StringBuilder current = null;
    int indent = 0;
    for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("// tag::")) {
        current = new StringBuilder();
        indent = line.indexOf('/');
      } else if (trimmed.startsWith("// end::")) {
        examples.add(current.toString().strip());
        current = null;
      } else if (current != null) {
        current.append(line.length() >= indent ? line.substring(indent) : line.strip());
        current.append('\n');
      }
    }
    return examples;
  }
}
