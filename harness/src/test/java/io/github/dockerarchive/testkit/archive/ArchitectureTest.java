package io.github.dockerarchive.testkit.archive;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The main code of the harness must not depend on test libraries: other modules use it at run time
 * without JUnit, AssertJ or jqwik on the class path.
 */
@DisplayName("Architecture: only the junit and assertj packages depend on test libraries")
@AnalyzeClasses(
    packages = "io.github.dockerarchive.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String JUNIT_LAYER = "io.github.dockerarchive.testkit.junit..";
  private static final String ASSERTJ_LAYER = "io.github.dockerarchive.testkit.assertj..";

  @ArchTest
  static final ArchRule mainCodeHasNoTestDependencies =
      noClasses()
          .that()
          .resideInAPackage("io.github.dockerarchive.testkit..")
          .and()
          .resideOutsideOfPackages(JUNIT_LAYER, ASSERTJ_LAYER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.junit..", "org.assertj..", "net.jqwik..", "org.opentest4j..")
          .because(
              "the harness main code is a run-time library for other modules; only the JUnit"
                  + " extension and the AssertJ assertions sit on top of test libraries");

  @ArchTest
  static final ArchRule junitLayerUsesOnlyJunit =
      noClasses()
          .that()
          .resideInAPackage(JUNIT_LAYER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.assertj..", "net.jqwik..", ASSERTJ_LAYER)
          .because("the JUnit extension must work without AssertJ on the class path");

  @ArchTest
  static final ArchRule assertjLayerUsesOnlyAssertj =
      noClasses()
          .that()
          .resideInAPackage(ASSERTJ_LAYER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.junit..", "net.jqwik..", JUNIT_LAYER)
          .because("the assertions must work without JUnit on the class path");

  @ArchTest
  static final ArchRule coreDoesNotDependOnTheTestLayers =
      noClasses()
          .that()
          .resideInAPackage("io.github.dockerarchive.testkit..")
          .and()
          .resideOutsideOfPackages(JUNIT_LAYER, ASSERTJ_LAYER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JUNIT_LAYER, ASSERTJ_LAYER)
          .because("the layers sit on top of the core, never the other way");

  @Test
  @DisplayName("Architecture: the rule is not vacuous (it rejects this test class)")
  void ruleCanFail() {
    var testClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.github.dockerarchive.testkit.archive");
    assertThatThrownBy(() -> mainCodeHasNoTestDependencies.check(testClasses))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.junit");
    var mainClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.dockerarchive.testkit");
    assertThat(mainClasses.contain(ArchiveReader.class)).isTrue();
    // The layers themselves are allowed their library, and checked.
    junitLayerUsesOnlyJunit.check(mainClasses);
    assertjLayerUsesOnlyAssertj.check(mainClasses);
    assertThat(
            mainClasses.contain(io.github.dockerarchive.testkit.junit.DockerArchiveExtension.class))
        .isTrue();
  }
}
