package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import org.apiguardian.api.API;

/** {@code --impl builtin}: this project's implementation, in-process. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BuiltinProvider implements ImplementationProvider {
  /** Used by the service loader. */
  public BuiltinProvider() {}

  @Override
  public String name() {
    return "builtin";
  }

  @Override
  public ArchiveImplementation create(ImplementationSettings settings) {
    return new BuiltinImplementation();
  }
}
