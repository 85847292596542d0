package io.github.dockerarchive.testkit.conformance.adapters;

import org.apiguardian.api.API;

/**
 * {@code --impl containerd}: containerd through {@code adapters/containerd.sh} ({@code ctr images
 * import --no-unpack}, then {@code ctr images export --platform linux/amd64}), against a private
 * {@code containerd} started once for the run ({@link PrivateDaemon#containerd()}), so the
 * machine's containerd is neither needed nor touched. The suite converts the {@code oci:} and
 * {@code dir:} ends. A peer: only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ContainerdProvider extends DaemonProvider {
  /** Used by the service loader. */
  public ContainerdProvider() {
    super("containerd", PrivateDaemon::containerd);
  }
}
