package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Looks for a path in the file system an image's layers build, bottom layer first: an entry adds
 * the path (a child entry adds its directory), a whiteout ({@code .wh.name}) or an opaque whiteout
 * ({@code .wh..wh..opq}) of an enclosing directory removes what lower layers added.
 */
final class LayerFiles {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  /**
   * The outcome.
   *
   * @param present whether the top of the stack has the path
   * @param deletedBy the whiteout that removed it last, or null
   */
  record Lookup(boolean present, String deletedBy) {}

  private LayerFiles() {}

  static Lookup find(ImageSource image, String path) throws ArchiveException, IOException {
    String wanted = clean(path);
    boolean present = false;
    String deletedBy = null;
    List<LayerInfo> layers = image.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerInfo layer = layers.get(i);
      boolean added = false;
      String deleted = null;
      try (InputStream blob = image.getBlob(layer.diffId());
          TarArchiveInputStream tar = new TarArchiveInputStream(blob)) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          String name = clean(e.getName());
          int slash = name.lastIndexOf('/');
          String dir = slash < 0 ? "" : name.substring(0, slash + 1);
          String base = name.substring(slash + 1);
          if (base.equals(OPAQUE)) {
            if (!dir.isEmpty() && wanted.startsWith(dir)) {
              deleted = "opaque whiteout \"" + name + "\" in layer " + i;
            }
          } else if (base.startsWith(WHITEOUT)) {
            String removed = dir + base.substring(WHITEOUT.length());
            if (wanted.equals(removed) || wanted.startsWith(removed + "/")) {
              deleted = "whiteout \"" + name + "\" in layer " + i;
            }
          } else if (name.equals(wanted) || name.startsWith(wanted + "/")) {
            added = true;
          }
        }
      }
      if (deleted != null) {
        present = false;
        deletedBy = deleted;
      }
      if (added) {
        present = true;
        deletedBy = null;
      }
    }
    return new Lookup(present, present ? null : deletedBy);
  }

  /** {@code /etc/hosts}, {@code ./etc/hosts} and {@code etc/hosts/} are all {@code etc/hosts}. */
  static String clean(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.charAt(0) == '.' ? 2 : 1);
    }
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }
}
