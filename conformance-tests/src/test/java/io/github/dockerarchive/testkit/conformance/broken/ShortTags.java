package io.github.dockerarchive.testkit.conformance.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * WR-8 broken: {@code manifest.json} stores RepoTags in Docker's short, familiar form ({@code
 * busybox:latest}) instead of fully qualified ({@code docker.io/library/busybox:latest}).
 */
final class ShortTags extends BrokenImplementation {
  private static final ObjectMapper JSON = new ObjectMapper();

  ShortTags() {
    super("broken-short-tags", "WR-8");
  }

  @Override
  void finished(Path target) throws IOException {
    if (!Files.isRegularFile(target)) {
      return;
    }
    Path temp = target.resolveSibling("." + target.getFileName() + ".short-tags.tmp");
    try {
      TarRewrite.rewrite(
          target,
          temp,
          (entry, data) -> {
            if (!entry.getName().equals("manifest.json")) {
              return null;
            }
            JsonNode items = JSON.readTree(data);
            for (JsonNode item : items) {
              JsonNode tags = item.get("RepoTags");
              if (tags instanceof ArrayNode a) {
                ArrayNode shortTags = JSON.createArrayNode();
                for (JsonNode t : a) {
                  shortTags.add(DockerReference.parseNormalized(t.asText()).familiar());
                }
                ((ObjectNode) item).set("RepoTags", shortTags);
              }
            }
            return new TarRewrite.Replacement(entry, JSON.writeValueAsBytes(items));
          });
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
