package io.github.dockerarchive.testkit.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apiguardian.api.API;

/** Deletes directory trees that tests, fixtures and checks made. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes a file or a directory tree if it exists: also read-only directories, special files
   * (named pipes) and links, which are removed, never followed.
   *
   * @param root the file or tree
   * @throws IOException when something cannot be deleted (the message names it)
   */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            dir.toFile().setWritable(true);
            dir.toFile().setExecutable(true);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
