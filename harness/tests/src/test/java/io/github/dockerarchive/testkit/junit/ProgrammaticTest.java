package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The builder form, and create(spec) inside tests. */
@DisplayName("DockerArchiveExtension: programmatic registration and create()")
class ProgrammaticTest {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  @TempDir static Path root;

  @TestKit.Fixture
  static class Registered {
    @RegisterExtension
    static DockerArchiveExtension archives =
        DockerArchiveExtension.builder()
            .tempRoot(root.resolve("programmatic"))
            .cleanup(CleanupMode.ON_SUCCESS)
            .seed(5)
            .build();

    static ArchiveFixture classLevel;

    @BeforeAll
    static void perClass() {
      classLevel = archives.create(b -> b.image(List.of("base:1"), LayerSpec.filler(3)));
    }

    @Test
    void creates(@SyntheticArchive ArchiveFixture injected) {
      ArchiveFixture one =
          archives.create(
              ArchiveSpec.builder().image(List.of("a:1"), LayerSpec.filler(10)).build());
      ArchiveFixture two =
          archives.create(
              b ->
                  b.image(List.of("b:1"), LayerSpec.filler(1))
                      .image(List.of("b:2"), LayerSpec.filler(2)));
      assertThat(one.path()).isRegularFile().startsWith(root.resolve("programmatic"));
      assertThat(two.images()).hasSize(2);
      assertThat(two.spec().seed()).isEqualTo(5);
      assertThat(injected.spec().seed()).isEqualTo(5);
      assertThat(classLevel.path()).isRegularFile();
      SEEN.put("one", one.path());
      SEEN.put("injected", injected.path());
      SEEN.put("classLevel", classLevel.path());
    }

    @Test
    void failing() {
      SEEN.put("kept", archives.create(b -> b.image(List.of("k:1"), LayerSpec.filler(1))).path());
      throw new AssertionError("boom");
    }
  }

  @Test
  @DisplayName(
      "create(spec) and create(builder) write archives cleaned up with the test, by the builder's defaults")
  void creates() {
    TestKit.run(Registered.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
    assertThat((Path) SEEN.get("one")).doesNotExist();
    assertThat((Path) SEEN.get("injected")).doesNotExist();
    assertThat((Path) SEEN.get("kept")).exists();
    assertThat((Path) SEEN.get("classLevel"))
        .as("class-level archive, a test failed, ON_SUCCESS")
        .exists();
  }

  @Test
  @DisplayName("create() outside a running test says where it may be called")
  void outsideATest() {
    DockerArchiveExtension archives = DockerArchiveExtension.builder().build();
    assertThatThrownBy(() -> archives.create(b -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be called on the thread of a test or lifecycle method");
  }

  @Test
  @DisplayName("the extension is immutable: builder values are copied and fields are final")
  void immutable() {
    assertThat(DockerArchiveExtension.class.getDeclaredFields())
        .allSatisfy(f -> assertThat(java.lang.reflect.Modifier.isFinal(f.getModifiers())).isTrue());
    assertThat(Files.isDirectory(root)).isTrue();
  }
}
