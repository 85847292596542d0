package io.github.dockerarchive.testkit.synthetic;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The image config fields a synthetic image sets (the rest follows from the layers: {@code
 * rootfs.diff_ids} and one {@code history} entry per layer).
 *
 * @param architecture for example {@code amd64}
 * @param os for example {@code linux}
 * @param created an RFC 3339 time, or null to leave it out
 * @param env {@code config.Env}
 * @param cmd {@code config.Cmd}
 * @param labels {@code config.Labels}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfigSpec(
    String architecture,
    String os,
    String created,
    List<String> env,
    List<String> cmd,
    Map<String, String> labels) {

  /**
   * Copies the collections.
   *
   * @param architecture for example {@code amd64}
   * @param os for example {@code linux}
   * @param created an RFC 3339 time, or null to leave it out
   * @param env {@code config.Env}
   * @param cmd {@code config.Cmd}
   * @param labels {@code config.Labels}
   */
  public ConfigSpec {
    env = env == null ? List.of() : List.copyOf(env);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /**
   * amd64/linux, created at the Unix epoch, {@code PATH} set, no command or labels.
   *
   * @return the default config
   */
  public static ConfigSpec defaults() {
    return new ConfigSpec(
        "amd64",
        "linux",
        "1970-01-01T00:00:00Z",
        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        List.of(),
        Map.of());
  }
}
