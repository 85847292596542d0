package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The legacy layer directories {@code docker save} writes up to Docker 24 ({@code image/tarexport},
 * {@code image/v1}), derived as Docker derives them, so a synthetic docker-legacy archive is the
 * archive Docker writes for the same image: per layer a v1 image document ({@code V1Image}
 * marshalled in Go field order: the image's own for the top layer, one created at the Unix epoch
 * for the others), and an ID that is the SHA-256 of that document without its ID, with the layer's
 * chain ID as {@code layer_id} and the parent layer's v1 ID as {@code parent}, keys sorted.
 *
 * <p>Times are written as Go writes a {@code time.Time} of a daemon whose zone is UTC.
 */
final class DockerV1Layers {
  /** A {@code container.Config} with every field at its zero value, as Go marshals it. */
  private static final String EMPTY_CONTAINER_CONFIG = containerConfig(ConfigSpecFields.NONE);

  private static final String EPOCH = "1970-01-01T00:00:00Z";

  /** Go's zero {@code time.Time}, for an image whose config has no {@code created}. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private DockerV1Layers() {}

  /** One layer directory: its v1 ID (hex) and its {@code json} document. */
  record Layer(String id, byte[] json) {}

  /** The fields of a {@code container.Config} a synthetic config sets. */
  private record ConfigSpecFields(List<String> env, List<String> cmd, Map<String, String> labels) {
    static final ConfigSpecFields NONE = new ConfigSpecFields(List.of(), List.of(), Map.of());
  }

  static List<Layer> compute(ConfigSpec config, List<Digest> diffIds) {
    String created = config.created() == null ? ZERO_TIME : goTime(config.created());
    String imageConfig =
        containerConfig(new ConfigSpecFields(config.env(), config.cmd(), config.labels()));
    List<Layer> layers = new ArrayList<>(diffIds.size());
    Digest chain = null;
    Digest parent = null;
    for (int i = 0; i < diffIds.size(); i++) {
      chain =
          chain == null
              ? diffIds.get(0)
              : Digest.sha256((chain + " " + diffIds.get(i)).getBytes(StandardCharsets.US_ASCII));
      boolean top = i == diffIds.size() - 1;
      // v1.CreateID: the V1Image without id (and, below the top, without os), plus layer_id and
      // parent, re-marshalled through a map: keys sorted.
      Map<String, String> forId = new TreeMap<>();
      forId.put("created", quote(top ? created : EPOCH));
      forId.put("container_config", EMPTY_CONTAINER_CONFIG);
      if (top) {
        forId.put("config", imageConfig);
        forId.put("architecture", quote(config.architecture()));
        forId.put("os", quote(config.os()));
      }
      forId.put("layer_id", quote(chain.toString()));
      if (parent != null) {
        forId.put("parent", quote(parent.toString()));
      }
      GoJson idJson = new GoJson().beginObject();
      forId.forEach((key, value) -> idJson.name(key).raw(value));
      Digest id = Digest.sha256(idJson.endObject().toBytes());

      // The saved document: V1Image in Go field order, with id, parent (hex) and os.
      GoJson json = new GoJson().beginObject().field("id", id.hex());
      if (parent != null) {
        json.field("parent", parent.hex());
      }
      json.field("created", top ? created : EPOCH);
      json.name("container_config").raw(EMPTY_CONTAINER_CONFIG);
      if (top) {
        json.name("config").raw(imageConfig);
        json.field("architecture", config.architecture());
      }
      json.field("os", config.os());
      layers.add(new Layer(id.hex(), json.endObject().toBytes()));
      parent = id;
    }
    return layers;
  }

  /** A {@code container.Config} of Docker's API as Go marshals it (its fields in struct order). */
  private static String containerConfig(ConfigSpecFields fields) {
    GoJson json = new GoJson().beginObject();
    json.field("Hostname", "").field("Domainname", "").field("User", "");
    json.name("AttachStdin").raw("false").name("AttachStdout").raw("false");
    json.name("AttachStderr").raw("false");
    json.name("Tty").raw("false").name("OpenStdin").raw("false").name("StdinOnce").raw("false");
    stringsOrNull(json.name("Env"), fields.env());
    stringsOrNull(json.name("Cmd"), fields.cmd());
    json.field("Image", "").name("Volumes").nullValue().field("WorkingDir", "");
    json.name("Entrypoint").nullValue().name("OnBuild").nullValue();
    json.name("Labels");
    if (fields.labels().isEmpty()) {
      json.nullValue();
    } else {
      json.beginObject();
      new TreeMap<>(fields.labels()).forEach(json::field);
      json.endObject();
    }
    return json.endObject().toString();
  }

  private static void stringsOrNull(GoJson json, List<String> values) {
    if (values.isEmpty()) {
      json.nullValue();
    } else {
      json.stringArray(values);
    }
  }

  private static String quote(String text) {
    return new GoJson().value(text).toString();
  }

  /**
   * An RFC 3339 time as Go's {@code time.Time} marshals it: nanoseconds without trailing zeros,
   * {@code Z} for a zero offset.
   */
  static String goTime(String rfc3339) {
    OffsetDateTime t = OffsetDateTime.parse(rfc3339);
    StringBuilder out =
        new StringBuilder(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(t));
    if (t.getNano() != 0) {
      String nanos = String.format("%09d", t.getNano());
      out.append('.').append(nanos.replaceAll("0+$", ""));
    }
    out.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
    return out.toString();
  }
}
