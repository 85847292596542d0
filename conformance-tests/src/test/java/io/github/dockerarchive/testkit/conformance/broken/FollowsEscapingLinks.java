package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * SAFE-2 broken: links whose target leaves the archive are followed instead of refused. An absolute
 * target is read from the host's file system; a relative one that climbs above the root is clamped
 * there (as {@code filepath.Join("/", ...)} would). Done by resolving such links into regular
 * entries of a copy of the archive (a temporary file, deleted on close), then reading it.
 */
final class FollowsEscapingLinks extends BrokenImplementation {
  FollowsEscapingLinks() {
    super("broken-follows-escaping-links", "SAFE-2");
  }

  @Override
  Map<String, String> relatedRules() {
    return Map.of(
        "SAFE-1/java-api-messages-name-fault",
        "a link to /etc/passwd or /etc/shadow that is followed ends in a digest mismatch, whose"
            + " message cannot name the link (a SHOULD check of the message text)");
  }

  @Override
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    Path archive = Path.of(reference.path());
    if (!Files.isRegularFile(archive)) {
      return super.openArchive(reference, options); // a pipe can be read once only
    }
    Map<String, byte[]> files = new HashMap<>();
    Map<String, String> escaping = new HashMap<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = clean(e.getName(), false);
        if (e.isSymbolicLink() || e.isLink()) {
          String dir =
              e.isSymbolicLink() && e.getName().contains("/")
                  ? e.getName().substring(0, e.getName().lastIndexOf('/') + 1)
                  : "";
          String target = e.getLinkName();
          if (target.startsWith("/") || clean(dir + target, false) == null) {
            escaping.put(e.getName(), target.startsWith("/") ? target : dir + target);
          }
        } else if (e.isFile() && name != null) {
          files.putIfAbsent(name, tar.readAllBytes());
        }
      }
    } catch (IOException | RuntimeException e) {
      return super.openArchive(reference, options); // not a tar it can rewrite
    }
    if (escaping.isEmpty()) {
      return super.openArchive(reference, options);
    }
    Map<String, byte[]> resolved = new HashMap<>();
    for (Entry<String, String> link : escaping.entrySet()) {
      String target = link.getValue();
      if (target.startsWith("/") && Files.isRegularFile(Path.of(target))) {
        resolved.put(link.getKey(), Files.readAllBytes(Path.of(target)));
      } else if (files.containsKey(clean(target, true))) {
        resolved.put(link.getKey(), files.get(clean(target, true)));
      }
    }
    Path copy = Files.createTempFile(options.temporaryDirectory(), "broken-followed-", ".tar");
    try {
      TarRewrite.rewrite(
          archive,
          copy,
          (entry, data) -> {
            byte[] bytes = resolved.get(entry.getName());
            if (bytes == null) {
              return null;
            }
            // The link becomes a regular file holding what it points to.
            TarArchiveEntry file = new TarArchiveEntry(entry.getName());
            file.setModTime(entry.getModTime());
            return new TarRewrite.Replacement(file, bytes);
          });
      return openCopy(reference, copy, options);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      throw e;
    }
  }

  /**
   * Lexically cleans a name; null when it climbs above the root (unless clamping, which drops the
   * climbing steps).
   */
  private static String clean(String name, boolean clamp) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          if (!clamp) {
            return null;
          }
        } else {
          parts.removeLast();
        }
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }
}
