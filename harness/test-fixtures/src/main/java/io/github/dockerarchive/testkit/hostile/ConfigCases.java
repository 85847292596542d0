package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.configIs;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;

import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Image configs of the wrong shape: not an object, without {@code rootfs}, fields of the wrong JSON
 * type, deep nesting, and a config of 4 MiB + 1 byte.
 *
 * <p>Exercises SRC-2 (the config is an object with typed fields and {@code rootfs.diff_ids}) and
 * RD-3 (the 4 MiB cap on a config).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigCases {
  private ConfigCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    configs(all);
    return List.copyOf(all);
  }

  private static void wrongConfig(
      List<HostileCase> all, String name, String json, String fragment) {
    all.add(
        rejecting(
            "config-" + name,
            "config " + (json.length() > 60 ? json.substring(0, 60) + "..." : json),
            () -> configIs(utf8(json)),
            "SRC-2",
            InvalidConfigException.class,
            fragment,
            LOAD));
  }

  private static void configs(List<HostileCase> all) {
    wrongConfig(all, "array", "[]", "expected a JSON object");
    wrongConfig(all, "null", "null", "expected a JSON object");
    wrongConfig(all, "no-rootfs", "{}", "rootFS is not set");
    wrongConfig(all, "rootfs-string", "{\"rootfs\":\"layers\"}", "field \"rootfs\" must be");
    wrongConfig(
        all, "diff-ids-object", "{\"rootfs\":{\"diff_ids\":{}}}", "rootfs.diff_ids\" must be");
    wrongConfig(
        all, "diff-id-number", "{\"rootfs\":{\"diff_ids\":[1]}}", "rootfs.diff_ids[0] must be");
    wrongConfig(
        all,
        "created-number",
        "{\"created\":5,\"rootfs\":{\"diff_ids\":[]}}",
        "field \"created\" must be");
    wrongConfig(
        all,
        "history-object",
        "{\"history\":{},\"rootfs\":{\"diff_ids\":[]}}",
        "field \"history\" must be");
    wrongConfig(
        all,
        "deeply-nested",
        "{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}",
        "nesting depth");
    all.add(
        rejecting(
            "config-4mib-plus-1",
            "a config of 4 MiB + 1 byte",
            () -> {
              byte[] json = HandmadeImage.toJson(base().configNode());
              byte[] padded = Arrays.copyOf(json, (4 << 20) + 1);
              Arrays.fill(padded, json.length, padded.length, (byte) ' ');
              return configIs(padded);
            },
            "RD-3",
            LimitExceededException.class,
            "exceeded maximum allowed size of 4194304 bytes",
            LOAD));
  }
}
