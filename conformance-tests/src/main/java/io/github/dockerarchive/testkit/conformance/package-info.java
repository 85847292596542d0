/**
 * The conformance suite's service-provider interface and model: an implementation under test
 * ({@link io.github.dockerarchive.testkit.conformance.ArchiveImplementation}, its {@link
 * io.github.dockerarchive.testkit.conformance.JavaApi} and the {@link
 * io.github.dockerarchive.testkit.conformance.ImplementationProvider} that makes it known by name),
 * the rules of docs/rules.md ({@link io.github.dockerarchive.testkit.conformance.Rules}), a check
 * ({@link io.github.dockerarchive.testkit.conformance.Check}) with its context and result, and
 * {@link io.github.dockerarchive.testkit.conformance.ConformanceRunner}, which runs checks against
 * one implementation.
 *
 * <p>This package depends on none of its sub-packages: the checks ({@code ...conformance.checks},
 * assembled by {@code ConformanceSuite}), the shipped implementations ({@code
 * ...conformance.adapters}, found by name through {@code Implementations}), the reports, the
 * command-line run and the JUnit base class all build on it.
 */
package io.github.dockerarchive.testkit.conformance;
