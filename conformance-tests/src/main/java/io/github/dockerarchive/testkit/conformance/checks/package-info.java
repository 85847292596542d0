/**
 * The checks of the conformance suite, one class per rule family of docs/rules.md, so that a rule
 * ID leads to one class: {@link io.github.dockerarchive.testkit.conformance.checks.ArcChecks}
 * (ARC), {@link io.github.dockerarchive.testkit.conformance.checks.ReadChecks} (RD), {@link
 * io.github.dockerarchive.testkit.conformance.checks.SelectionChecks} (SEL), {@link
 * io.github.dockerarchive.testkit.conformance.checks.SourceChecks} (SRC), {@link
 * io.github.dockerarchive.testkit.conformance.checks.WriteChecks} (WR), {@link
 * io.github.dockerarchive.testkit.conformance.checks.ReferenceChecks} (REF), {@link
 * io.github.dockerarchive.testkit.conformance.checks.DialectChecks} (DIA) and {@link
 * io.github.dockerarchive.testkit.conformance.checks.SafetyChecks} (SAFE); {@link
 * io.github.dockerarchive.testkit.conformance.checks.ConformanceSuite#checks()} lists them all.
 *
 * <p>Checks that draw on a shared source of inputs (the hostile corpus, the real archives, the
 * generated specs) carry the rule of each input and sit in that rule's family class. The machinery
 * they share lives in package-private support classes named for what they do: reading through the
 * implementation and comparing ({@code ReaderCheckSupport}), preparing sources and judging written
 * archives ({@code WriteSupport}, {@code TarScan}), writing through the Java API ({@code
 * JavaWrites}), copies that must fail ({@code FailedCopies}), hostile input ({@code HostileInputs},
 * {@code HostileGuard}), the real archives ({@code RealArchives}) and generated specs ({@code
 * GeneratedSpecs}).
 */
package io.github.dockerarchive.testkit.conformance.checks;
