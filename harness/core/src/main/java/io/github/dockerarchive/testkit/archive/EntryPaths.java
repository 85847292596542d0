package io.github.dockerarchive.testkit.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path handling for tar entry names, with the semantics of Go's {@code path} package. */
final class EntryPaths {
  private EntryPaths() {}

  /**
   * Go's {@code path.Clean}: removes {@code .} elements, empty elements and {@code ..} against the
   * preceding element; keeps a leading {@code /}; the empty string becomes {@code .} (ARC-4).
   */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Go's {@code path.Dir} of a cleaned name: everything before the last slash, or {@code .}. */
  static String dir(String cleanName) {
    int slash = cleanName.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    return slash == 0 ? "/" : cleanName.substring(0, slash);
  }

  /**
   * Whether a cleaned name stays inside the archive: not absolute and not starting with {@code ..}.
   */
  static boolean isInside(String cleanName) {
    return !cleanName.startsWith("/")
        && !cleanName.equals("..")
        && !cleanName.startsWith("../")
        && !cleanName.equals(".");
  }
}
