package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.ShouldBeReadable.shouldBeReadable;
import static io.github.dockerarchive.testkit.assertj.ShouldBeValidArchive.shouldBeValid;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveImage.shouldHaveImage;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveImageCount.shouldHaveImageCount;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveSameContent.shouldHaveSameContent;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveVerificationProblem.shouldHaveVerificationProblem;
import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a docker-save archive: its images, their tags, its validity and its content
 * compared with another archive. The logic of {@link PathArchiveAssert}, {@link
 * ArchiveFixtureAssert} and {@link ArchiveReaderAssert}; extend it for an assert of your own that
 * adds assertions and keeps its type through chains of inherited ones:
 *
 * <pre>{@code
 * public class BusyboxArchiveAssert extends AbstractArchiveAssert<BusyboxArchiveAssert, Path> {
 *   public BusyboxArchiveAssert(Path actual) {
 *     super(actual, BusyboxArchiveAssert.class);
 *   }
 *
 *   protected ArchiveReader openArchive(ReaderOptions options) throws ArchiveException {
 *     return ArchiveReader.open(actual, options);
 *   }
 *
 *   public BusyboxArchiveAssert hasShell() {
 *     image("busybox").hasLayerFile("bin/sh");
 *     return myself;
 *   }
 * }
 *
 * new BusyboxArchiveAssert(path).isValid().hasShell().hasImageCount(1);
 * }</pre>
 *
 * <p><b>Nothing stays open between assertions.</b> Each assertion opens the archive with {@link
 * #openArchive}, reads it and closes it with {@link #closeArchive} before it returns, whether it
 * passes, fails or throws; a compressed archive's decompressed temporary copy is therefore deleted
 * by the assertion that made it. An archive given as an open {@link ArchiveReader} is the caller's
 * and is never closed. The price is one decompression of a compressed archive per assertion.
 *
 * @param <SELF> the type of the assert itself, returned by every assertion for chaining
 * @param <ACTUAL> the type of the archive under test
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractArchiveAssert<
        SELF extends AbstractArchiveAssert<SELF, ACTUAL>, ACTUAL>
    extends AbstractAssert<SELF, ACTUAL> {

  private ReaderOptions readerOptions = ReaderOptions.defaults();

  /** How {@link #image} makes image asserts; soft assertions replace it. */
  ImageAsserts images = ImageAsserts.HARD;

  /**
   * An assert on an archive.
   *
   * @param actual the archive
   * @param selfType the class of the concrete assert ({@code SELF})
   */
  protected AbstractArchiveAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * Opens the archive for one assertion; {@link #closeArchive} is called once the assertion is
   * over. Called only when the actual is not null.
   *
   * @param options the options set with {@link #usingReaderOptions}, or the defaults
   * @return the open archive
   * @throws ArchiveException if the archive cannot be opened
   */
  protected abstract ArchiveReader openArchive(ReaderOptions options) throws ArchiveException;

  /**
   * Lets go of an archive {@link #openArchive} opened. Closes it; override for a reader the caller
   * owns.
   *
   * @param reader the archive
   * @throws IOException if closing fails (for example the temporary copy cannot be deleted)
   */
  protected void closeArchive(ArchiveReader reader) throws IOException {
    reader.close();
  }

  /**
   * Names the archive in failure messages.
   *
   * @return for example {@code archive "/tmp/app.tar"}
   */
  protected String describeArchive() {
    return "archive " + actual;
  }

  /**
   * Runs {@code use} on the archive, open for this call only: opened with {@link #openArchive},
   * closed with {@link #closeArchive} before this returns. For assertions of subclasses.
   *
   * @param use what to read; an {@link IOException} it throws fails the assertion as unreadable
   * @param <T> what {@code use} returns
   * @return what {@code use} returns
   * @throws AssertionError if the actual is null, the archive cannot be opened or read, or {@code
   *     use} fails
   */
  protected final <T> T withArchive(ReaderFunction<T> use) {
    isNotNull();
    return Scoped.use(
        describeArchive(),
        () -> openArchive(readerOptions),
        this::closeArchive,
        use::apply,
        e -> assertionError(shouldBeReadable(describeArchive(), e)));
  }

  /**
   * The reader options the archive is opened with.
   *
   * @return the options set with {@link #usingReaderOptions}, or {@link ReaderOptions#defaults()}
   */
  protected final ReaderOptions readerOptions() {
    return readerOptions;
  }

  /**
   * Opens the archive (and the archives it is compared with) with these options from now on: where
   * compressed archives are decompressed to, and limits. Does not apply to an archive given as an
   * open reader, which is already open.
   *
   * <pre>{@code
   * // passes: the decompressed copy is made in scratch, and deleted again before hasImageCount
   * // returns
   * assertThat(gzippedArchive)
   *     .usingReaderOptions(ReaderOptions.defaults().withTemporaryDirectory(scratch))
   *     .hasImageCount(1);
   *
   * // fails: the archive decompresses to more than 1 KiB
   * assertThat(gzippedArchive)
   *     .usingReaderOptions(ReaderOptions.defaults().withMaxArchiveSize(1024))
   *     .hasImageCount(1);
   * }</pre>
   *
   * @param options the options
   * @return this assert
   */
  public SELF usingReaderOptions(ReaderOptions options) {
    this.readerOptions = Objects.requireNonNull(options, "The reader options must not be null");
    return myself;
  }

  /**
   * Checks the number of images (items of {@code manifest.json}).
   *
   * <pre>{@code
   * // passes: the archive holds two images
   * assertThat(twoImages).hasImageCount(2);
   *
   * // fails with "Expecting archive ... to have 3 image(s) but it has 2, tagged: ..."
   * assertThat(twoImages).hasImageCount(3);
   * }</pre>
   *
   * @param expected the count
   * @return this assert
   */
  public SELF hasImageCount(int expected) {
    List<ManifestItem> items = withArchive(ArchiveReader::manifest);
    if (items.size() != expected) {
      failWithActualExpectedAndMessage(
          items.size(),
          expected,
          "%s",
          shouldHaveImageCount(
                  describeArchive(), expected, items.size(), ImageSelector.allTags(items))
              .create(emptyDescription(), info.representation()));
    }
    return myself;
  }

  /**
   * Checks that an image is tagged {@code tag}; both sides are normalised as references, so {@code
   * busybox} matches a stored {@code docker.io/library/busybox:latest}.
   *
   * <pre>{@code
   * // passes: the archive holds docker.io/library/busybox:latest
   * assertThat(busybox).hasImage("busybox").hasImage("docker.io/library/busybox:latest");
   *
   * // fails with "Expecting archive ... to have an image tagged: "busybox:1" ... but its tags
   * // are: ..."
   * assertThat(busybox).hasImage("busybox:1");
   * }</pre>
   *
   * @param tag the tag
   * @return this assert
   */
  public SELF hasImage(String tag) {
    List<ManifestItem> items = withArchive(ArchiveReader::manifest);
    if (ImageSelector.find(items, tag) < 0) {
      throwAssertionError(missingTag(tag, items));
    }
    return myself;
  }

  /**
   * Assertions on the first image tagged {@code tag} (normalised as in {@link #hasImage}). The
   * image assert opens the archive again for each of its assertions, with the same options.
   *
   * <pre>{@code
   * // passes: the image tagged busybox has three layers
   * assertThat(busybox).image("busybox").hasLayerCount(3);
   *
   * // fails at once with "Expecting archive ... to have an image tagged: "alpine" ..."
   * assertThat(busybox).image("alpine");
   * }</pre>
   *
   * @param tag the tag
   * @return the image assert
   */
  public ImageAssert image(String tag) {
    DockerReference reference = tagged(tag);
    return image(
        reader -> {
          List<ManifestItem> items = reader.manifest();
          if (reference == null || ImageSelector.find(items, tag) < 0) {
            return new Selection(null, assertionError(missingTag(tag, items)));
          }
          return new Selection(reader.imageSource(reference, -1), null);
        },
        reference,
        -1);
  }

  /**
   * Assertions on the image at a position of {@code manifest.json}. The image assert opens the
   * archive again for each of its assertions, with the same options.
   *
   * <pre>{@code
   * // passes: the first image has three layers
   * assertThat(busybox).image(0).hasLayerCount(3);
   *
   * // fails at once with "Expecting archive ... to have an image @1 but it has 1 image(s)"
   * assertThat(busybox).image(1);
   * }</pre>
   *
   * @param index from 0
   * @return the image assert
   */
  public ImageAssert image(int index) {
    return image(
        reader -> {
          int count = reader.manifest().size();
          if (index < 0 || index >= count) {
            return new Selection(
                null, assertionError(shouldHaveImage(describeArchive(), index, count)));
          }
          return new Selection(reader.imageSource(null, index), null);
        },
        null,
        index);
  }

  private ImageAssert image(ReaderFunction<Selection> select, DockerReference reference, int at) {
    Selection selection = withArchive(select);
    if (selection.missing() != null) {
      return images.missing(selection.missing());
    }
    ImageOrigin.Archive archive =
        new ImageOrigin.Archive() {
          @Override
          public ArchiveReader open() throws IOException {
            return openArchive(readerOptions);
          }

          @Override
          public void close(ArchiveReader reader) throws IOException {
            closeArchive(reader);
          }
        };
    return images.create(selection.image(), new ImageOrigin(archive, reference, at));
  }

  /** The image found, or the failure that says it is not there. */
  private record Selection(ImageSource image, AssertionError missing) {}

  /**
   * Verifies the archive completely with {@link ArchiveVerifier} (every image loads, every config
   * and layer hashes to its digest, no unsafe names); warnings are allowed.
   *
   * <pre>{@code
   * // passes: a well-formed archive
   * assertThat(archive).isValid();
   *
   * // fails with "Expecting archive ... to be valid, but verification found: ERROR SRC-7 ..."
   * assertThat(layerDigestMismatch).isValid();
   * }</pre>
   *
   * @return this assert
   */
  public SELF isValid() {
    VerificationReport report = verify();
    if (!report.isValid()) {
      throwAssertionError(shouldBeValid(describeArchive(), formatted(report)));
    }
    return myself;
  }

  /**
   * Checks that verification reports an error or warning under a rule, for example {@code SRC-7}
   * for a layer whose content does not match its diffID.
   *
   * <pre>{@code
   * // passes: a layer's content does not hash to its diffID
   * assertThat(layerDigestMismatch).hasVerificationProblem("SRC-7");
   *
   * // fails with "Expecting archive ... to break rule "SRC-7", but verification found: no
   * // problem"
   * assertThat(wellFormed).hasVerificationProblem("SRC-7");
   * }</pre>
   *
   * @param rule the rule ID
   * @return this assert
   */
  public SELF hasVerificationProblem(String rule) {
    VerificationReport report = verify();
    if (report.problems().stream().noneMatch(p -> rule.equals(p.rule()))) {
      throwAssertionError(
          shouldHaveVerificationProblem(describeArchive(), rule, formatted(report)));
    }
    return myself;
  }

  private VerificationReport verify() {
    return withArchive(
        reader -> ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE));
  }

  /**
   * Checks that two archives hold the same images in the same order, with the same tags (after
   * normalisation), config digests and diffIDs, however they are laid out or compressed. The other
   * reader is the caller's and stays open.
   *
   * <pre>{@code
   * // passes: the same images, once plain and once gzip-compressed in another layout
   * assertThat(plainArchive).hasSameContentAs(gzippedReader);
   *
   * // fails with "Expecting archive ... to have the same content (images, tags, config digests,
   * // diffIDs) as archive ... but image @0 differs: ..."
   * assertThat(plainArchive).hasSameContentAs(otherImagesReader);
   * }</pre>
   *
   * @param expected the other archive, an open reader
   * @return this assert
   */
  public SELF hasSameContentAs(ArchiveReader expected) {
    Objects.requireNonNull(expected, "The archive to compare with must not be null");
    return sameContent(Describe.reader(expected), () -> expected, reader -> {});
  }

  /**
   * Checks that two archives have the same content; see {@link #hasSameContentAs(ArchiveReader)}.
   * The other archive is opened with the same options, and closed again.
   *
   * <pre>{@code
   * // passes: the same images, once plain and once gzip-compressed
   * assertThat(plainArchive).hasSameContentAs(gzippedPath);
   *
   * // fails with "... but it has 2 image(s) and the other 1"
   * assertThat(twoImages).hasSameContentAs(oneImagePath);
   * }</pre>
   *
   * @param expected the other archive's file
   * @return this assert
   */
  public SELF hasSameContentAs(Path expected) {
    Objects.requireNonNull(expected, "The archive to compare with must not be null");
    return sameContent(
        Describe.file(expected),
        () -> ArchiveReader.open(expected, readerOptions),
        ArchiveReader::close);
  }

  /**
   * Checks that two archives have the same content; see {@link #hasSameContentAs(ArchiveReader)}.
   * The other archive is opened with the same options, and closed again.
   *
   * <pre>{@code
   * // passes: the fixture's file written once more in another dialect
   * assertThat(fixture).hasSameContentAs(sameSpecAsJib);
   *
   * // fails with "... but image @0 differs: ..." (another seed, other layer bytes)
   * assertThat(fixture).hasSameContentAs(otherSeed);
   * }</pre>
   *
   * @param expected the other synthetic archive
   * @return this assert
   */
  public SELF hasSameContentAs(ArchiveFixture expected) {
    Objects.requireNonNull(expected, "The archive to compare with must not be null");
    return hasSameContentAs(expected.path());
  }

  private SELF sameContent(
      String other, Scoped.Opener<ArchiveReader> opener, Scoped.Closer<ArchiveReader> closer) {
    List<ContentSummary.Image> mine = withArchive(ContentSummary::of);
    List<ContentSummary.Image> theirs =
        Scoped.use(
            other,
            opener,
            closer,
            ContentSummary::of,
            e -> assertionError(shouldBeReadable(other, e)));
    String difference = ContentSummary.difference(mine, theirs);
    if (difference != null) {
      failWithActualExpectedAndMessage(
          ContentSummary.lines(mine),
          ContentSummary.lines(theirs),
          "%s",
          shouldHaveSameContent(describeArchive(), other, difference)
              .create(emptyDescription(), info.representation()));
    }
    return myself;
  }

  private ErrorMessageFactory missingTag(String tag, List<ManifestItem> items) {
    return shouldHaveImage(
        describeArchive(), tag, ImageSelector.normalise(tag), ImageSelector.allTags(items));
  }

  private static DockerReference tagged(String tag) {
    try {
      return DockerReference.parseNormalized(tag).withDefaultTag();
    } catch (ArchiveException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> formatted(VerificationReport report) {
    List<String> lines = new ArrayList<>();
    for (Problem p : report.problems()) {
      lines.add(p.format());
    }
    return lines;
  }

  /**
   * What an assertion of a subclass reads from the open archive ({@link #withArchive}).
   *
   * @param <T> the result
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  public interface ReaderFunction<T> {
    /**
     * Reads from the archive.
     *
     * @param reader the archive, open for this call only
     * @return the result
     * @throws IOException if reading fails; the assertion then fails as unreadable
     */
    T apply(ArchiveReader reader) throws IOException;
  }
}
