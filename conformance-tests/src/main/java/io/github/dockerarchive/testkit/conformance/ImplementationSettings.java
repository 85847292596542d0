package io.github.dockerarchive.testkit.conformance;

import java.nio.file.Path;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What the runner gives an implementation when it creates it.
 *
 * @param scratch a directory of its own for state (deleted after the run)
 * @param timeout the time one copy may take before it is stopped
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImplementationSettings(Path scratch, Duration timeout) {}
