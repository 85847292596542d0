package io.github.dockerarchive.testkit.synthetic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.InvalidSpecException;
import io.github.dockerarchive.testkit.image.Compression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * {@link ArchiveSpec}s as JSON and back, exactly: {@code fromJson(toJson(spec)).equals(spec)}.
 *
 * <p>The JSON is pretty-printed with a fixed key order (labels sorted). Dialects, compressions,
 * corruptions and entry kinds are written by lower-case id ({@code docker-hybrid}, {@code gzip},
 * {@code missing-layer}, {@code opaque-whiteout}); modes as octal strings ({@code "0644"}). A
 * layer's {@code compression} and a file's {@code target} are left out when null, a layer's {@code
 * content} ({@code zeros}, see {@link FileContent}) when seeded, a file's {@code header} ({@code
 * {"format": "gnu", "encoding": "latin-1", "paxRecords": {...}}}, see {@link MemberHeader}) when it
 * is the default, and {@code quirks} (a list of {@link Quirk} ids) when empty.
 *
 * <pre>{@code
 * {
 *   "dialect" : "docker-hybrid",
 *   "compression" : "gzip",
 *   "corruption" : "none",
 *   "seed" : 7,
 *   "images" : [ {
 *     "tags" : [ "example.com/app:1" ],
 *     "config" : { "architecture" : "amd64", "os" : "linux", "created" : "1970-01-01T00:00:00Z",
 *                  "env" : [ ], "cmd" : [ ], "labels" : { } },
 *     "layers" : [ { "files" : [ { "path" : "filler.bin", "kind" : "file", "size" : 4096,
 *                                  "mode" : "0644" } ] } ]
 *   } ]
 * }
 * }</pre>
 *
 * <p>Reading is strict: unknown keys and values of the wrong type are refused with an {@link
 * InvalidSpecException} naming the field ({@code images[0].layers[1].files[2].size}). Missing keys
 * take the defaults of {@link ArchiveSpec#builder()}, {@link ConfigSpec#defaults()} and the {@link
 * FileSpec} factories (a missing {@code mode} is the kind's usual one).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SpecJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpecJson() {}

  /**
   * Encodes a spec.
   *
   * @param spec the spec
   * @return pretty JSON with a stable key order
   */
  public static String toJson(ArchiveSpec spec) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("dialect", spec.dialect().id());
    root.put("compression", compressionId(spec.compression()));
    root.put("corruption", spec.corruption().id());
    root.put("seed", spec.seed());
    if (!spec.quirks().isEmpty()) {
      ArrayNode quirks = root.putArray("quirks");
      spec.quirks().forEach(q -> quirks.add(q.id()));
    }
    ArrayNode images = root.putArray("images");
    for (ImageSpec image : spec.images()) {
      ObjectNode i = images.addObject();
      ArrayNode tags = i.putArray("tags");
      image.tags().forEach(tags::add);
      ConfigSpec c = image.config();
      ObjectNode config = i.putObject("config");
      config.put("architecture", c.architecture());
      config.put("os", c.os());
      config.put("created", c.created());
      c.env().forEach(config.putArray("env")::add);
      c.cmd().forEach(config.putArray("cmd")::add);
      ObjectNode labels = config.putObject("labels");
      new TreeMap<>(c.labels()).forEach(labels::put);
      ArrayNode layers = i.putArray("layers");
      for (LayerSpec layer : image.layers()) {
        ObjectNode l = layers.addObject();
        if (layer.compression() != null) {
          l.put("compression", compressionId(layer.compression()));
        }
        if (layer.content() != FileContent.SEEDED) {
          l.put("content", layer.content().id());
        }
        ArrayNode files = l.putArray("files");
        for (FileSpec f : layer.files()) {
          ObjectNode file = files.addObject();
          file.put("path", f.path());
          file.put("kind", kindId(f.kind()));
          file.put("size", f.size());
          file.put("mode", String.format(Locale.ROOT, "%04o", f.mode()));
          if (f.target() != null) {
            file.put("target", f.target());
          }
          if (!f.header().isDefault()) {
            ObjectNode header = file.putObject("header");
            header.put("format", f.header().format().name().toLowerCase(Locale.ROOT));
            if (f.header().encoding() != NameEncoding.UTF_8) {
              header.put("encoding", f.header().encoding().id());
            }
            if (!f.header().paxRecords().isEmpty()) {
              ObjectNode pax = header.putObject("paxRecords");
              f.header().paxRecords().forEach(pax::put);
            }
          }
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("encoding a spec cannot fail", e);
    }
  }

  /**
   * Decodes a spec.
   *
   * @param json the JSON text
   * @return the spec
   * @throws InvalidSpecException naming the field at fault
   */
  public static ArchiveSpec fromJson(String json) throws InvalidSpecException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSpecException("spec: not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidSpecException("spec: empty document, expected a JSON object");
    }
    Node spec = new Node(root, "spec");
    spec.onlyKeys("dialect", "compression", "corruption", "seed", "quirks", "images");
    ArchiveSpec.Builder b = ArchiveSpec.builder();
    b.dialect(spec.parsed("dialect", Dialect::parse, Dialect.CONTAINERS_IMAGE));
    b.compression(spec.parsed("compression", SpecJson::parseCompression, Compression.NONE));
    b.corruption(spec.parsed("corruption", Corruption::parse, Corruption.NONE));
    b.seed(spec.longValue("seed", 0));
    for (Node quirk : spec.array("quirks")) {
      b.quirk(quirk.parsedValue(Quirk::parse));
    }
    for (Node image : spec.array("images")) {
      b.image(image(image));
    }
    return b.build();
  }

  /**
   * Reads a spec from a UTF-8 JSON file.
   *
   * @param file the file
   * @return the spec
   * @throws InvalidSpecException naming the file and the field at fault
   * @throws IOException if the file cannot be read
   */
  public static ArchiveSpec read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return fromJson(text);
    } catch (InvalidSpecException e) {
      throw new InvalidSpecException("\"" + file + "\": " + e.getMessage(), e);
    }
  }

  private static ImageSpec image(Node image) throws InvalidSpecException {
    image.onlyKeys("tags", "config", "layers");
    List<String> tags = image.strings("tags");
    ConfigSpec config = ConfigSpec.defaults();
    Node c = image.object("config");
    if (c != null) {
      c.onlyKeys("architecture", "os", "created", "env", "cmd", "labels");
      config =
          new ConfigSpec(
              c.text("architecture", config.architecture()),
              c.text("os", config.os()),
              c.has("created") ? c.text("created", null) : config.created(),
              c.has("env") ? c.strings("env") : config.env(),
              c.strings("cmd"),
              c.stringMap("labels"));
    }
    List<LayerSpec> layers = new ArrayList<>();
    for (Node layer : image.array("layers")) {
      layer.onlyKeys("compression", "content", "files");
      Compression compression = layer.parsed("compression", SpecJson::parseCompression, null);
      FileContent content = layer.parsed("content", FileContent::parse, FileContent.SEEDED);
      List<FileSpec> files = new ArrayList<>();
      for (Node file : layer.array("files")) {
        files.add(file(file));
      }
      layers.add(new LayerSpec(files, compression, content));
    }
    return new ImageSpec(tags, layers, config);
  }

  private static FileSpec file(Node file) throws InvalidSpecException {
    file.onlyKeys("path", "kind", "size", "mode", "target", "header");
    EntryKind kind = file.parsed("kind", SpecJson::parseKind, EntryKind.FILE);
    String path = file.text("path", null);
    long size = file.longValue("size", 0);
    int mode = file.mode("mode", defaultMode(kind));
    String target = file.text("target", null);
    MemberHeader header = MemberHeader.DEFAULT;
    if (file.has("header")) {
      Node h = file.object("header");
      h.onlyKeys("format", "encoding", "paxRecords");
      try {
        header =
            new MemberHeader(
                h.parsed("format", SpecJson::parseMemberFormat, MemberFormat.COMMONS),
                h.parsed("encoding", SpecJson::parseNameEncoding, NameEncoding.UTF_8),
                h.has("paxRecords") ? h.stringMap("paxRecords") : Map.of());
      } catch (IllegalArgumentException e) {
        throw new InvalidSpecException(h.path + ": " + e.getMessage(), e);
      }
    }
    try {
      return new FileSpec(path, kind, size, mode, target, header);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException(file.path + ": " + e.getMessage(), e);
    }
  }

  private static int defaultMode(EntryKind kind) {
    return switch (kind) {
      case DIRECTORY -> 0755;
      case SYMLINK -> 0777;
      default -> 0644;
    };
  }

  private static String compressionId(Compression c) {
    return c.name().toLowerCase(Locale.ROOT);
  }

  private static Compression parseCompression(String text) {
    for (Compression c : Compression.values()) {
      if (compressionId(c).equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown compression \"" + text + "\"; expected one of none, gzip, bzip2, xz, zstd");
  }

  private static MemberFormat parseMemberFormat(String text) {
    for (MemberFormat f : MemberFormat.values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown member format \"" + text + "\"; expected one of commons, ustar, pax, gnu");
  }

  private static NameEncoding parseNameEncoding(String text) {
    for (NameEncoding e : NameEncoding.values()) {
      if (e.id().equalsIgnoreCase(text) || e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown name encoding \"" + text + "\"; expected one of utf-8, latin-1");
  }

  private static String kindId(EntryKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static EntryKind parseKind(String text) {
    for (EntryKind k : EntryKind.values()) {
      if (kindId(k).equalsIgnoreCase(text) || k.name().equalsIgnoreCase(text)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind \""
            + text
            + "\"; expected one of file, directory, symlink, hardlink, whiteout, opaque-whiteout,"
            + " fifo");
  }

  /** A JSON value with its path in the document, for messages. */
  private record Node(JsonNode json, String path) {
    private interface Parser<T> {
      T parse(String text);
    }

    void onlyKeys(String... allowed) throws InvalidSpecException {
      if (!json.isObject()) {
        throw new InvalidSpecException(path + ": expected a JSON object, got " + kind(json));
      }
      Set<String> keys = Set.of(allowed);
      Iterator<String> names = json.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!keys.contains(name)) {
          throw new InvalidSpecException(
              path + "." + name + ": unknown key; expected one of " + String.join(", ", allowed));
        }
      }
    }

    boolean has(String key) {
      return json.has(key);
    }

    private JsonNode value(String key) {
      JsonNode v = json.get(key);
      return v == null || v.isNull() ? null : v;
    }

    String text(String key, String fallback) throws InvalidSpecException {
      JsonNode v = value(key);
      if (v == null) {
        return fallback;
      }
      if (!v.isTextual()) {
        throw new InvalidSpecException(path + "." + key + ": expected a string, got " + kind(v));
      }
      return v.textValue();
    }

    <T> T parsed(String key, Parser<T> parser, T fallback) throws InvalidSpecException {
      String text = text(key, null);
      if (text == null) {
        return fallback;
      }
      try {
        return parser.parse(text);
      } catch (IllegalArgumentException e) {
        throw new InvalidSpecException(path + "." + key + ": " + e.getMessage(), e);
      }
    }

    <T> T parsedValue(Parser<T> parser) throws InvalidSpecException {
      if (!json.isTextual()) {
        throw new InvalidSpecException(path + ": expected a string, got " + kind(json));
      }
      try {
        return parser.parse(json.textValue());
      } catch (IllegalArgumentException e) {
        throw new InvalidSpecException(path + ": " + e.getMessage(), e);
      }
    }

    long longValue(String key, long fallback) throws InvalidSpecException {
      JsonNode v = value(key);
      if (v == null) {
        return fallback;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new InvalidSpecException(
            path + "." + key + ": expected an integer, got " + kind(v) + " " + v);
      }
      return v.longValue();
    }

    int mode(String key, int fallback) throws InvalidSpecException {
      String text = text(key, null);
      if (text == null) {
        return fallback;
      }
      try {
        int mode = Integer.parseInt(text, 8);
        if (mode >= 0 && mode <= 07777) {
          return mode;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new InvalidSpecException(
          path
              + "."
              + key
              + ": expected an octal mode within \"0000\"..\"7777\", got \""
              + text
              + "\"");
    }

    Node object(String key) throws InvalidSpecException {
      JsonNode v = value(key);
      if (v == null) {
        return null;
      }
      if (!v.isObject()) {
        throw new InvalidSpecException(path + "." + key + ": expected an object, got " + kind(v));
      }
      return new Node(v, path + "." + key);
    }

    List<Node> array(String key) throws InvalidSpecException {
      JsonNode v = value(key);
      List<Node> result = new ArrayList<>();
      if (v == null) {
        return result;
      }
      if (!v.isArray()) {
        throw new InvalidSpecException(path + "." + key + ": expected an array, got " + kind(v));
      }
      for (int i = 0; i < v.size(); i++) {
        result.add(new Node(v.get(i), path + "." + key + "[" + i + "]"));
      }
      return result;
    }

    List<String> strings(String key) throws InvalidSpecException {
      List<String> result = new ArrayList<>();
      for (Node n : array(key)) {
        if (!n.json.isTextual()) {
          throw new InvalidSpecException(n.path + ": expected a string, got " + kind(n.json));
        }
        result.add(n.json.textValue());
      }
      return result;
    }

    Map<String, String> stringMap(String key) throws InvalidSpecException {
      Node object = object(key);
      Map<String, String> result = new LinkedHashMap<>();
      if (object == null) {
        return result;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = object.json.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!f.getValue().isTextual()) {
          throw new InvalidSpecException(
              object.path + "." + f.getKey() + ": expected a string, got " + kind(f.getValue()));
        }
        result.put(f.getKey(), f.getValue().textValue());
      }
      return result;
    }

    private static String kind(JsonNode v) {
      return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }
}
