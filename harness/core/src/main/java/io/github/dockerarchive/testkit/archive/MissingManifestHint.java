package io.github.dockerarchive.testkit.archive;

import java.util.List;
import java.util.stream.Collectors;

/** Says what an archive without {@code manifest.json} recognisably is (RD-4). */
final class MissingManifestHint {
  private MissingManifestHint() {}

  static String describe(TarIndex index) {
    List<TarEntry> entries = index.entries();
    if (entries.isEmpty()) {
      return ": the archive holds no entries at all";
    }
    if (index.find("index.json") != null && index.find("oci-layout") != null) {
      return ": it is an OCI image layout (index.json, oci-layout) without a docker-save"
          + " manifest.json; read it as an OCI archive instead";
    }
    if (index.find("repositories") != null) {
      return ": it looks like a pre-1.10 docker save (repositories and <id>/json only),"
          + " which has no manifest.json and is not supported";
    }
    String names =
        entries.stream()
            .limit(5)
            .map(e -> "\"" + e.rawName() + "\"")
            .collect(Collectors.joining(", "));
    return ": it holds "
        + entries.size()
        + " entries, for example "
        + names
        + (entries.size() > 5 ? ", ..." : "");
  }
}
