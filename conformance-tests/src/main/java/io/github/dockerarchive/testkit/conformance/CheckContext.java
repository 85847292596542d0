package io.github.dockerarchive.testkit.conformance;

import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.layout.OciLayoutOutput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a check works with: the implementation, a scratch directory of its own, fixtures built from
 * specs, and copies that are recorded so that a failure can be reproduced.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CheckContext {
  /** The OCI reference name the suite gives the images it prepares in {@code oci:} layouts. */
  public static final String OCI_NAME = "conformance";

  private final ArchiveImplementation implementation;
  private final Path scratch;
  private final List<String> steps = new ArrayList<>();

  /**
   * A context.
   *
   * @param implementation the implementation under test
   * @param scratch an empty directory owned by this check
   */
  public CheckContext(ArchiveImplementation implementation, Path scratch) {
    this.implementation = implementation;
    this.scratch = scratch;
  }

  /**
   * The implementation under test.
   *
   * @return the implementation
   */
  public ArchiveImplementation implementation() {
    return implementation;
  }

  /**
   * The check's scratch directory.
   *
   * @return an existing directory
   */
  public Path scratch() {
    return scratch;
  }

  /**
   * A path in the scratch directory (not created).
   *
   * @param name a file name
   * @return the path
   */
  public Path path(String name) {
    return scratch.resolve(name);
  }

  /**
   * A new directory in the scratch directory.
   *
   * @param name a directory name
   * @return the created directory
   * @throws IOException when it cannot be created
   */
  public Path directory(String name) throws IOException {
    return Files.createDirectories(scratch.resolve(name));
  }

  /**
   * Materialises a synthetic archive in the scratch directory; its spec is kept beside it ({@code
   * NAME.spec.json}) and named in the reproduction.
   *
   * @param fileName the archive's file name
   * @param spec the spec
   * @return the archive and its truth
   * @throws IOException when it cannot be written
   */
  public ArchiveFixture fixture(String fileName, ArchiveSpec spec) throws IOException {
    Path file = path(fileName);
    Path specFile = path(fileName + ".spec.json");
    Files.writeString(specFile, SpecJson.toJson(spec), StandardCharsets.UTF_8);
    steps.add("./dockerarchive generate --spec " + specFile + " -o " + file);
    return SyntheticArchives.materialize(spec, file);
  }

  /**
   * Writes one image of a spec as an OCI layout (with the suite's own writer), the source of a
   * write check; the reference to give the implementation is {@link #oci(Path)}.
   *
   * @param dirName the layout's directory name
   * @param spec the spec (without corruption)
   * @param image the image's index in the spec
   * @return the layout directory
   * @throws IOException when it cannot be written
   */
  public Path ociLayout(String dirName, ArchiveSpec spec, int image) throws IOException {
    ArchiveFixture f = fixture(dirName + ".source.tar", spec);
    Path dir = path(dirName);
    try (ImageInput in =
            ImageSource.open(
                ArchiveReference.ofIndex(f.path().toString(), image), ReaderOptions.defaults());
        ImageOutput out = OciLayoutOutput.create(dir, OCI_NAME)) {
      ImageCopier.copy(in, out, (done, total) -> {});
    }
    steps.add("./dockerarchive copy docker-archive:" + f.path() + ":@" + image + " " + oci(dir));
    return dir;
  }

  /**
   * The {@code oci:} reference of a layout the suite prepared.
   *
   * @param layout the layout directory
   * @return {@code oci:DIR:conformance}
   */
  public static String oci(Path layout) {
    return "oci:" + layout + ":" + OCI_NAME;
  }

  /**
   * A {@code docker-archive:} reference.
   *
   * @param archive the archive's path
   * @param selector empty, {@code :REF} or {@code :@N}
   * @return {@code docker-archive:PATH[selector]}
   */
  public static String archive(Path archive, String selector) {
    return ArchiveReference.TRANSPORT_PREFIX + archive + selector;
  }

  /**
   * Notes a step of the reproduction (a command, a file kept).
   *
   * @param step the step, one line
   */
  public void note(String step) {
    steps.add(step);
  }

  /**
   * Runs a copy and returns how it ended, never throwing for the implementation's refusal.
   *
   * @param request the copy
   * @return empty on success, else the implementation's failure
   * @throws InterruptedException when the run is interrupted
   */
  public Optional<ImplementationException> copy(CopyRequest request) throws InterruptedException {
    steps.add(implementation.name() + " " + request);
    try {
      implementation.copy(request);
      return Optional.empty();
    } catch (ImplementationException e) {
      steps.add("  -> " + e.kind() + ": " + oneLine(e.getMessage()));
      return Optional.of(e);
    }
  }

  /**
   * Runs a copy that must succeed.
   *
   * @param request the copy
   * @throws CheckFailure when the implementation refuses or fails it
   * @throws InterruptedException when the run is interrupted
   */
  public void copySucceeds(CopyRequest request) throws CheckFailure, InterruptedException {
    Optional<ImplementationException> failure = copy(request);
    if (failure.isPresent()) {
      ImplementationException e = failure.get();
      throw new CheckFailure(
          "copy "
              + describe(e)
              + " ("
              + String.join(" ", request.sources())
              + " -> "
              + request.destination()
              + ")");
    }
  }

  /**
   * Runs a copy that must be refused cleanly (not crash, not hang).
   *
   * @param request the copy
   * @param why what makes it wrong, for the failure message ("index 5 is out of range")
   * @return the refusal, whose message a check may inspect
   * @throws CheckFailure when the copy succeeds, crashes or hangs
   * @throws InterruptedException when the run is interrupted
   */
  public ImplementationException copyRefused(CopyRequest request, String why)
      throws CheckFailure, InterruptedException {
    Optional<ImplementationException> failure = copy(request);
    if (failure.isEmpty()) {
      throw new CheckFailure("accepted " + why + " (" + request + ")");
    }
    ImplementationException e = failure.get();
    if (e.kind() != ImplementationException.Kind.REFUSED) {
      throw new CheckFailure(describe(e) + " instead of refusing " + why);
    }
    return e;
  }

  /**
   * Reads an image the implementation wrote to an OCI layout; an unreadable or inconsistent output
   * is the implementation's failure.
   *
   * @param layout the layout directory
   * @param name the image's name in it, or null for the only one
   * @param what what the output is, for the failure message ("the image read")
   * @return the content
   * @throws CheckFailure when the output cannot be read or does not verify
   */
  public ImageContent readOci(Path layout, String name, String what) throws CheckFailure {
    return judged(
        () -> ImageContent.ofOci(layout, name),
        what + " (oci:" + layout + ") is not a valid image");
  }

  /**
   * Reads the image the implementation wrote to a {@code dir:} directory.
   *
   * @param directory the directory
   * @param what what the output is, for the failure message
   * @return the content
   * @throws CheckFailure when the output cannot be read or does not verify
   */
  public ImageContent readDir(Path directory, String what) throws CheckFailure {
    return judged(
        () -> ImageContent.ofDir(directory),
        what + " (dir:" + directory + ") is not a valid image");
  }

  /**
   * Reads an image of an archive the implementation wrote, with the suite's reader.
   *
   * @param reference {@code docker-archive:PATH[:REF|:@N]}
   * @param what what the archive is, for the failure message
   * @return the content
   * @throws CheckFailure when the archive cannot be read or does not verify
   */
  public ImageContent readArchive(String reference, String what) throws CheckFailure {
    return judged(
        () -> ImageContent.ofArchive(reference), what + " (" + reference + ") is not readable");
  }

  /** Reads an implementation's output with the suite's reader. */
  @FunctionalInterface
  private interface OutputRead {
    ImageContent read() throws IOException;
  }

  /**
   * Reads an implementation's output; a failure to read it is the implementation's, reported as
   * {@code problem: cause}.
   */
  private static ImageContent judged(OutputRead read, String problem) throws CheckFailure {
    try {
      return read.read();
    } catch (IOException | RuntimeException e) {
      throw new CheckFailure(problem + ": " + e.getMessage());
    }
  }

  /**
   * Fails the check unless a condition holds.
   *
   * @param condition the condition
   * @param reason the failure's reason
   * @throws CheckFailure when it does not hold
   */
  public static void require(boolean condition, String reason) throws CheckFailure {
    if (!condition) {
      throw new CheckFailure(reason);
    }
  }

  /**
   * The reproduction: the inputs kept and the commands run, one per line.
   *
   * @return the steps so far
   */
  public String reproduction() {
    return String.join("\n", steps);
  }

  private static String describe(ImplementationException e) {
    String what =
        switch (e.kind()) {
          case REFUSED -> "failed";
          case CRASHED -> "crashed";
          case TIMED_OUT -> "hung (stopped after the timeout)";
        };
    return what + ": " + oneLine(e.getMessage());
  }

  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String s = message.strip().replaceAll("\\s*\\R\\s*", " | ");
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }
}
