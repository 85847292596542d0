/**
 * Helpers for tests of archive tools: raw tar bytes and hand-shaped images ({@link
 * io.github.dockerarchive.testkit.testing.TarBuilder}, {@link
 * io.github.dockerarchive.testkit.testing.TarBytes}, {@link
 * io.github.dockerarchive.testkit.testing.TestImage}, thin layers over the synthetic module's
 * handmade builders), the bundled real archives ({@link
 * io.github.dockerarchive.testkit.testing.RealCorpus}), external tools skipped with a reason when
 * missing ({@link io.github.dockerarchive.testkit.testing.ExternalTool}) and forwarding image
 * inputs and outputs for injecting faults. For test code only: no library code depends on it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.testing;

import org.apiguardian.api.API;
