/**
 * The {@code dockerarchive conformance} command: runs the suite against the implementations named
 * by {@code --impl}, prints the matrix and writes the reports of {@link
 * io.github.dockerarchive.testkit.conformance.report}.
 */
package io.github.dockerarchive.testkit.conformance.runner;
