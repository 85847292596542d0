package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.ReadOptions;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.Layout;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * This project's implementation, in-process: copies go through {@link TransportCopy} (what {@code
 * dockerarchive copy} runs) and the Java API is {@link ImageSource} and {@link ArchiveWriter}. A
 * checked exception is a clean refusal; an unchecked one is a crash.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class BuiltinImplementation implements ArchiveImplementation, JavaApi {
  private final String name;
  private final ReaderOptions readerOptions;

  /** The built-in implementation with default options, named {@code builtin}. */
  public BuiltinImplementation() {
    this("builtin", ReaderOptions.defaults());
  }

  /**
   * The built-in implementation with other reader options (for example the reference-compatible
   * media types).
   *
   * @param name the name results are reported under
   * @param readerOptions the reader's options
   */
  public BuiltinImplementation(String name, ReaderOptions readerOptions) {
    this.name = name;
    this.readerOptions = readerOptions;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  /**
   * Parses the request, runs {@link #transfer} and tells its failures apart: a checked exception or
   * an {@link IllegalArgumentException} is a clean refusal, an interruption a time-out, anything
   * else a crash.
   */
  @Override
  public void copy(CopyRequest request) throws ImplementationException {
    try {
      List<TransportReference> sources = new ArrayList<>();
      for (String s : request.sources()) {
        sources.add(TransportReference.parse(s));
      }
      TransportReference destination = TransportReference.parse(request.destination());
      WriterOptions options = WriterOptions.defaults().withLayout(layout(request));
      transfer(sources, destination, options, request.multi());
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new ImplementationException(ImplementationException.Kind.TIMED_OUT, e.toString(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new ImplementationException(ImplementationException.Kind.REFUSED, e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      throw new ImplementationException(ImplementationException.Kind.CRASHED, e.toString(), e);
    }
  }

  /**
   * The transfer of a parsed copy: {@link TransportCopy#copy} of the one source, or {@link
   * TransportCopy#copyMulti} of all of them into a {@code docker-archive:} destination. A subclass
   * may do it another way; {@link #copy} still parses the request and classifies what this throws.
   *
   * @param sources the sources, in order (one unless {@code multi})
   * @param destination the destination
   * @param options the writer's options, with the layout the request asks for
   * @param multi whether every source becomes one image of the destination archive
   * @throws IOException when the copy is refused or fails
   */
  protected void transfer(
      List<TransportReference> sources,
      TransportReference destination,
      WriterOptions options,
      boolean multi)
      throws IOException {
    if (multi) {
      if (!(destination instanceof TransportReference.DockerArchive d)) {
        throw new IllegalArgumentException(
            "--multi needs a docker-archive: destination, got " + destination);
      }
      TransportCopy.copyMulti(
          sources, d.archive(), options, s -> ImageCopier.Progress.NONE, note -> {});
    } else {
      TransportCopy.copy(
          sources.get(0), destination, options, List.of(), ImageCopier.Progress.NONE);
    }
  }

  private static Layout layout(CopyRequest request) {
    String l = request.layout().orElse("docker-archive");
    return switch (l) {
      case "docker-archive" -> Layout.DOCKER_ARCHIVE;
      case "docker-hybrid" -> Layout.DOCKER_HYBRID;
      default ->
          throw new IllegalArgumentException(
              "unknown layout \"" + l + "\"; expected docker-archive or docker-hybrid");
    };
  }

  @Override
  public Optional<JavaApi> javaApi() {
    return Optional.of(this);
  }

  @Override
  public ImageInput openImage(String reference) throws IOException {
    return openArchive(ArchiveReference.parseTransport(reference), readerOptions);
  }

  @Override
  public ImageInput openImage(String reference, ReadOptions options) throws IOException {
    ReaderOptions o =
        readerOptions
            .withManifestLimit(options.manifestLimit())
            .withConfigLimit(options.configLimit())
            .withMaxArchiveSize(options.maxArchiveSize())
            .withMaxLayerSize(options.maxLayerSize());
    if (options.temporaryDirectory().isPresent()) {
      o = o.withTemporaryDirectory(options.temporaryDirectory().get());
    }
    return openArchive(ArchiveReference.parseTransport(reference), o);
  }

  /**
   * Opens one image of an archive: {@link ImageSource#open}. Both {@link #openImage} methods end
   * here, with their reader options; a subclass may open it another way.
   *
   * @param reference the archive and selector
   * @param options the reader's options
   * @return the image
   * @throws IOException when it cannot be opened
   */
  protected ImageInput openArchive(ArchiveReference reference, ReaderOptions options)
      throws IOException {
    return ImageSource.open(reference, options);
  }

  @Override
  public List<ManifestItem> tarManifest(String reference) throws IOException {
    try (ImageSource source =
        ImageSource.open(ArchiveReference.parseTransport(reference), readerOptions)) {
      return source.tarManifest();
    }
  }

  @Override
  public ArchiveSink createArchive(Path target) throws IOException {
    ArchiveWriter writer = ArchiveWriter.create(target, WriterOptions.defaults());
    return new ArchiveSink() {
      @Override
      public ImageOutput newImage() throws IOException {
        return writer.newImage(null);
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }
}
