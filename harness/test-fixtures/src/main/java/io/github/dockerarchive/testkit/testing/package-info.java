/**
 * Helpers for tests of archive tools: the bundled real archives ({@link
 * io.github.dockerarchive.testkit.testing.RealCorpus}), external tools skipped with a reason when
 * missing ({@link io.github.dockerarchive.testkit.testing.ExternalTool}) and forwarding image
 * inputs and outputs for injecting faults or watching a copy. Hand-shaped archives and raw tar
 * bytes come from the synthetic module's {@code synthetic.handmade} package. For test code only: no
 * library code depends on it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.testing;

import org.apiguardian.api.API;
