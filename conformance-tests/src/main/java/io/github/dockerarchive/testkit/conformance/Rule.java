package io.github.dockerarchive.testkit.conformance;

/**
 * A rule of docs/rules.md.
 *
 * @param id the rule's ID ({@code SEL-3})
 * @param level its level
 * @param summary a one-line summary
 */
public record Rule(String id, Level level, String summary) {}
