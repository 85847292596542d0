package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.image.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-made hostile corpus as differential cases: every uncompressed input of it (up to 16 MiB)
 * is read by Go's {@code archive/tar} and by {@link TarIndex}, and both must reach the same verdict
 * and the same entries.
 */
@DisplayName("SAFE-4, ARC-1: the hostile corpus's tars read as Go's archive/tar reads them")
class GoHostileCorpusTest {
  private static final long MAX = 16L << 20;

  @TempDir Path dir;

  static Stream<HostileCase> cases() {
    return HostileCorpus.cases().stream().filter(c -> !c.big());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameVerdictAsGo(HostileCase c) throws Exception {
    GoReference.get();
    Path file = c.materialize(dir);
    if (Files.size(file) > MAX) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (Compression.detect(bytes, Math.min(bytes.length, Compression.MAGIC_LENGTH))
        != Compression.NONE) {
      return;
    }
    JsonNode go = GoReference.get().ask(GoReference.Kind.TAR, bytes);
    JsonNode ours = GoTarDifferentialTest.ours(bytes, dir);
    assertThat(ours.get("ok").asBoolean())
        .as("%s: Go says %s, we say %s", c.name(), go, ours)
        .isEqualTo(go.get("ok").asBoolean());
    if (go.get("ok").asBoolean()) {
      assertThat(ours.get("entries"))
          .as("%s entries", c.name())
          .isEqualTo(GoTarDifferentialTest.normalise(go.get("entries")));
    }
  }
}
