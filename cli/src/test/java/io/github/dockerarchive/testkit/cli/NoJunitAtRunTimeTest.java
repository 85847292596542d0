package io.github.dockerarchive.testkit.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The command-line tool's public types declare their API status, and it runs without JUnit:
 * junit-jupiter-api is an optional dependency, used only by the TCK base class (package {@code
 * ..conformance.junit}).
 */
class NoJunitAtRunTimeTest {
  @Test
  void onlyTheTckPackageUsesJunit() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the conformance module's test jar (its fake implementation serves these tests)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.github.dockerarchive.testkit.conformance");
    noClasses()
        .that()
        .resideOutsideOfPackage("io.github.dockerarchive.testkit.conformance.junit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.junit.jupiter..", "org.opentest4j..")
        .because("dockerarchive conformance must run without JUnit on the class path")
        .check(classes);
  }

  @Test
  void publicTypesDeclareTheirApiStatus() {
    JavaClasses cli =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.dockerarchive.testkit.cli");
    classes()
        .that()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .beAnnotatedWith(API.class)
        .because("users see from @API what they may rely on")
        .check(cli);
    org.assertj.core.api.Assertions.assertThat(
            cli.getPackage("io.github.dockerarchive.testkit.cli").tryGetPackageInfo())
        .as("the package says what it is for")
        .isPresent();
  }
}
