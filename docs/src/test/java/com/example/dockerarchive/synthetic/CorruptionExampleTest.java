package com.example.dockerarchive.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionExampleTest {
  @Test
  void aMissingLayerIsReportedWhenTheImageLoads(@TempDir Path dir) throws Exception {
    ArchiveSpec valid =
        ArchiveSpec.builder().image(List.of("app:1"), LayerSpec.filler(512)).build();
    ArchiveSpec broken = valid.withCorruption(Corruption.MISSING_LAYER);

    // each corruption says which rule it breaks and what a correct reader throws, and when
    Corruption defect = broken.corruption();
    assertThat(defect.rule()).isEqualTo("ARC-2");
    assertThat(defect.failure()).isEqualTo(EntryNotFoundException.class);
    assertThat(defect.stage()).isEqualTo(FailureStage.LOAD); // on first use of the image

    ArchiveFixture fixture = SyntheticArchives.materialize(broken, dir.resolve("broken.tar"));
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) { // opening still works
      assertThatThrownBy(() -> reader.imageSource(null, 0).layers())
          .isInstanceOf(defect.failure())
          .hasMessageContaining("manifest.json");
    }
  }
}
