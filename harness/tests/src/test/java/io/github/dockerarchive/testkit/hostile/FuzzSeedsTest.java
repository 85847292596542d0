package io.github.dockerarchive.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The committed seed corpus of {@link ArchiveBytesFuzzTest} is what {@link FuzzSeeds} makes. Run
 * with {@code -Dhostile.regenerateSeeds=true} to rewrite it after the synthetic writers change.
 */
@DisplayName("the fuzz seed corpus is the synthetic dialects, byte for byte")
class FuzzSeedsTest {
  static final Path SEEDS =
      Path.of(
          "src/test/resources/io/github/dockerarchive/testkit/hostile/ArchiveBytesFuzzTestInputs/anyBytesReadFullyOrFailTyped");

  @Test
  void seedsAreCurrent() throws Exception {
    boolean regenerate = Boolean.getBoolean("hostile.regenerateSeeds");
    Files.createDirectories(SEEDS);
    for (Map.Entry<String, byte[]> seed : FuzzSeeds.archives().entrySet()) {
      Path file = SEEDS.resolve(seed.getKey());
      if (regenerate) {
        Files.write(file, seed.getValue());
      }
      assertThat(file)
          .as("seed %s (regenerate with -Dhostile.regenerateSeeds=true)", file)
          .exists();
      assertThat(Files.readAllBytes(file)).isEqualTo(seed.getValue());
    }
  }
}
