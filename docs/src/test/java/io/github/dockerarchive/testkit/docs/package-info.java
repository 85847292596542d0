/**
 * The check that keeps the Markdown honest: every {@code java} block of README.md and docs/ is an
 * example class of this module, verbatim, and every example is shown somewhere.
 */
package io.github.dockerarchive.testkit.docs;
