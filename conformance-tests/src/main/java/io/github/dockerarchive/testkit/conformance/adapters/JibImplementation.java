package io.github.dockerarchive.testkit.conformance.adapters;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apiguardian.api.API;

/**
 * Jib core as a docker-archive writer: {@code Jib.from(TarImage)} with the source image as its base
 * and nothing added, containerized offline {@code to(TarImage.named(TAG))}, which is what {@code
 * jibBuildTar} writes.
 *
 * <p>Jib takes a base image from a registry, a Docker daemon or a docker-save tarball only, not
 * from an OCI layout, so the {@code oci:} (or {@code dir:}) source is first copied into a
 * docker-archive with this project's writer ({@link TransportCopy}, blobs unchanged), which Jib
 * then reads as its base. What is judged is Jib's output: layers are kept (same diffIDs; Jib
 * gzip-compresses uncompressed ones) but Jib writes a config of its own (its history, its
 * defaults), so config-equality checks show that. Jib always names the image in {@code RepoTags}: a
 * destination without a tag is refused, as Jib cannot write an untagged archive. Writer only: one
 * image per archive, the classic layout.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JibImplementation implements ArchiveImplementation {
  private final Path work;

  /**
   * Jib writing with its caches and temporary bases under a directory of its own.
   *
   * @param work a private directory (Jib's base-image and application caches go there)
   */
  public JibImplementation(Path work) {
    this.work = work;
  }

  @Override
  public String name() {
    return "jib";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.WRITE);
  }

  @Override
  public void copy(CopyRequest request) throws ImplementationException, InterruptedException {
    if (request.multi()) {
      throw refused("Jib writes one image per tarball (no --multi)");
    }
    if (request.layout().isPresent() && !request.layout().get().equals("docker-archive")) {
      throw refused("Jib writes only the classic docker-archive layout, not " + request.layout());
    }
    TransportReference source;
    TransportReference destination;
    try {
      source = TransportReference.parse(request.sources().get(0));
      destination = TransportReference.parse(request.destination());
    } catch (IOException | IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    if (source instanceof TransportReference.DockerArchive) {
      throw refused(
          "the Jib adapter is a writer only: its sources are oci: or dir:, not " + source);
    }
    if (!(destination instanceof TransportReference.DockerArchive d)) {
      throw refused("Jib writes a docker-archive: destination, not " + destination);
    }
    if (d.archive().index() != ArchiveReference.NO_INDEX) {
      throw refused("a destination cannot select an image by index: " + request.destination());
    }
    if (d.archive().reference() == null) {
      throw refused("Jib cannot write an untagged image: TarImage.named(...) always sets RepoTags");
    }
    // The tag as the request spells it, for Jib to parse and normalise in its own way.
    String tag =
        request
            .destination()
            .substring((ArchiveReference.TRANSPORT_PREFIX + d.archive().path() + ":").length());
    Path target = Path.of(d.archive().path());
    Path copyWork;
    try {
      copyWork = Files.createTempDirectory(Files.createDirectories(work), "copy");
    } catch (IOException e) {
      throw new ImplementationException(
          ImplementationException.Kind.CRASHED, "cannot prepare Jib's directory: " + e, e);
    }
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      Path base = copyWork.resolve("base.tar");
      try {
        TransportCopy.copy(
            source,
            TransportReference.parse("docker-archive:" + base),
            WriterOptions.defaults(),
            List.of(),
            ImageCopier.Progress.NONE);
      } catch (IOException e) {
        throw refused("the source cannot be read as Jib's base image: " + e.getMessage());
      }
      Containerizer containerizer =
          Containerizer.to(TarImage.at(target).named(tag))
              .setOfflineMode(true)
              .setBaseImageLayersCache(copyWork.resolve("base-cache"))
              .setApplicationLayersCache(copyWork.resolve("application-cache"))
              .setExecutorService(executor)
              .setToolName("docker-archive-testkit-conformance");
      Jib.from(TarImage.at(base)).containerize(containerizer);
    } catch (InvalidImageReferenceException e) {
      throw refused("Jib refuses the tag: " + e.getMessage());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ImplementationException(
          cause instanceof RuntimeException || cause instanceof Error
              ? ImplementationException.Kind.CRASHED
              : ImplementationException.Kind.REFUSED,
          cause.toString(),
          cause);
    } catch (InterruptedException e) {
      throw e;
    } catch (ImplementationException e) {
      throw e;
    } catch (Exception e) {
      throw new ImplementationException(
          e instanceof RuntimeException
              ? ImplementationException.Kind.CRASHED
              : ImplementationException.Kind.REFUSED,
          e.toString(),
          e);
    } catch (Error e) {
      throw new ImplementationException(ImplementationException.Kind.CRASHED, e.toString(), e);
    } finally {
      executor.shutdownNow();
      try {
        FileTrees.delete(copyWork);
      } catch (IOException e) {
        // The run's scratch directory is removed as a whole afterwards.
      }
    }
  }

  private static ImplementationException refused(String message) {
    return new ImplementationException(ImplementationException.Kind.REFUSED, message, null);
  }
}
