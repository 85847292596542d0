/**
 * The checks of the conformance suite, one class per group of rules; {@link
 * io.github.dockerarchive.testkit.conformance.ConformanceSuite#checks()} lists them all.
 */
package io.github.dockerarchive.testkit.conformance.checks;
