/**
 * The conformance suite as a JUnit 5 test base class ({@link
 * io.github.dockerarchive.testkit.conformance.junit.DockerArchiveConformance}), to judge an
 * implementation in its own build. This package needs {@code junit-jupiter-api}, an optional
 * dependency of the module; nothing else in the module does.
 */
package io.github.dockerarchive.testkit.conformance.junit;
