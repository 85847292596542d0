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
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a docker-save archive: its images, their tags, its validity and its content
 * compared with another archive. The archive is an open {@link ArchiveReader} (the caller closes
 * it), a file, or a synthetic {@link ArchiveFixture}; a file is opened on first use and closed once
 * the asserts that use it are unreachable.
 *
 * <pre>{@code
 * assertThat(archivePath)
 *     .isValid()
 *     .hasImageCount(2)
 *     .hasImage("busybox")
 *     .image("busybox").hasLayerCount(3).hasLayerFile("bin/sh");
 * }</pre>
 *
 * <p>Non-final with public constructors, so AssertJ soft assertions can proxy it; see {@link
 * DockerArchiveSoftAssertions}.
 */
public class ArchiveAssert extends AbstractAssert<ArchiveAssert, Object> {
  private final ArchiveAccess access;

  /** How {@link #image} makes image asserts; soft assertions replace it. */
  ImageAsserts images = ImageAsserts.HARD;

  /**
   * An assert on an open reader; the caller keeps owning it.
   *
   * @param actual the reader
   */
  public ArchiveAssert(ArchiveReader actual) {
    super(actual, ArchiveAssert.class);
    this.access = actual == null ? null : ArchiveAccess.borrow(actual);
  }

  /**
   * An assert on an archive file (plain or compressed).
   *
   * @param actual the file
   */
  public ArchiveAssert(Path actual) {
    super(actual, ArchiveAssert.class);
    this.access = actual == null ? null : ArchiveAccess.open(actual);
  }

  /**
   * An assert on a synthetic archive's file.
   *
   * @param actual the fixture
   */
  public ArchiveAssert(ArchiveFixture actual) {
    super(actual, ArchiveAssert.class);
    this.access = actual == null ? null : ArchiveAccess.open(actual.path());
  }

  /**
   * Checks the number of images (items of {@code manifest.json}).
   *
   * @param expected the count
   * @return this assert
   */
  public ArchiveAssert hasImageCount(int expected) {
    List<ManifestItem> items = reader().manifest();
    if (items.size() != expected) {
      failWithActualExpectedAndMessage(
          items.size(),
          expected,
          "%s",
          shouldHaveImageCount(
                  access.describe(), expected, items.size(), ImageSelector.allTags(items))
              .create(emptyDescription(), info.representation()));
    }
    return myself;
  }

  /**
   * Checks that an image is tagged {@code tag}; both sides are normalised as references, so {@code
   * busybox} matches a stored {@code docker.io/library/busybox:latest}.
   *
   * @param tag the tag
   * @return this assert
   */
  public ArchiveAssert hasImage(String tag) {
    List<ManifestItem> items = reader().manifest();
    if (ImageSelector.find(items, tag) < 0) {
      throwAssertionError(missingTag(tag, items));
    }
    return myself;
  }

  /**
   * Assertions on the first image tagged {@code tag} (normalised as in {@link #hasImage}).
   *
   * @param tag the tag
   * @return the image assert
   */
  public ImageAssert image(String tag) {
    ArchiveReader reader = reader();
    int index = ImageSelector.find(reader.manifest(), tag);
    if (index < 0) {
      return images.missing(assertionError(missingTag(tag, reader.manifest())), access);
    }
    return images.create(reader.imageSource(tagged(tag), -1), access);
  }

  /**
   * Assertions on the image at a position of {@code manifest.json}.
   *
   * @param index from 0
   * @return the image assert
   */
  public ImageAssert image(int index) {
    ArchiveReader reader = reader();
    int count = reader.manifest().size();
    if (index < 0 || index >= count) {
      return images.missing(
          assertionError(shouldHaveImage(access.describe(), index, count)), access);
    }
    return images.create(reader.imageSource(null, index), access);
  }

  /**
   * Verifies the archive completely with {@link ArchiveVerifier} (every image loads, every config
   * and layer hashes to its digest, no unsafe names); warnings are allowed.
   *
   * @return this assert
   */
  public ArchiveAssert isValid() {
    VerificationReport report =
        ArchiveVerifier.verify(reader(), ArchiveVerifier.ProgressListener.NONE);
    if (!report.isValid()) {
      throwAssertionError(shouldBeValid(access.describe(), formatted(report)));
    }
    return myself;
  }

  /**
   * Checks that verification reports an error or warning under a rule, for example {@code SRC-7}
   * for a layer whose content does not match its diffID.
   *
   * @param rule the rule ID
   * @return this assert
   */
  public ArchiveAssert hasVerificationProblem(String rule) {
    VerificationReport report =
        ArchiveVerifier.verify(reader(), ArchiveVerifier.ProgressListener.NONE);
    if (report.problems().stream().noneMatch(p -> rule.equals(p.rule()))) {
      throwAssertionError(
          shouldHaveVerificationProblem(access.describe(), rule, formatted(report)));
    }
    return myself;
  }

  /**
   * Checks that two archives hold the same images in the same order, with the same tags (after
   * normalisation), config digests and diffIDs, however they are laid out or compressed.
   *
   * @param expected the other archive, an open reader
   * @return this assert
   */
  public ArchiveAssert hasSameContentAs(ArchiveReader expected) {
    return sameContent(ArchiveAccess.borrow(expected));
  }

  /**
   * Checks that two archives have the same content; see {@link #hasSameContentAs(ArchiveReader)}.
   *
   * @param expected the other archive's file
   * @return this assert
   */
  public ArchiveAssert hasSameContentAs(Path expected) {
    return sameContent(ArchiveAccess.open(expected));
  }

  /**
   * Checks that two archives have the same content; see {@link #hasSameContentAs(ArchiveReader)}.
   *
   * @param expected the other synthetic archive
   * @return this assert
   */
  public ArchiveAssert hasSameContentAs(ArchiveFixture expected) {
    return sameContent(ArchiveAccess.open(expected.path()));
  }

  private ArchiveAssert sameContent(ArchiveAccess other) {
    List<ContentSummary.Image> mine = summary(access);
    List<ContentSummary.Image> theirs = summary(other);
    String difference = ContentSummary.difference(mine, theirs);
    if (difference != null) {
      failWithActualExpectedAndMessage(
          ContentSummary.lines(mine),
          ContentSummary.lines(theirs),
          "%s",
          shouldHaveSameContent(access.describe(), other.describe(), difference)
              .create(emptyDescription(), info.representation()));
    }
    return myself;
  }

  private List<ContentSummary.Image> summary(ArchiveAccess archive) {
    try {
      return ContentSummary.of(archive.reader());
    } catch (ArchiveException e) {
      throw assertionError(shouldBeReadable(archive.describe(), e));
    }
  }

  private ArchiveReader reader() {
    isNotNull();
    try {
      return access.reader();
    } catch (ArchiveException e) {
      throw assertionError(shouldBeReadable(access.describe(), e));
    }
  }

  private org.assertj.core.error.ErrorMessageFactory missingTag(
      String tag, List<ManifestItem> items) {
    return shouldHaveImage(
        access.describe(), tag, ImageSelector.normalise(tag), ImageSelector.allTags(items));
  }

  private static DockerReference tagged(String tag) {
    try {
      return DockerReference.parseNormalized(tag).withDefaultTag();
    } catch (ArchiveException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> formatted(VerificationReport report) {
    List<String> lines = new ArrayList<>();
    for (Problem p : report.problems()) {
      lines.add(p.format());
    }
    return lines;
  }
}
