package io.github.dockerarchive.testkit.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One family's shape test: every quirk of the family is materialised from its {@code spec()} and
 * its shape asserted on the raw bytes by the family's {@code assertShape}, a switch whose default
 * fails, so a quirk added without a shape assertion fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuirkFamilyShapeTest {
  /** Asserts a quirk's exact shape on a raw archive. */
  @FunctionalInterface
  interface ShapeAssertion {
    void assertShape(Quirk quirk, QuirkArchive archive) throws IOException;
  }

  @TempDir Path dir;

  private final QuirkFamily family;
  private final ShapeAssertion shape;

  QuirkFamilyShapeTest(QuirkFamily family, ShapeAssertion shape) {
    this.family = family;
    this.shape = shape;
  }

  Stream<Quirk> quirks() {
    return Arrays.stream(Quirk.values()).filter(q -> q.family() == family);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quirks")
  @DisplayName("the quirk's shape, read raw from the archive")
  void shapeIsInTheBytes(Quirk quirk) throws Exception {
    QuirkCatalogueTest.assumeCheap(quirk);
    ArchiveFixture fixture = SyntheticArchives.materialize(quirk.spec(), dir.resolve("q.tar"));
    shape.assertShape(quirk, QuirkArchive.read(fixture.path()));
  }
}
