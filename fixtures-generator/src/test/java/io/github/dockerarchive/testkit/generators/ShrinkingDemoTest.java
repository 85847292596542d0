package io.github.dockerarchive.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Shrinking reaches the smallest failing archive: the deliberately broken readers of {@link
 * BrokenReaderDemo} fail on rich random archives (several images, dialects, compressions, tags,
 * files), and jqwik shrinks each failure to the one spec that shows the bug and nothing else.
 */
@DisplayName("Shrinking: a broken reader's failure shrinks to the minimal archive")
class ShrinkingDemoTest {
  private static final LayerSpec EMPTY_UNCOMPRESSED = new LayerSpec(List.of(), Compression.NONE);

  @Test
  @DisplayName(
      "ignoring the second layer: one untagged image of two empty layers, simplest dialect")
  void secondLayerBug() throws Exception {
    DemoRun run = run("readerThatIgnoresTheSecondLayer");

    assertThat(run.failures()).isEqualTo(1);
    assertThat(run.reportedSpec())
        .isEqualTo(
            minimal(
                new ImageSpec(List.of(), List.of(EMPTY_UNCOMPRESSED, EMPTY_UNCOMPRESSED), null)));
    assertThat(run.reports(ArchiveFixtureLifecycle.REPORT_KEY).get(0))
        .contains("seed 20240501")
        .contains("./dockerarchive generate --spec");
  }

  @Test
  @DisplayName(
      "failing on gzip layers: one untagged image of one empty gzip layer, no outer compression")
  void gzipBug() throws Exception {
    DemoRun run = run("readerThatFailsOnGzipLayers");

    assertThat(run.failures()).isEqualTo(1);
    LayerSpec emptyGzip = new LayerSpec(List.of(), Compression.GZIP);
    assertThat(run.reportedSpec())
        .isEqualTo(minimal(new ImageSpec(List.of(), List.of(emptyGzip), null)));
  }

  private static ArchiveSpec minimal(ImageSpec image) {
    return ArchiveSpec.builder()
        .image(image)
        .dialect(Dialect.CONTAINERS_IMAGE)
        .compression(Compression.NONE)
        .seed(0)
        .build();
  }

  private static DemoRun run(String property) {
    return DemoRun.of(BrokenReaderDemo.class, property, ArchiveFixture.class.getName());
  }
}
