package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a producer encodes {@code manifest.json}: Go struct order ({@code Config}, {@code RepoTags},
 * {@code Layers}, {@code LayerSources}), compact, with or without a trailing newline, and with
 * Jib's old lower-case keys on request.
 *
 * @param lowerCaseKeys {@code config}, {@code repoTags}, {@code layers} (Jib before 2.3)
 * @param trailingNewline end with {@code \n} (Go's {@code json.Encoder}, Docker 25+)
 */
record ManifestFormat(boolean lowerCaseKeys, boolean trailingNewline) {
  static final ManifestFormat GO_MARSHAL = new ManifestFormat(false, false);

  byte[] render(List<ItemDraft> items) {
    String text;
    if (items.isEmpty()) {
      // Go marshals the never-allocated item slice of an empty archive as null
      text = "null";
    } else {
      StringBuilder out = new StringBuilder(256).append('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(renderItem(items.get(i)));
      }
      text = out.append(']').toString();
    }
    return (trailingNewline ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
  }

  String renderItem(ItemDraft item) {
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
