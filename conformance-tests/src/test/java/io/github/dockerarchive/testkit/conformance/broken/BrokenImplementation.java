package io.github.dockerarchive.testkit.conformance.broken;

import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.layout.Endpoints;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.testing.ForwardingImageInput;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our implementation with exactly one defect, to show that the suite catches it: the copy of {@link
 * BuiltinImplementation} spelled out (what {@code TransportCopy} does) with hooks where a subclass
 * breaks one step. Reads and writes through the Java API go through the same hooks.
 *
 * <p>Each subclass names the rule it breaks and the few other rules whose checks may honestly fail
 * too, with the reason (ignoring compression also breaks reading the gzip dialects).
 */
abstract class BrokenImplementation extends BuiltinImplementation {
  private final String brokenRule;

  /**
   * A defective implementation.
   *
   * @param name the name results are reported under ({@code broken-...})
   * @param brokenRule the rule the defect breaks
   */
  BrokenImplementation(String name, String brokenRule) {
    super(name, ReaderOptions.defaults());
    this.brokenRule = brokenRule;
  }

  /**
   * The rule the defect breaks: at least one of its checks must fail.
   *
   * @return a rule ID
   */
  final String brokenRule() {
    return brokenRule;
  }

  /**
   * Other rules (or single checks, by check ID) that may fail because of the same defect, each with
   * the reason. Kept tiny.
   *
   * @return rule ID or check ID to reason
   */
  Map<String, String> relatedRules() {
    return Map.of();
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks; the defaults are the built-in behaviour. Every read (copies and the Java API) opens the
  // archive's image through openArchive, which a subclass may override.

  /**
   * Opens the image of a temporary copy of an archive, with the reference's selector, through the
   * built-in reader; closing the image deletes the copy. When opening fails the copy stays, for the
   * caller to delete (or to leak, as a defect may).
   *
   * @param reference the archive and selector
   * @param copy the copy to read instead of the archive
   * @param options the reader options
   * @return the image, deleting the copy on close
   * @throws IOException when it cannot be opened
   */
  final ImageInput openCopy(ArchiveReference reference, Path copy, ReaderOptions options)
      throws IOException {
    ImageInput image =
        super.openArchive(
            new ArchiveReference(copy.toString(), reference.reference(), reference.index()),
            options);
    return new ForwardingImageInput(image) {
      @Override
      public void close() throws IOException {
        try {
          delegate.close();
        } finally {
          Files.deleteIfExists(copy);
        }
      }
    };
  }

  /**
   * The output of a copy out of an archive ({@code docker-archive:} to {@code oci:} or {@code
   * dir:}).
   *
   * @param out the output
   * @return the output to copy into
   */
  ImageOutput readOutput(ImageOutput out) {
    return out;
  }

  /**
   * Starts an archive (every write: copies and the Java API).
   *
   * @param target the archive's path
   * @param options the writer options
   * @param cleanup where to add what must be closed after the writer
   * @return the writer
   * @throws IOException when the target is refused
   */
  ArchiveWriter createWriter(Path target, WriterOptions options, List<Closeable> cleanup)
      throws IOException {
    return ArchiveWriter.create(target, options);
  }

  /**
   * The output of one image written into an archive.
   *
   * @param out the writer's output
   * @param archive what this archive has seen so far (one object per archive)
   * @return the output to copy into
   */
  ImageOutput imageOutput(ImageOutput out, Map<String, Object> archive) {
    return out;
  }

  /**
   * Called after an archive was written and closed without error.
   *
   * @param target the archive's path
   * @throws IOException when post-processing fails
   */
  void finished(Path target) throws IOException {}

  // ---------------------------------------------------------------------------------------------
  // The copy, as TransportCopy does it, through the hooks

  @Override
  protected void transfer(
      List<TransportReference> sources,
      TransportReference destination,
      WriterOptions options,
      boolean multi)
      throws IOException {
    if (destination instanceof TransportReference.DockerArchive d) {
      ArchiveReference target = d.archive().forWriting();
      List<List<DockerReference>> tags = new ArrayList<>();
      if (multi) {
        if (target.reference() != null) {
          throw new IllegalArgumentException("a multi-image destination takes no tag");
        }
        sources.forEach(s -> tags.add(TransportCopy.tagsOf(s)));
      } else {
        tags.add(target.reference() == null ? List.of() : List.of(target.reference()));
      }
      write(Path.of(target.path()), options, sources, tags);
    } else if (multi) {
      throw new IllegalArgumentException("--multi needs a docker-archive: destination");
    } else {
      try (ImageInput in = open(sources.get(0));
          ImageOutput out = readOutput(Endpoints.layoutOutput(destination))) {
        ImageCopier.copy(in, out, ImageCopier.Progress.NONE);
      }
    }
  }

  private ImageInput open(TransportReference source) throws IOException {
    if (source instanceof TransportReference.DockerArchive d) {
      return openArchive(d.archive(), ReaderOptions.defaults());
    }
    return Endpoints.open(source);
  }

  private void write(
      Path target,
      WriterOptions options,
      List<TransportReference> sources,
      List<List<DockerReference>> tags)
      throws IOException {
    Map<String, Object> archive = new java.util.HashMap<>();
    List<Closeable> cleanup = new ArrayList<>();
    try (ArchiveWriter writer = createWriter(target, options, cleanup)) {
      try {
        for (int i = 0; i < sources.size(); i++) {
          try (ImageInput in = open(sources.get(i));
              ImageOutput out = imageOutput(writer.newImage(null), archive)) {
            out.addRepoTags(tags.get(i));
            ImageCopier.copy(in, out, ImageCopier.Progress.NONE);
          }
        }
      } catch (IOException | RuntimeException e) {
        writer.discard(); // all or nothing, as TransportCopy.copyMulti
        throw e;
      }
    } finally {
      closeAll(cleanup);
    }
    finished(target);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing through the Java API, through the hooks

  @Override
  public ArchiveSink createArchive(Path target) throws IOException {
    List<Closeable> cleanup = new ArrayList<>();
    ArchiveWriter writer = createWriter(target, WriterOptions.defaults(), cleanup);
    Map<String, Object> archive = new java.util.HashMap<>();
    return new ArchiveSink() {
      @Override
      public ImageOutput newImage() throws IOException {
        return imageOutput(writer.newImage(null), archive);
      }

      @Override
      public void close() throws IOException {
        try {
          writer.close();
        } finally {
          closeAll(cleanup);
        }
        finished(target);
      }
    };
  }

  private static void closeAll(List<Closeable> cleanup) throws IOException {
    for (Closeable c : cleanup) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return name() + " (breaks " + brokenRule() + ")";
  }
}
