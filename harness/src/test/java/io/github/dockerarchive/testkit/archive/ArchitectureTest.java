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
@DisplayName("Architecture: main code does not depend on test libraries")
@AnalyzeClasses(
    packages = "io.github.dockerarchive.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule mainCodeHasNoTestDependencies =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.github.dockerarchive.testkit",
              "io.github.dockerarchive.testkit.archive..",
              "io.github.dockerarchive.testkit.digest..",
              "io.github.dockerarchive.testkit.reference..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.junit..", "org.assertj..", "net.jqwik..")
          .because("the harness main code is a run-time library for other modules");

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
  }
}
