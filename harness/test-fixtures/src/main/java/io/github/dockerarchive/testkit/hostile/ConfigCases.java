package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.configIs;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.padded;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;

import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
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
    return List.of(
        wrongConfig("array", "[]", "expected a JSON object"),
        wrongConfig("null", "null", "expected a JSON object"),
        wrongConfig("no-rootfs", "{}", "rootFS is not set"),
        wrongConfig("rootfs-string", "{\"rootfs\":\"layers\"}", "field \"rootfs\" must be"),
        wrongConfig(
            "diff-ids-object", "{\"rootfs\":{\"diff_ids\":{}}}", "rootfs.diff_ids\" must be"),
        wrongConfig(
            "diff-id-number", "{\"rootfs\":{\"diff_ids\":[1]}}", "rootfs.diff_ids[0] must be"),
        wrongConfig(
            "created-number",
            "{\"created\":5,\"rootfs\":{\"diff_ids\":[]}}",
            "field \"created\" must be"),
        wrongConfig(
            "history-object",
            "{\"history\":{},\"rootfs\":{\"diff_ids\":[]}}",
            "field \"history\" must be"),
        wrongConfig(
            "deeply-nested",
            "{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}",
            "nesting depth"),
        new Refusal(
                "RD-3",
                LimitExceededException.class,
                "exceeded maximum allowed size of 4194304 bytes",
                LOAD)
            .of(
                "config-4mib-plus-1",
                "a config of 4 MiB + 1 byte",
                () -> configIs(padded(HandmadeImage.toJson(base().configNode()), (4 << 20) + 1))));
  }

  /** A config of valid JSON with a value of the wrong type somewhere (SRC-2). */
  private static HostileCase wrongConfig(String name, String json, String fragment) {
    String shown = json.length() > 60 ? json.substring(0, 60) + "..." : json;
    return new Refusal("SRC-2", InvalidConfigException.class, fragment, LOAD)
        .of("config-" + name, "config " + shown, () -> configIs(utf8(json)));
  }
}
