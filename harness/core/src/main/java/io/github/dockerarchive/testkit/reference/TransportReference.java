package io.github.dockerarchive.testkit.reference;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import org.apiguardian.api.API;

/**
 * One end of a copy in skopeo's syntax (REF-1, REF-3, OAR-1): {@code
 * docker-archive:PATH[:REF|:@N]}, {@code oci:DIR[:NAME]}, {@code oci-archive:PATH[:NAME]} or {@code
 * dir:DIR}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface TransportReference {

  /**
   * Parses {@code transport:reference}.
   *
   * @param text the whole reference
   * @return the parsed reference
   * @throws InvalidReferenceException with skopeo's texts for a missing or unknown transport
   */
  static TransportReference parse(String text) throws InvalidReferenceException {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new InvalidReferenceException(
          "REF-3",
          "Invalid image name \"" + text + "\", expected colon-separated transport:reference");
    }
    String transport = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    switch (transport) {
      case "docker-archive":
        return new DockerArchive(ArchiveReference.parse(rest));
      case "oci":
        return Oci.parse(rest);
      case "oci-archive":
        return OciArchive.parse(rest);
      case "dir":
        if (rest.isEmpty()) {
          throw new InvalidReferenceException("REF-3", "dir: needs a directory path");
        }
        return new Dir(rest);
      default:
        throw new InvalidReferenceException(
            "REF-3",
            "Invalid image name \""
                + text
                + "\", unknown transport \""
                + transport
                + "\" (supported: docker-archive, oci, oci-archive, dir)");
    }
  }

  /**
   * The reference in its transport syntax.
   *
   * @return for example {@code oci:/tmp/layout:v1}
   */
  String toString();

  /**
   * {@code docker-archive:PATH[:REF|:@N]}.
   *
   * @param archive the parsed archive reference
   */
  record DockerArchive(ArchiveReference archive) implements TransportReference {
    @Override
    public String toString() {
      return archive.toString();
    }
  }

  /**
   * {@code oci:DIR[:NAME]}: an OCI image layout and the {@code org.opencontainers.image.ref.name}
   * of one image in it. Split at the first colon, as skopeo does.
   *
   * @param directory the layout directory
   * @param name the image's name in {@code index.json}, or null
   */
  record Oci(String directory, String name) implements TransportReference {
    static Oci parse(String rest) throws InvalidReferenceException {
      int colon = rest.indexOf(':');
      String dir = colon < 0 ? rest : rest.substring(0, colon);
      String name = colon < 0 ? null : rest.substring(colon + 1);
      if (dir.isEmpty()) {
        throw new InvalidReferenceException("REF-3", "oci: needs a directory path");
      }
      return new Oci(dir, name == null || name.isEmpty() ? null : name);
    }

    @Override
    public String toString() {
      return "oci:" + directory + (name == null ? "" : ":" + name);
    }
  }

  /**
   * {@code oci-archive:PATH[:NAME]} (OAR-1): an OCI image layout in a tar file, plain or
   * compressed, and the {@code org.opencontainers.image.ref.name} of one image in it. Split at the
   * first colon, as skopeo does.
   *
   * @param path the tar file
   * @param name the image's name in {@code index.json}, or null
   */
  record OciArchive(String path, String name) implements TransportReference {
    static OciArchive parse(String rest) throws InvalidReferenceException {
      int colon = rest.indexOf(':');
      String file = colon < 0 ? rest : rest.substring(0, colon);
      String name = colon < 0 ? null : rest.substring(colon + 1);
      if (file.isEmpty()) {
        throw new InvalidReferenceException("OAR-1", "oci-archive: needs a file path");
      }
      return new OciArchive(file, name == null || name.isEmpty() ? null : name);
    }

    @Override
    public String toString() {
      return "oci-archive:" + path + (name == null ? "" : ":" + name);
    }
  }

  /**
   * {@code dir:DIR}: skopeo's directory of blobs plus {@code manifest.json}.
   *
   * @param directory the directory
   */
  record Dir(String directory) implements TransportReference {
    @Override
    public String toString() {
      return "dir:" + directory;
    }
  }
}
