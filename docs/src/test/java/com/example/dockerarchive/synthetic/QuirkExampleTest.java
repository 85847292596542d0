package com.example.dockerarchive.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuirkExampleTest {
  @Test
  void quirksCombineIntoOneArchive(@TempDir Path dir) throws Exception {
    Quirk jib = Quirk.LOWER_CASE_KEYS; // Jib before 2.3: config, repoTags, layers
    assertThat(jib.validity()).isEqualTo(QuirkValidity.VALID);
    assertThat(jib.rule()).isEqualTo("ARC-2"); // keys match case-insensitively

    // a second quirk applied to the first one's spec: the archive has both shapes
    ArchiveSpec spec = Quirk.REPO_TAGS_NULL.applyTo(jib.spec());
    assertThat(spec.quirks()).containsExactly(Quirk.LOWER_CASE_KEYS, Quirk.REPO_TAGS_NULL);

    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("quirks.tar"));
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(reader.imageSource(null, 0).configDigest())
          .isEqualTo(fixture.image(0).configDigest());
    }

    // shapes that contradict each other are refused before anything is written
    ArchiveSpec both = Quirk.REPO_TAGS_EMPTY.applyTo(spec);
    assertThat(SyntheticArchives.whyInapplicable(both))
        .hasValueSatisfying(why -> assertThat(why).contains("repo-tags-null and repo-tags-empty"));
  }
}
