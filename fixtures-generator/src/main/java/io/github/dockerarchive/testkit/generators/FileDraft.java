package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.EntryKind;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated values behind one layer entry. Drafts are turned into {@link FileSpec}s per layer
 * ({@link #resolve}), where names and link targets follow from the entry's position: a hard link
 * points at an earlier regular file of its layer (or becomes an empty file when there is none).
 */
record FileDraft(EntryKind kind, PathStyle style, long size, int variant) {

  /**
   * The entries of one layer.
   *
   * @param drafts the drafts, in tar order
   * @return the file specs
   */
  static List<FileSpec> resolve(List<FileDraft> drafts) {
    List<FileSpec> files = new ArrayList<>(drafts.size());
    List<String> regular = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      FileDraft d = drafts.get(i);
      FileSpec f = d.toSpec(i, regular);
      if (f.kind() == EntryKind.FILE) {
        regular.add(f.path());
      }
      files.add(f);
    }
    return files;
  }

  private FileSpec toSpec(int index, List<String> earlierFiles) {
    return switch (kind) {
      case FILE -> FileSpec.file(style.render("file", index, variant), size);
      case DIRECTORY -> FileSpec.directory(style.render("dir", index, variant));
      case SYMLINK ->
          FileSpec.symlink(style.render("link", index, variant), linkTarget(index, earlierFiles));
      case HARDLINK ->
          earlierFiles.isEmpty()
              ? FileSpec.file(style.render("file", index, variant), 0)
              : FileSpec.hardlink(
                  style.render("hard", index, variant),
                  earlierFiles.get(variant % earlierFiles.size()));
      case WHITEOUT -> FileSpec.whiteout(style.render("gone", index, variant));
      case OPAQUE_WHITEOUT -> FileSpec.opaqueWhiteout(style.render("opaque", index, variant));
      case FIFO -> FileSpec.fifo(style.render("fifo", index, variant));
    };
  }

  /** An earlier file, an absolute path or a dangling name, by variant. */
  private String linkTarget(int index, List<String> earlierFiles) {
    return switch (variant % 3) {
      case 0 -> earlierFiles.isEmpty() ? "missing-" + index : earlierFiles.get(0);
      case 1 -> "/etc/hostname";
      default -> "../dangling-" + index;
    };
  }
}
