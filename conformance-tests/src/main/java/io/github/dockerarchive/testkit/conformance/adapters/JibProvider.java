package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import org.apiguardian.api.API;

/**
 * {@code --impl jib}: Jib core 0.27.3 as a writer (see {@link JibImplementation}), in-process and
 * offline. A peer: only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JibProvider implements ImplementationProvider {
  /** Used by the service loader. */
  public JibProvider() {}

  @Override
  public String name() {
    return "jib";
  }

  @Override
  public boolean reportOnly() {
    return true;
  }

  @Override
  public ArchiveImplementation create(ImplementationSettings settings) {
    return new JibImplementation(settings.scratch().resolve("jib"));
  }
}
