package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/**
 * A rule of docs/rules.md.
 *
 * @param id the rule's ID ({@code SEL-3})
 * @param level its level
 * @param summary a one-line summary
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Rule(String id, Level level, String summary) {}
