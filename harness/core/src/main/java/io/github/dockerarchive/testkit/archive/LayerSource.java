package io.github.dockerarchive.testkit.archive;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A distribution descriptor from a {@code LayerSources} entry of {@code manifest.json} (SRC-9):
 * what Docker recorded about where a layer came from (foreign layers, Docker 25+ for every layer).
 *
 * @param mediaType the descriptor's media type, or null
 * @param size the descriptor's size (0 when absent or {@code null}, as Go decodes it)
 * @param digest the descriptor's digest as written, or null
 * @param urls the descriptor's URLs (empty when absent)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LayerSource(String mediaType, long size, String digest, List<String> urls) {
  /**
   * Copies the URL list.
   *
   * @param mediaType the descriptor's media type, or null
   * @param size the descriptor's size, or -1 when absent
   * @param digest the descriptor's digest as written, or null
   * @param urls the descriptor's URLs (empty when absent)
   */
  public LayerSource {
    urls = urls == null ? List.of() : List.copyOf(urls);
  }
}
