package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/**
 * Makes an implementation known to the runner by name. Register it in {@code
 * META-INF/services/io.github.dockerarchive.testkit.conformance.ImplementationProvider}; {@code
 * dockerarchive conformance --impl NAME} then finds it on the class path.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ImplementationProvider {
  /**
   * The name given to {@code --impl}.
   *
   * @return the name
   */
  String name();

  /**
   * Whether a run only reports this implementation's failures instead of failing on them (true for
   * the peers shipped with the suite: skopeo, podman, Jib); {@code --gate NAME} overrides it.
   *
   * @return true to report only
   */
  default boolean reportOnly() {
    return false;
  }

  /**
   * Creates the implementation for one run.
   *
   * @param settings where it may keep state, and how long a copy may take
   * @return the implementation
   * @throws Exception when it cannot be set up; the runner reports that as ERROR for every check
   */
  ArchiveImplementation create(ImplementationSettings settings) throws Exception;
}
