package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.layout.DirInput;
import io.github.dockerarchive.testkit.layout.DirOutput;
import io.github.dockerarchive.testkit.layout.OciLayoutInput;
import io.github.dockerarchive.testkit.layout.OciLayoutOutput;
import io.github.dockerarchive.testkit.reference.TransportReference;
import java.nio.file.Path;

/** Opens the two ends of a copy named in skopeo's syntax (REF-1, REF-3). */
final class Endpoints {
  private Endpoints() {}

  /** Opens the image a source reference names; closing it releases everything it opened. */
  static ImageInput open(TransportReference reference) throws ArchiveException {
    if (reference instanceof TransportReference.DockerArchive d) {
      return ImageSource.open(d.archive(), ReaderOptions.defaults());
    }
    if (reference instanceof TransportReference.Oci o) {
      return OciLayoutInput.open(Path.of(o.directory()), o.name());
    }
    TransportReference.Dir dir = (TransportReference.Dir) reference;
    return DirInput.open(Path.of(dir.directory()));
  }

  /** An output for the oci: and dir: transports (docker-archive outputs come from a writer). */
  static ImageOutput layoutOutput(TransportReference reference) throws ArchiveException {
    if (reference instanceof TransportReference.Oci o) {
      return OciLayoutOutput.create(Path.of(o.directory()), o.name());
    }
    return DirOutput.create(Path.of(((TransportReference.Dir) reference).directory()));
  }
}
