/**
 * Deliberately broken implementations: the built-in one with exactly one rule broken each, run
 * against the whole suite by {@code BrokenImplementationsTest} to show that the suite catches every
 * defect with a check of the rule broken, and with no check of an unrelated rule.
 *
 * <p>They live in the test sources, not in the published suite: they are the suite's own tests (a
 * regression of a check shows up as a broken implementation that is no longer caught), not
 * something a user runs against their implementation; registered as providers they would appear
 * among {@code --impl} choices and in reports, where a failing "implementation" would only confuse.
 * Someone who writes new checks runs this test to see them catch the defects.
 */
package io.github.dockerarchive.testkit.conformance.broken;
