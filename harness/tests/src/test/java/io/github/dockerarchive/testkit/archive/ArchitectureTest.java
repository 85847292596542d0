package io.github.dockerarchive.testkit.archive;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies between the harness artifacts: the core sits at the bottom and
 * knows no test framework, no CLI library and none of the faces; each face uses only its own test
 * library; no main code uses the test fixtures, and the conformance suite uses only their hostile
 * corpus. Within the harness no two packages depend on each other in a circle, and the core's
 * internal package serves the core alone.
 */
@AnalyzeClasses(
    packages = "io.github.dockerarchive.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "io.github.dockerarchive.testkit";
  private static final String[] CORE = {
    ROOT,
    ROOT + ".archive..",
    ROOT + ".digest..",
    ROOT + ".image..",
    ROOT + ".layout..",
    ROOT + ".reference..",
    ROOT + ".writer..",
    ROOT + ".files..",
    ROOT + ".tar..",
    ROOT + ".json..",
    ROOT + ".internal.."
  };
  private static final String CONFORMANCE = ROOT + ".conformance..";
  private static final String SYNTHETIC = ROOT + ".synthetic..";
  private static final String JUNIT = ROOT + ".junit..";
  private static final String ASSERTJ = ROOT + ".assertj..";
  private static final String[] FIXTURES = {ROOT + ".testing..", ROOT + ".hostile.."};
  private static final String[] FACES = {
    SYNTHETIC, JUNIT, ASSERTJ, ROOT + ".generators..", ROOT + ".conformance..", ROOT + ".cli.."
  };
  private static final String[] TEST_AND_CLI_LIBRARIES = {
    "org.junit..", "org.assertj..", "net.jqwik..", "org.opentest4j..", "picocli.."
  };

  @ArchTest
  static final ArchRule coreUsesNoTestOrCliLibrary =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(TEST_AND_CLI_LIBRARIES)
          .because("the core is a run-time library; test frameworks and picocli belong to faces");

  @ArchTest
  static final ArchRule coreKnowsNoFace =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FACES)
          .because("faces depend on the core, never the other way");

  @ArchTest
  static final ArchRule syntheticUsesNoTestLibrary =
      noClasses()
          .that()
          .resideInAPackage(SYNTHETIC)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(TEST_AND_CLI_LIBRARIES)
          .because("the synthetic engine serves every face, the command line included");

  @ArchTest
  static final ArchRule junitFaceUsesOnlyJunit =
      noClasses()
          .that()
          .resideInAPackage(JUNIT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.assertj..",
              "net.jqwik..",
              "picocli..",
              ASSERTJ,
              ROOT + ".conformance..",
              ROOT + ".cli..")
          .because("a user of the extension brings JUnit and nothing else");

  @ArchTest
  static final ArchRule assertjFaceUsesOnlyAssertj =
      noClasses()
          .that()
          .resideInAPackage(ASSERTJ)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.junit..", "net.jqwik..", "picocli..", JUNIT, ROOT + ".conformance..")
          .because("a user of the assertions brings AssertJ and nothing else");

  @ArchTest
  static final ArchRule noLibraryCodeUsesTheTestFixtures =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .or()
          .resideInAnyPackage(SYNTHETIC, JUNIT, ASSERTJ, ROOT + ".generators..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FIXTURES)
          .because("the test fixtures are for tests; the libraries stand without them");

  @ArchTest
  static final ArchRule conformanceSuiteUsesNoTestHelper =
      noClasses()
          .that()
          .resideInAPackage(CONFORMANCE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + ".testing..")
          .because(
              "the conformance suite ships to users; it builds its inputs with the synthetic engine"
                  + " and the core, and only the hostile corpus of the test fixtures is published");

  @ArchTest
  static final ArchRule publicTypesDeclareTheirApiStatus =
      classes()
          .that()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .and()
          .resideInAPackage(ROOT + "..")
          .and()
          .doNotHaveSimpleName("package-info")
          .should()
          .beAnnotatedWith(API.class)
          .because("users see from @API what they may rely on (JUnit's convention)");

  @Test
  @DisplayName("Architecture: every package says what it is for (a package-info with @API)")
  void everyPackageHasAPackageInfo() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    List<String> missing =
        main.stream()
            .map(JavaClass::getPackage)
            .distinct()
            .filter(p -> p.tryGetPackageInfo().isEmpty())
            .map(JavaPackage::getName)
            .sorted()
            .toList();
    assertThat(missing).as("packages without package-info.java").isEmpty();
    assertThat(main.getPackage(ROOT + ".archive").tryGetPackageInfo()).isPresent();
  }

  @ArchTest
  static final ArchRule harnessPackagesAreFreeOfCycles =
      slices()
          .matching(ROOT + ".(*)..")
          .should()
          .beFreeOfCycles()
          .ignoreDependency(resideInAPackage(CONFORMANCE), DescribedPredicate.alwaysTrue())
          .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(CONFORMANCE))
          .because("a package either builds on another or is built on by it, never both");

  @ArchTest
  static final ArchRule internalServesOnlyTheCore =
      classes()
          .that()
          .resideInAPackage(ROOT + ".internal..")
          .should()
          .onlyBeAccessed()
          .byAnyPackage(CORE)
          .because("the internal package is the core's implementation, not an API");

  @Test
  @DisplayName("Architecture: the rules are not vacuous (test code breaks them)")
  void rulesCanFail() {
    var testClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages(ROOT + ".archive");
    assertThatThrownBy(() -> coreUsesNoTestOrCliLibrary.check(testClasses))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.junit");
    var mainClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    assertThat(mainClasses.contain(ArchiveReader.class)).isTrue();
    assertThat(
            mainClasses.contain(io.github.dockerarchive.testkit.junit.DockerArchiveExtension.class))
        .isTrue();
    assertThat(
            mainClasses.contain(
                io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions.class))
        .isTrue();
    assertThat(
            mainClasses.contain(
                io.github.dockerarchive.testkit.conformance.checks.ConformanceSuite.class))
        .isTrue();
  }
}
