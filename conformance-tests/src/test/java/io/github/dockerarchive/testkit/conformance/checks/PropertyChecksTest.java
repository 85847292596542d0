package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyChecksTest {
  @TempDir Path work;

  @Test
  void everyCheckPassesAgainstTheBuiltinImplementation() throws Exception {
    BuiltinRun.requireAllPass(PropertyChecks.checks(), work);
  }

  @Test
  void theDrawIsFixedAndVaried() {
    List<ArchiveSpec> first = PropertyChecks.draw(PropertyChecks.plain().images(1, 1), 25, 7);
    List<ArchiveSpec> again = PropertyChecks.draw(PropertyChecks.plain().images(1, 1), 25, 7);
    assertThat(again).isEqualTo(first);
    assertThat(first).hasSize(25);
    assertThat(first.stream().map(s -> s.images().get(0).layers().size()).distinct())
        .as("layer counts drawn")
        .hasSizeGreaterThan(2);
    assertThat(first.stream().map(s -> s.images().get(0)).map(ImageSpec::layers).distinct())
        .hasSizeGreaterThan(10);
  }

  @Test
  void idsAreUnique() {
    assertThat(PropertyChecks.checks()).extracting(Check::id).doesNotHaveDuplicates();
  }
}
