package io.github.dockerarchive.testkit.assertj;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.lang.ref.Cleaner;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The shape of the AssertJ face: documented API status on every public type, open concrete asserts
 * for soft assertions and subclasses, one {@code Should*} factory per failure kind, and no reader
 * left to a {@link Cleaner}.
 */
@AnalyzeClasses(
    packages = "io.github.dockerarchive.testkit.assertj",
    importOptions = ImportOption.DoNotIncludeTests.class)
class AssertjFaceRulesTest {

  @ArchTest
  static final ArchRule publicTypesDeclareTheirStatus =
      classes()
          .that()
          .arePublic()
          .should()
          .beAnnotatedWith(API.class)
          .because("users see which types they may rely on");

  @ArchTest
  static final ArchRule concreteAssertsAreOpen =
      classes()
          .that()
          .areAssignableTo(AbstractAssert.class)
          .and()
          .doNotHaveModifier(JavaModifier.ABSTRACT)
          .should()
          .bePublic()
          .andShould()
          .notHaveModifier(JavaModifier.FINAL)
          .because("soft assertions proxy them and users extend them");

  @ArchTest
  static final ArchRule messagesComeFromShouldFactories =
      classes()
          .that()
          .areAssignableTo(ErrorMessageFactory.class)
          .should()
          .haveSimpleNameStartingWith("Should")
          .andShould()
          .notBePublic()
          .because("each kind of failure has its own small message factory");

  @ArchTest
  static final ArchRule nothingWaitsForTheCollector =
      noClasses()
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Cleaner.class)
          .because("every assertion closes what it opens before it returns");

  @org.junit.jupiter.api.Test
  void concreteAssertsHavePublicConstructorsOnTheirActual() throws Exception {
    Map<Class<?>, Class<?>> actualOf =
        Map.of(
            PathArchiveAssert.class, Path.class,
            ArchiveFixtureAssert.class, ArchiveFixture.class,
            ArchiveReaderAssert.class, ArchiveReader.class,
            ImageAssert.class, ImageSource.class);
    for (Map.Entry<Class<?>, Class<?>> e : actualOf.entrySet()) {
      assertThat(Modifier.isPublic(e.getKey().getConstructor(e.getValue()).getModifiers()))
          .as(e.getKey().getSimpleName())
          .isTrue();
    }
  }
}
