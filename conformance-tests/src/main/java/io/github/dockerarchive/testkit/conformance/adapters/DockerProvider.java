package io.github.dockerarchive.testkit.conformance.adapters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * {@code --impl docker}: a Docker Engine through {@code adapters/docker.sh} ({@code docker load},
 * then {@code docker save}), against a private {@code dockerd} started once for the run (the {@code
 * vfs} storage driver, no network set-up, every file under its own directory), so the machine's
 * Docker is neither needed nor touched. The suite converts the {@code oci:} and {@code dir:} ends.
 * A peer: only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DockerProvider extends DaemonProvider {
  /** Used by the service loader. */
  public DockerProvider() {
    super("docker", "docker.io", List.of("dockerd", "docker"));
  }

  @Override
  PrivateDaemon start(Path directory) throws IOException, InterruptedException {
    String host = host(directory);
    return PrivateDaemon.start(
        "dockerd",
        directory,
        List.of(
            "dockerd",
            "--host",
            host,
            "--data-root",
            directory.resolve("root").toString(),
            "--exec-root",
            directory.resolve("exec").toString(),
            "--pidfile",
            directory.resolve("docker.pid").toString(),
            "--storage-driver",
            "vfs",
            "--iptables=false",
            "--ip-masq=false",
            "--bridge=none"),
        List.of("docker", "--host", host, "version"));
  }

  @Override
  Map<String, String> environment(Path directory) {
    return Map.of("DOCKER_HOST", host(directory));
  }

  private static String host(Path directory) {
    return "unix://" + directory.resolve("docker.sock");
  }
}
