package io.github.dockerarchive.testkit.conformance;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the runner gives an implementation when it creates it.
 *
 * @param scratch a directory of its own for state (deleted after the run)
 * @param timeout the time one copy may take before it is stopped
 */
public record ImplementationSettings(Path scratch, Duration timeout) {}
