package io.github.dockerarchive.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What the extension injects, where, and what it refuses. */
@DisplayName("DockerArchiveExtension: injection")
class InjectionTest {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
  static final List<Object> PATHS = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    SEEN.clear();
    PATHS.clear();
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class EveryType {
    @Test
    void all(
        @SyntheticArchive Path path,
        @SyntheticArchive File file,
        @SyntheticArchive ArchiveFixture fixture,
        @SyntheticArchive ArchiveReader reader,
        @SyntheticArchive InputStream stream,
        @SyntheticArchive byte[] bytes)
        throws IOException {
      assertThat(path).isRegularFile();
      assertThat(file).isFile();
      assertThat(fixture.path()).isRegularFile();
      assertThat(reader.manifest()).hasSize(1);
      assertThat(stream.readNBytes(512)).hasSize(512);
      assertThat(bytes).hasSize((int) Files.size(path));
      SEEN.put("reader", reader);
      SEEN.put("stream", stream);
      SEEN.put("path", path);
    }
  }

  @Test
  @DisplayName(
      "injects Path, File, ArchiveFixture, ArchiveReader, InputStream and byte[]; closes readers and streams, deletes archives")
  void everyType() {
    TestKit.run(EveryType.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    ArchiveReader reader = (ArchiveReader) SEEN.get("reader");
    assertThatThrownBy(() -> reader.openEntry("manifest.json"))
        .isInstanceOf(ArchiveClosedException.class);
    assertThatThrownBy(() -> ((InputStream) SEEN.get("stream")).read())
        .isInstanceOf(IOException.class);
    assertThat((Path) SEEN.get("path")).doesNotExist();
    assertThat(((Path) SEEN.get("path")).getParent()).doesNotExist();
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Attributes {
    @Test
    void shaped(
        @SyntheticArchive(
                images = 3,
                layers = 4,
                layerSize = 10,
                tags = {"app:1,app:latest", ""},
                seed = 99,
                compression = Compression.GZIP)
            ArchiveFixture fixture) {
      assertThat(fixture.spec().images()).hasSize(3);
      assertThat(fixture.spec().images().get(0).layers()).hasSize(4);
      assertThat(fixture.spec().images().get(0).tags()).containsExactly("app:1", "app:latest");
      assertThat(fixture.spec().images().get(1).tags()).isEmpty();
      assertThat(fixture.spec().images().get(2).tags()).containsExactly("test/image-2:latest");
      assertThat(fixture.spec().seed()).isEqualTo(99);
      assertThat(fixture.spec().compression()).isEqualTo(Compression.GZIP);
      assertThat(fixture.path().getFileName().toString()).isEqualTo("fixture.tar.gz");
      assertThat(fixture.images()).hasSize(3);
    }

    @Test
    void defaults(@SyntheticArchive ArchiveFixture fixture) {
      assertThat(fixture.spec().images()).hasSize(1);
      assertThat(fixture.spec().images().get(0).layers()).hasSize(2);
      assertThat(fixture.spec().images().get(0).layers().get(0).contentBytes()).isEqualTo(1024);
      assertThat(fixture.spec().dialect()).isEqualTo(Dialect.CONTAINERS_IMAGE);
      assertThat(fixture.spec().corruption()).isEqualTo(Corruption.NONE);
      assertThat(fixture.spec().seed()).isZero();
    }
  }

  @Test
  @DisplayName("annotation attributes shape the spec; unset ones take the built-in defaults")
  void attributes() {
    TestKit.run(Attributes.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class Fields {
    @SyntheticArchive static Path perClass;
    @SyntheticArchive Path perTest;

    @Test
    void one() {
      PATHS.add(List.of(perClass, perTest));
    }

    @Test
    void two() {
      PATHS.add(List.of(perClass, perTest));
    }

    @Nested
    class Inner {
      @SyntheticArchive ArchiveFixture inner;

      @Test
      void nested() {
        assertThat(perTest).isRegularFile();
        assertThat(inner.path()).isRegularFile();
        PATHS.add(List.of(perClass, perTest, inner.path()));
      }
    }
  }

  @Test
  @DisplayName(
      "static fields get one archive per class, instance fields one per test, also in @Nested classes")
  void fields() {
    TestKit.run(Fields.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    assertThat(PATHS).hasSize(3);
    @SuppressWarnings("unchecked")
    List<List<Path>> runs = (List<List<Path>>) (List<?>) PATHS;
    assertThat(runs).extracting(r -> r.get(0)).containsOnly(runs.get(0).get(0));
    assertThat(runs).extracting(r -> r.get(1)).doesNotHaveDuplicates();
    assertThat(runs.get(2)).hasSize(3);
    assertThat(runs).flatExtracting(r -> r).allSatisfy(p -> assertThat(p).doesNotExist());
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class UnsupportedParameter {
    @Test
    void wrong(@SyntheticArchive String archive) {}
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class UnsupportedField {
    @SyntheticArchive Object archive;

    @Test
    void wrong() {}
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class FinalField {
    @SyntheticArchive final Path archive = null;

    @Test
    void wrong() {}
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class BadAttributes {
    @Test
    void twoDialects(@SyntheticArchive(dialect = {Dialect.JIB, Dialect.CONTAINERD}) Path archive) {}

    @Test
    void tooManyTags(
        @SyntheticArchive(
                images = 1,
                tags = {"a", "b"})
            Path archive) {}

    @Test
    void corruptReader(
        @SyntheticArchive(corruption = Corruption.MISSING_MANIFEST) ArchiveReader reader) {}
  }

  @Test
  @DisplayName(
      "an unsupported parameter type fails with a message naming the parameter and the supported types")
  void unsupportedParameter() {
    TestKit.run(UnsupportedParameter.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("wrong"),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        "@SyntheticArchive on parameter 0 (archive) of method"
                            + " InjectionTest$UnsupportedParameter.wrong(String): cannot inject type"
                            + " java.lang.String; supported types: java.nio.file.Path, java.io.File,"
                            + " ArchiveFixture, ArchiveReader, java.io.InputStream, byte[]"))));
  }

  @Test
  @DisplayName("an unsupported or final field fails with a message naming the field")
  void unsupportedField() {
    TestKit.run(UnsupportedField.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("wrong"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        m ->
                            m.startsWith(
                                    "@SyntheticArchive on field InjectionTest$UnsupportedField.archive:"
                                        + " cannot inject type java.lang.Object;")
                                && m.contains("ArchiveReader")))));
    TestKit.run(FinalField.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("wrong"),
                finishedWithFailure(
                    message(
                        "@SyntheticArchive on field InjectionTest$FinalField.archive: the field"
                            + " must not be final"))));
  }

  @Test
  @DisplayName("invalid attributes and unreadable readers fail with messages naming the parameter")
  void badAttributes() {
    var events = TestKit.run(BadAttributes.class).testEvents();
    events.assertStatistics(s -> s.failed(3));
    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("twoDialects"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("parameter 0 (archive) of method")
                                && m.contains("dialect takes at most one value")))))
        .haveExactly(
            1,
            event(
                test("tooManyTags"),
                finishedWithFailure(message(m -> m.contains("tags has 2 entries for 1 image(s)")))))
        .haveExactly(
            1,
            event(
                test("corruptReader"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("parameter 0 (reader) of method")
                                && m.contains("as an ArchiveReader")
                                && m.contains("inject a Path or ArchiveFixture")))));
  }

  @TestKit.Fixture
  @DockerArchiveTest
  static class FromSpec {
    @Test
    void resource(@SyntheticArchive(spec = "specs/app-and-base.json") ArchiveFixture fixture) {
      assertThat(fixture.images()).hasSize(2);
      assertThat(fixture.image(0).repoTags()).contains("example.com/app:1");
      assertThat(fixture.spec().seed()).isEqualTo(7);
    }

    @Test
    void overridden(
        @SyntheticArchive(
                spec = "/specs/app-and-base.json",
                seed = 8,
                dialect = Dialect.DOCKER_HYBRID,
                compression = Compression.GZIP)
            ArchiveFixture fixture) {
      assertThat(fixture.spec().seed()).isEqualTo(8);
      assertThat(fixture.spec().dialect()).isEqualTo(Dialect.DOCKER_HYBRID);
      assertThat(fixture.spec().compression()).isEqualTo(Compression.GZIP);
      assertThat(fixture.spec().images().get(0).layers()).hasSize(2);
    }

    @Test
    void file(@SyntheticArchive(spec = "src/test/resources/specs/app-and-base.json") Path path) {
      assertThat(path).isRegularFile();
    }

    @Test
    void missing(@SyntheticArchive(spec = "specs/nope.json") Path path) {}

    @Test
    void mixed(@SyntheticArchive(spec = "specs/app-and-base.json", images = 2) Path path) {}
  }

  @Test
  @DisplayName(
      "spec = names a JSON spec on the class path or file system; explicit attributes override it")
  void fromSpec() {
    var events = TestKit.run(FromSpec.class).testEvents();
    events.assertStatistics(s -> s.succeeded(3).failed(2));
    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("missing"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                    "parameter 0 (path) of method InjectionTest$FromSpec.missing(Path)")
                                && m.contains(
                                    "spec \"specs/nope.json\" is neither a class path resource nor a file")))))
        .haveExactly(
            1,
            event(
                test("mixed"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                "cannot be combined with images, layers, layerSize or tags")))));
  }

  @TestKit.Fixture
  @ExtendWith(DockerArchiveExtension.class)
  static class MetaAnnotated {
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({
      java.lang.annotation.ElementType.PARAMETER,
      java.lang.annotation.ElementType.FIELD
    })
    @SyntheticArchive(images = 2, dialect = Dialect.CONTAINERS_IMAGE)
    @interface TwoImages {}

    @Test
    void meta(@TwoImages ArchiveFixture fixture) {
      assertThat(fixture.images()).hasSize(2);
    }
  }

  @Test
  @DisplayName(
      "@SyntheticArchive works as a meta-annotation, with @ExtendWith as well as @DockerArchiveTest")
  void metaAnnotation() {
    TestKit.run(MetaAnnotated.class).testEvents().assertStatistics(s -> s.succeeded(1));
  }
}
