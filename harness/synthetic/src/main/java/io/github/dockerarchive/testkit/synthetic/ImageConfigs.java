package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.json.GoJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config JSON of a synthetic image: compact, keys in a fixed order (labels sorted), one history
 * entry per layer and the diffIDs in {@code rootfs}, so equal specs give equal bytes.
 */
final class ImageConfigs {
  private ImageConfigs() {}

  static byte[] build(ConfigSpec spec, List<Digest> diffIds) {
    GoJson json = new GoJson().beginObject();
    json.field("architecture", spec.architecture());
    json.name("config").beginObject();
    if (!spec.env().isEmpty()) {
      json.name("Env").stringArray(spec.env());
    }
    if (!spec.cmd().isEmpty()) {
      json.name("Cmd").stringArray(spec.cmd());
    }
    if (!spec.labels().isEmpty()) {
      json.name("Labels").beginObject();
      for (Map.Entry<String, String> e : new TreeMap<>(spec.labels()).entrySet()) {
        json.field(e.getKey(), e.getValue());
      }
      json.endObject();
    }
    json.endObject();
    if (spec.created() != null) {
      json.field("created", spec.created());
    }
    json.name("history").beginArray();
    for (int i = 0; i < diffIds.size(); i++) {
      json.beginObject();
      if (spec.created() != null) {
        json.field("created", spec.created());
      }
      json.field("created_by", "synthetic layer " + i);
      json.endObject();
    }
    json.endArray();
    json.field("os", spec.os());
    json.name("rootfs").beginObject().field("type", "layers").name("diff_ids").beginArray();
    for (Digest d : diffIds) {
      json.value(d.toString());
    }
    json.endArray().endObject();
    return json.endObject().toBytes();
  }
}
