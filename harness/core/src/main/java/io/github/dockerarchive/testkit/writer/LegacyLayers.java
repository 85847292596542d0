package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.json.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The reference's legacy per-layer metadata (docs/reference.md §6.6, WR-6): for each layer a v1 ID
 * derived from the layer's chainID, its parent's ID and, for the top layer, seven members of the
 * image config, so that the output is byte-identical to skopeo's. The synthetic docker-legacy and
 * containers-image dialects use it too.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LegacyLayers {
  /** The config members the top layer's {@code json} copies, in the reference's list. */
  public static final List<String> TOP_LAYER_KEYS =
      List.of(
          "architecture",
          "config",
          "container",
          "container_config",
          "created",
          "docker_version",
          "os");

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private LegacyLayers() {}

  /**
   * One layer's legacy metadata.
   *
   * @param id the v1 ID, 64 hex digits
   * @param json the content of {@code <id>/json}
   * @param chainId the layer's chainID
   */
  public record LegacyLayer(String id, byte[] json, Digest chainId) {}

  /**
   * The legacy metadata of an image's layers, bottom first.
   *
   * @param layers the layer digests of the manifest, bottom first
   * @param config the config bytes (read only when there is at least one layer)
   * @param configName the config for messages
   * @return one entry per layer, bottom first; empty when there is no layer
   * @throws InvalidConfigException (WR-6) {@code unmarshaling config: ...} when the config is not a
   *     JSON object
   */
  public static List<LegacyLayer> compute(List<Digest> layers, byte[] config, String configName)
      throws InvalidConfigException {
    if (layers.isEmpty()) {
      return List.of();
    }
    Map<String, byte[]> configValues;
    try {
      configValues = GoJson.topLevelRawValues(config);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "WR-6", "unmarshaling config " + configName + ": " + e.getMessage(), e);
    }
    List<LegacyLayer> result = new ArrayList<>(layers.size());
    String parent = null;
    Digest chainId = null;
    for (int i = 0; i < layers.size(); i++) {
      Digest layer = layers.get(i);
      chainId =
          chainId == null
              ? layer
              : Digest.sha256((chainId + " " + layer).getBytes(StandardCharsets.UTF_8));
      TreeMap<String, Object> members = new TreeMap<>();
      if (parent != null) {
        members.put("parent", parent);
      }
      if (i == layers.size() - 1) {
        for (String key : TOP_LAYER_KEYS) {
          byte[] raw = configValues.get(key);
          members.put(key, raw == null ? NULL : GoJson.compact(raw));
        }
      }
      members.put("layer_id", chainId.toString());
      String id = Digest.sha256(object(members)).hex();
      members.remove("layer_id");
      members.put("id", id);
      result.add(new LegacyLayer(id, object(members), chainId));
      parent = id;
    }
    return result;
  }

  /**
   * A compact JSON object of {@code members} in their iteration order: {@link String} values as
   * JSON strings, {@code byte[]} values embedded unchanged (raw JSON).
   */
  private static byte[] object(Map<String, Object> members) {
    GoJson json = new GoJson().beginObject();
    for (Map.Entry<String, Object> member : members.entrySet()) {
      json.name(member.getKey());
      if (member.getValue() instanceof byte[] raw) {
        json.raw(new String(raw, StandardCharsets.UTF_8));
      } else {
        json.value((String) member.getValue());
      }
    }
    return json.endObject().toBytes();
  }
}
