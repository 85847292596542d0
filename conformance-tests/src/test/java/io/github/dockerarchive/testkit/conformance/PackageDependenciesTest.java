package io.github.dockerarchive.testkit.conformance;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The direction of dependencies inside the conformance module: the root package (the SPI and the
 * model: {@link Check}, {@link CheckResult}, {@link ArchiveImplementation}, ...) at the bottom; the
 * checks, the adapters and the reports on it; the runner and the JUnit base class assembling them.
 */
@AnalyzeClasses(
    packages = PackageDependenciesTest.ROOT,
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {
  static final String ROOT = "io.github.dockerarchive.testkit.conformance";

  @ArchTest
  static final ArchRule noCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule rootDependsOnNoSubPackage =
      noClasses()
          .that()
          .resideInAPackage(ROOT)
          .should()
          .dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT))))
          .because("the SPI and model are what the checks, adapters, reports and runner build on");

  @ArchTest
  static final ArchRule rootDependsOnNoNamedSubPackage =
      noClasses()
          .that()
          .resideInAPackage(ROOT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ROOT + ".checks..",
              ROOT + ".adapters..",
              ROOT + ".report..",
              ROOT + ".runner..",
              ROOT + ".junit..")
          .because("the suite and the implementations are assembled above the SPI, not in it");
}
