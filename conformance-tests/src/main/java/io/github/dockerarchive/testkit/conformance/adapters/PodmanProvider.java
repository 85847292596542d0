package io.github.dockerarchive.testkit.conformance.adapters;

import org.apiguardian.api.API;

/**
 * {@code --impl podman}: podman through {@code adapters/podman.sh} ({@code podman load}/{@code
 * pull} then {@code push}; {@code pull} then {@code save [-m]}), with an image store of its own per
 * copy. A user of the reference; only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PodmanProvider extends ScriptProvider {
  /** Used by the service loader. */
  public PodmanProvider() {
    super("podman");
  }
}
