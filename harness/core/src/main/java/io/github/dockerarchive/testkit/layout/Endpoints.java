package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.reference.TransportReference;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Opens the ends of a copy named in skopeo's syntax: any {@link TransportReference} as an image
 * input, and {@code oci:}, {@code oci-archive:} or {@code dir:} as an image output ({@code
 * docker-archive:} outputs come from an {@link
 * io.github.dockerarchive.testkit.writer.ArchiveWriter}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Endpoints {
  private Endpoints() {}

  /**
   * Opens the image a source reference names, resolving an image index to {@link Platform#DEFAULT};
   * closing it releases everything it opened.
   *
   * @param reference a {@code docker-archive:}, {@code oci:}, {@code oci-archive:} or {@code dir:}
   *     reference
   * @return the image
   * @throws ArchiveException when the image cannot be opened
   */
  public static ImageInput open(TransportReference reference) throws ArchiveException {
    return open(reference, Platform.DEFAULT);
  }

  /**
   * Opens the image a source reference names; closing it releases everything it opened.
   *
   * @param reference a {@code docker-archive:}, {@code oci:}, {@code oci-archive:} or {@code dir:}
   *     reference
   * @param platform the platform an image index of an {@code oci:} or {@code oci-archive:} source
   *     is resolved to (OAR-3)
   * @return the image
   * @throws ArchiveException when the image cannot be opened
   */
  public static ImageInput open(TransportReference reference, Platform platform)
      throws ArchiveException {
    if (reference instanceof TransportReference.DockerArchive d) {
      return ImageSource.open(d.archive(), ReaderOptions.defaults());
    }
    if (reference instanceof TransportReference.Oci o) {
      return OciLayoutInput.open(Path.of(o.directory()), o.name(), platform);
    }
    if (reference instanceof TransportReference.OciArchive a) {
      return OciArchiveInput.open(Path.of(a.path()), a.name(), platform);
    }
    TransportReference.Dir dir = (TransportReference.Dir) reference;
    return DirInput.open(Path.of(dir.directory()));
  }

  /**
   * An output for the {@code oci:}, {@code oci-archive:} and {@code dir:} transports.
   *
   * @param reference an {@code oci:}, {@code oci-archive:} or {@code dir:} reference
   * @return the output
   * @throws ArchiveException when the directory cannot be used
   * @throws IllegalArgumentException for a {@code docker-archive:} reference
   */
  public static ImageOutput layoutOutput(TransportReference reference) throws ArchiveException {
    if (reference instanceof TransportReference.DockerArchive) {
      throw new IllegalArgumentException("docker-archive: outputs come from an ArchiveWriter");
    }
    if (reference instanceof TransportReference.Oci o) {
      return OciLayoutOutput.create(Path.of(o.directory()), o.name());
    }
    if (reference instanceof TransportReference.OciArchive a) {
      return OciArchiveOutput.create(Path.of(a.path()), a.name());
    }
    return DirOutput.create(Path.of(((TransportReference.Dir) reference).directory()));
  }
}
