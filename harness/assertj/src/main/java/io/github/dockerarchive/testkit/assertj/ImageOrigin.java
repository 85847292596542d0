package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.IOException;

/**
 * Where an image reached through an archive assert comes from: the archive assert's way of opening
 * and closing its archive, and the image's selection in it (a tag, or an index of {@code
 * manifest.json}). Each image assertion opens the archive, selects the image and closes the archive
 * again.
 *
 * @param archive opens and closes the archive
 * @param reference the tag selected, or null
 * @param index the item selected when {@code reference} is null
 */
record ImageOrigin(Archive archive, DockerReference reference, int index) {

  /** Opens and closes the archive the image is in. */
  interface Archive {
    ArchiveReader open() throws IOException;

    void close(ArchiveReader reader) throws IOException;
  }

  ImageSource open() throws IOException {
    ArchiveReader reader = archive.open();
    try {
      return reader.imageSource(reference, index);
    } catch (RuntimeException e) {
      try {
        archive.close(reader);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  void close(ImageSource image) throws IOException {
    archive.close(image.reader());
  }
}
