package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;

/** The builder form, whose defaults an {@link Archives} parameter carries. */
@DisplayName("DockerArchiveExtension: programmatic registration and Archives")
class ProgrammaticTest {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  /**
   * Made when this class is initialised: the fixture's static extension reads it in its own
   * initialiser, which may run first (a run that selects nested classes initialises them itself).
   */
  static final Path root = newRoot();

  private static Path newRoot() {
    try {
      return Files.createTempDirectory("dockerarchive-programmatic-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void deleteRoot() throws IOException {
    FileTrees.delete(root);
  }

  @TestKit.Fixture
  static class Registered {
    @RegisterExtension
    static DockerArchiveExtension extension =
        DockerArchiveExtension.builder()
            .tempRoot(root.resolve("programmatic"))
            .cleanup(CleanupMode.ON_SUCCESS)
            .seed(5)
            .build();

    static ArchiveFixture classLevel;

    @BeforeAll
    static void perClass(Archives archives) {
      classLevel = archives.create(b -> b.image(List.of("base:1"), LayerSpec.filler(3)));
    }

    @Test
    void creates(Archives archives, @SyntheticArchive ArchiveFixture injected) {
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
    void failing(Archives archives) {
      SEEN.put("kept", archives.create(b -> b.image(List.of("k:1"), LayerSpec.filler(1))).path());
      throw new AssertionError("boom");
    }
  }

  @Test
  @DisplayName(
      "Archives.create(spec) and create(builder) write archives cleaned up with the test, by the"
          + " builder's defaults")
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
  @DisplayName(
      "the deprecated create() on the extension never guesses a context: it names Archives")
  @SuppressWarnings("removal")
  void createOnTheExtensionNamesArchives() {
    DockerArchiveExtension archives = DockerArchiveExtension.builder().build();
    assertThatThrownBy(() -> archives.create(b -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot know which test owns the archive")
        .hasMessageContaining(
            "take a parameter of type io.github.dockerarchive.testkit.junit.Archives");
    assertThatThrownBy(() -> archives.create(ArchiveSpec.builder().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Archives");
  }

  static final Map<String, Throwable> THROWN = new ConcurrentHashMap<>();

  @TestKit.Fixture
  static class CreateOnTheExtension {
    @RegisterExtension
    static DockerArchiveExtension extension = DockerArchiveExtension.builder().build();

    @Test
    @SuppressWarnings("removal")
    void onTheTestThread() {
      try {
        extension.create(b -> b.image(List.of("x:1"), LayerSpec.filler(1)));
      } catch (IllegalStateException e) {
        THROWN.put("test thread", e);
      }
    }
  }

  @Test
  @DisplayName("the deprecated create() throws inside a running test too, instead of writing")
  void createInsideATestThrows() throws Exception {
    THROWN.clear();
    TestKit.run(
            Map.of(SyntheticArchive.TEMP_DIR_PROPERTY_NAME, root.resolve("refused").toString()),
            CreateOnTheExtension.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(THROWN.get("test thread")).hasMessageContaining("Archives");
    assertThat(root.resolve("refused")).doesNotExist();
  }

  @Test
  @DisplayName("the extension is immutable: builder values are copied and fields are final")
  void immutable() {
    assertThat(DockerArchiveExtension.class.getDeclaredFields())
        .allSatisfy(f -> assertThat(java.lang.reflect.Modifier.isFinal(f.getModifiers())).isTrue());
    assertThat(Files.isDirectory(root)).isTrue();
  }
}
