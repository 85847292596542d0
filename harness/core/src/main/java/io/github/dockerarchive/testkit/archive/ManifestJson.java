package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How a producer encodes {@code manifest.json}, and the encoder: items in Go struct order ({@code
 * Config}, {@code RepoTags}, {@code Layers}, {@code LayerSources}), compact, with Go's string
 * escaping; an archive without items is {@code null}, as Go marshals a never-allocated slice.
 *
 * @param lowerCaseKeys {@code config}, {@code repoTags}, {@code layers} (Jib before 2.3)
 * @param trailingNewline end with {@code \n} (Go's {@code json.Encoder}, Docker 25+)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ManifestJson(boolean lowerCaseKeys, boolean trailingNewline) {
  /** What Go's {@code json.Marshal} writes: Go's keys, no trailing newline (skopeo, Docker). */
  public static final ManifestJson GO_MARSHAL = new ManifestJson(false, false);

  /**
   * One item to write.
   *
   * @param config the {@code Config} path
   * @param repoTags the {@code RepoTags}, or null to write JSON {@code null}
   * @param layers the {@code Layers} paths, bottom first
   * @param layerSources the encoded {@code LayerSources} object, or null to leave the key out
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Item(
      String config, List<String> repoTags, List<String> layers, String layerSources) {
    /**
     * Copies the lists.
     *
     * @param config the {@code Config} path
     * @param repoTags the {@code RepoTags}, or null to write JSON {@code null}
     * @param layers the {@code Layers} paths, bottom first
     * @param layerSources the encoded {@code LayerSources} object, or null to leave the key out
     */
    public Item {
      repoTags = repoTags == null ? null : List.copyOf(repoTags);
      layers = List.copyOf(layers);
    }
  }

  /**
   * Encodes a whole {@code manifest.json}.
   *
   * @param items the items, in order
   * @return the UTF-8 document
   */
  public byte[] encode(List<Item> items) {
    String text;
    if (items.isEmpty()) {
      text = "null";
    } else {
      GoJson json = new GoJson().beginArray();
      for (Item item : items) {
        json.raw(encodeItem(item));
      }
      text = json.endArray().toString();
    }
    return (trailingNewline ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Encodes one item as a JSON object.
   *
   * @param item the item
   * @return the compact JSON text
   */
  public String encodeItem(Item item) {
    GoJson json = new GoJson().beginObject();
    json.field(lowerCaseKeys ? "config" : "Config", item.config());
    json.name(lowerCaseKeys ? "repoTags" : "RepoTags");
    if (item.repoTags() == null) {
      json.nullValue();
    } else {
      json.stringArray(item.repoTags());
    }
    json.name(lowerCaseKeys ? "layers" : "Layers").stringArray(item.layers());
    if (item.layerSources() != null) {
      json.name("LayerSources").raw(item.layerSources());
    }
    return json.endObject().toString();
  }
}
