package io.github.dockerarchive.testkit.conformance.adapters;

import org.apiguardian.api.API;

/**
 * {@code --impl docker}: a Docker Engine through {@code adapters/docker.sh} ({@code docker load},
 * then {@code docker save}), against a private {@code dockerd} started once for the run ({@link
 * PrivateDaemon#docker()}), so the machine's Docker is neither needed nor touched. The suite
 * converts the {@code oci:} and {@code dir:} ends. A peer: only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DockerProvider extends DaemonProvider {
  /** Used by the service loader. */
  public DockerProvider() {
    super("docker", PrivateDaemon::docker);
  }
}
