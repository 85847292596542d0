package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.layout.OciArchiveInput;
import io.github.dockerarchive.testkit.layout.Platform;
import io.github.dockerarchive.testkit.reference.TransportReference;
import java.nio.file.Path;

/**
 * An {@code oci-archive:PATH[:NAME]} argument of {@code inspect} and {@code verify} (OAR-1), with
 * the {@code --platform} that resolves an image index (OAR-3).
 */
final class OciArchiveArgument {
  static final String TRANSPORT = "oci-archive:";

  private OciArchiveArgument() {}

  static boolean matches(String argument) {
    return argument.startsWith(TRANSPORT);
  }

  /** Opens the image the argument selects, resolving an index to the platform (or the default). */
  static OciArchiveInput open(String argument, String platform) throws ArchiveException {
    TransportReference.OciArchive reference =
        (TransportReference.OciArchive) TransportReference.parse(argument);
    return OciArchiveInput.open(
        Path.of(reference.path()),
        reference.name(),
        platform == null ? Platform.DEFAULT : Platform.parse(platform));
  }

  static String path(String argument) throws ArchiveException {
    return ((TransportReference.OciArchive) TransportReference.parse(argument)).path();
  }
}
