package io.github.dockerarchive.testkit.conformance.adapters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * {@code --impl containerd}: containerd through {@code adapters/containerd.sh} ({@code ctr images
 * import --no-unpack}, then {@code ctr images export --platform linux/amd64}), against a private
 * {@code containerd} started once for the run (a config of its own: root, state and socket under
 * its directory, the CRI plugin off), so the machine's containerd is neither needed nor touched.
 * The suite converts the {@code oci:} and {@code dir:} ends. A peer: only reported, never failing a
 * run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ContainerdProvider extends DaemonProvider {
  /** Used by the service loader. */
  public ContainerdProvider() {
    super("containerd", "containerd", List.of("containerd", "ctr"));
  }

  @Override
  PrivateDaemon start(Path directory) throws IOException, InterruptedException {
    Path config = directory.resolve("config.toml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version = 2",
            "root = \"" + directory.resolve("root") + "\"",
            "state = \"" + directory.resolve("state") + "\"",
            "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
            "[grpc]",
            "  address = \"" + socket(directory) + "\"",
            ""),
        StandardCharsets.UTF_8);
    return PrivateDaemon.start(
        "containerd",
        directory,
        List.of("containerd", "--config", config.toString()),
        List.of("ctr", "--address", socket(directory).toString(), "version"));
  }

  @Override
  Map<String, String> environment(Path directory) {
    return Map.of("CONTAINERD_ADDRESS", socket(directory).toString());
  }

  private static Path socket(Path directory) {
    return directory.resolve("containerd.sock");
  }
}
