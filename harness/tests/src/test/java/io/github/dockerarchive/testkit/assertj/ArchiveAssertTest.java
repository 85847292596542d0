package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThat;
import static io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.assertThatArchive;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.junit.DockerArchiveTest;
import io.github.dockerarchive.testkit.junit.SyntheticArchive;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Archive-level assertions: counts, tags, validity, content equality, and their messages. */
@DockerArchiveTest
@DisplayName("ArchiveAssert")
class ArchiveAssertTest {

  @Test
  @DisplayName(
      "hasImageCount passes and fails with expected and actual, for readers, paths and fixtures")
  void imageCount(
      @SyntheticArchive(
              images = 2,
              tags = {"app:1", "app:2"})
          ArchiveFixture fixture,
      @SyntheticArchive(images = 2) ArchiveReader reader) {
    assertThat(fixture).hasImageCount(2);
    assertThat(reader).hasImageCount(2);
    assertThatArchive(fixture.path()).hasImageCount(2);

    AssertionFailedError e =
        catchThrowableOfType(
            AssertionFailedError.class, () -> assertThat(fixture.path()).hasImageCount(3));
    Assertions.assertThat(e.getExpected().getValue()).isEqualTo(3);
    Assertions.assertThat(e.getActual().getValue()).isEqualTo(2);
    Assertions.assertThat(e)
        .hasMessageContainingAll(
            "Expecting archive \"" + fixture.path() + "\"",
            "to have 3 image(s) but it has 2, tagged:",
            "app:1");
  }

  @Test
  @DisplayName(
      "hasImage compares normalised references: busybox matches docker.io/library/busybox:latest")
  void hasImage(@SyntheticArchive(tags = "busybox") Path archive) {
    assertThat(archive)
        .hasImage("busybox")
        .hasImage("busybox:latest")
        .hasImage("docker.io/library/busybox")
        .hasImage("index.docker.io/library/busybox:latest");
    assertThatThrownBy(() -> assertThat(archive).hasImage("busybox:1"))
        .hasMessageContainingAll(
            "to have an image tagged:",
            "\"busybox:1\"",
            "(normalised: \"docker.io/library/busybox:1\")",
            "but its tags are:");
    assertThatThrownBy(() -> assertThat(archive).hasImage("Not A Reference"))
        .hasMessageContaining("not a valid reference");
  }

  @Test
  @DisplayName("isValid runs the verifier; a corrupted archive fails with the rule and the problem")
  void validity(
      @SyntheticArchive Path valid,
      @SyntheticArchive(corruption = Corruption.LAYER_DIGEST_MISMATCH) Path corrupt) {
    assertThat(valid).isValid();
    assertThat(corrupt).hasVerificationProblem("SRC-7");
    assertThatThrownBy(() -> assertThat(corrupt).isValid())
        .hasMessageContainingAll("to be valid, but verification found:", "ERROR SRC-7 image @0");
    assertThatThrownBy(() -> assertThat(valid).hasVerificationProblem("SRC-7"))
        .hasMessageContainingAll("to break rule \"SRC-7\"", "no problem");
  }

  @Test
  @DisplayName("an archive that does not open fails every assertion with the reader's error")
  void unreadable(@SyntheticArchive(corruption = Corruption.MISSING_MANIFEST) Path archive) {
    assertThatThrownBy(() -> assertThat(archive).hasImageCount(1))
        .hasMessageContainingAll("to be readable, but reading failed:", "EntryNotFoundException");
  }

  @Test
  @DisplayName("hasSameContentAs ignores layout and compression, and names the first difference")
  void sameContent(
      @SyntheticArchive(images = 2) ArchiveFixture plain,
      @SyntheticArchive(images = 2, compression = Compression.GZIP) Path gzipped,
      @SyntheticArchive(images = 2, dialect = Dialect.DOCKER_HYBRID) ArchiveReader hybrid,
      @SyntheticArchive(images = 2, seed = 1) ArchiveFixture otherSeed,
      @SyntheticArchive(images = 1) ArchiveFixture oneImage) {
    assertThat(plain).hasSameContentAs(gzipped).hasSameContentAs(hybrid);
    AssertionFailedError e =
        catchThrowableOfType(
            AssertionFailedError.class, () -> assertThat(plain).hasSameContentAs(otherSeed));
    Assertions.assertThat(e)
        .hasMessageContainingAll(
            "to have the same content (images, tags, config digests, diffIDs) as archive",
            "image @0 differs:",
            "actual:",
            "expected:");
    Assertions.assertThat(e.getActual().getStringRepresentation()).startsWith("@0: tags [");
    assertThatThrownBy(() -> assertThat(plain).hasSameContentAs(oneImage))
        .hasMessageContaining("it has 2 image(s) and the other 1");
  }

  @Test
  @DisplayName("a description given with as() prefixes the message once")
  void description(@SyntheticArchive Path archive) {
    assertThatThrownBy(() -> assertThat(archive).as("the export").hasImageCount(5))
        .hasMessageStartingWith("[the export] ")
        .satisfies(
            t ->
                Assertions.assertThat(t.getMessage().indexOf("[the export]"))
                    .isEqualTo(t.getMessage().lastIndexOf("[the export]")));
  }

  @Test
  @DisplayName("a null archive fails as AssertJ's isNotNull does")
  void nullArchive() {
    assertThatThrownBy(() -> assertThat((Path) null).hasImageCount(1))
        .hasMessageContaining("Expecting actual not to be null");
  }
}
