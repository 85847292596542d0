package io.github.dockerarchive.testkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.internal.GoJsonFields;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What reading needs of an image config (SRC-2): it is a JSON object, {@code rootfs} is set, the
 * diffIDs are valid digests, and the typed fields the reference decodes have their types.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImageConfig {
  private static final Pattern RFC3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

  /**
   * The largest image config read or copied by default: 4 MiB (4,194,304 bytes), the reference's
   * limit for a config blob.
   */
  public static final long DEFAULT_SIZE_LIMIT = 4L << 20;

  private ImageConfig() {}

  /**
   * Checks an image config and returns its diffIDs in order.
   *
   * @param config the config bytes
   * @param path where the config is stored, for messages
   * @return the {@code rootfs.diff_ids}, duplicates included
   * @throws InvalidConfigException if the config is not usable (SRC-2)
   */
  public static List<Digest> diffIds(byte[] config, String path) throws InvalidConfigException {
    JsonNode root;
    try {
      root = GoJsonFields.readTree(config, "config \"" + path + "\"");
    } catch (InvalidManifestException e) {
      throw new InvalidConfigException("SRC-2", e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidConfigException(
          "SRC-2",
          "decoding tar config \""
              + path
              + "\": expected a JSON object, got "
              + (root == null ? "nothing" : GoJsonFields.kind(root)));
    }
    GoJsonFields fields = new GoJsonFields(root);
    checkTime(fields.get("created"), path, "created");
    JsonNode history = fields.get("history");
    if (history != null && !history.isNull()) {
      if (!history.isArray()) {
        throw wrongType(path, "history", "an array", history);
      }
      for (int i = 0; i < history.size(); i++) {
        JsonNode h = history.get(i);
        if (!h.isNull() && !h.isObject()) {
          throw wrongType(path, "history[" + i + "]", "an object", h);
        }
        if (h.isObject()) {
          checkTime(new GoJsonFields(h).get("created"), path, "history[" + i + "].created");
        }
      }
    }
    JsonNode rootfs = fields.get("rootfs");
    if (rootfs == null || rootfs.isNull()) {
      throw new InvalidConfigException(
          "SRC-2", "Invalid image config (rootFS is not set): \"" + path + "\"");
    }
    if (!rootfs.isObject()) {
      throw wrongType(path, "rootfs", "an object", rootfs);
    }
    JsonNode ids = new GoJsonFields(rootfs).get("diff_ids");
    if (ids == null || ids.isNull()) {
      return List.of();
    }
    if (!ids.isArray()) {
      throw wrongType(path, "rootfs.diff_ids", "an array of digests", ids);
    }
    List<Digest> result = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      JsonNode id = ids.get(i);
      if (!id.isTextual() || !Digest.isValid(id.textValue())) {
        throw new InvalidConfigException(
            "SRC-2",
            "decoding tar config \""
                + path
                + "\": rootfs.diff_ids["
                + i
                + "] must be a digest (sha256:<64 hex>), got "
                + GoJsonFields.kind(id));
      }
      result.add(parseValid(id.textValue()));
    }
    return List.copyOf(result);
  }

  private static Digest parseValid(String text) {
    int colon = text.indexOf(':');
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  private static void checkTime(JsonNode node, String path, String field)
      throws InvalidConfigException {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isTextual()) {
      throw wrongType(path, field, "an RFC 3339 time string", node);
    }
    String text = node.textValue();
    boolean ok = RFC3339.matcher(text).matches();
    if (ok) {
      try {
        OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT));
      } catch (DateTimeParseException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw wrongType(path, field, "an RFC 3339 time string", node);
    }
  }

  private static InvalidConfigException wrongType(
      String path, String field, String expected, JsonNode actual) {
    return new InvalidConfigException(
        "SRC-2",
        "decoding tar config \""
            + path
            + "\": field \""
            + field
            + "\" must be "
            + expected
            + ", got "
            + GoJsonFields.kind(actual));
  }
}
