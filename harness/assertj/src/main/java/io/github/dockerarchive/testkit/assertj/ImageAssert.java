package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.ShouldBeReadable.shouldBeReadable;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveConfigDigest.shouldHaveConfigDigest;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveDiffIds.shouldHaveDiffIds;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveImage.shouldHaveImage;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveLayerCount.shouldHaveLayerCount;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveLayerFile.shouldHaveLayerFile;
import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one image of an archive: its layers, config digest, diffIDs, tags and the files its
 * layers hold. Get one from {@link ArchiveAssert#image(String)} or {@link
 * DockerArchiveAssertions#assertThat(ImageSource)}.
 *
 * <p>Non-final with a public constructor, so AssertJ soft assertions can proxy it.
 */
public class ImageAssert extends AbstractAssert<ImageAssert, ImageSource> {
  /** Keeps a file-backed archive open while this assert lives; null for a caller's reader. */
  ArchiveAccess access;

  /** True for the stand-in of a missing image under soft assertions: checks are skipped. */
  boolean skipped;

  /**
   * An assert on an image.
   *
   * @param actual the image
   */
  public ImageAssert(ImageSource actual) {
    super(actual, ImageAssert.class);
  }

  /**
   * Checks the number of layers ({@code Layers} in {@code manifest.json}, duplicates included).
   *
   * @param expected the count
   * @return this assert
   */
  public ImageAssert hasLayerCount(int expected) {
    if (begin()) {
      List<LayerInfo> layers = read(ImageSource::layers);
      if (layers.size() != expected) {
        List<String> paths = new ArrayList<>();
        layers.forEach(l -> paths.add(l.path()));
        fail(
            shouldHaveLayerCount(describe(), expected, layers.size(), paths),
            layers.size(),
            expected);
      }
    }
    return myself;
  }

  /**
   * Checks the config digest (the image ID).
   *
   * @param expected the digest
   * @return this assert
   */
  public ImageAssert hasConfigDigest(Digest expected) {
    if (begin()) {
      Digest actualDigest = read(ImageSource::configDigest);
      if (!actualDigest.equals(expected)) {
        fail(
            shouldHaveConfigDigest(describe(), expected, actualDigest),
            actualDigest.toString(),
            String.valueOf(expected));
      }
    }
    return myself;
  }

  /**
   * Checks the config digest (the image ID).
   *
   * @param expected for example {@code sha256:0123...}
   * @return this assert
   */
  public ImageAssert hasConfigDigest(String expected) {
    return hasConfigDigest(parse(expected));
  }

  /**
   * Checks the config's diffIDs, bottom first, duplicates included.
   *
   * @param expected the diffIDs
   * @return this assert
   */
  public ImageAssert hasDiffIds(List<Digest> expected) {
    if (begin()) {
      List<Digest> actualIds = read(ImageSource::diffIds);
      if (!actualIds.equals(expected)) {
        fail(
            shouldHaveDiffIds(describe(), expected, actualIds),
            actualIds.toString(),
            String.valueOf(expected));
      }
    }
    return myself;
  }

  /**
   * Checks the config's diffIDs, bottom first, duplicates included.
   *
   * @param expected the diffIDs
   * @return this assert
   */
  public ImageAssert hasDiffIds(Digest... expected) {
    return hasDiffIds(List.of(expected));
  }

  /**
   * Checks that the file system the image's layers build holds a path: some layer adds it (or
   * something below it) and no higher layer whites it out.
   *
   * @param path for example {@code etc/hosts} or {@code /etc/hosts}
   * @return this assert
   */
  public ImageAssert hasLayerFile(String path) {
    if (begin()) {
      LayerFiles.Lookup found = read(image -> LayerFiles.find(image, path));
      if (!found.present()) {
        int count = read(ImageSource::layers).size();
        throwAssertionError(
            shouldHaveLayerFile(describe(), LayerFiles.clean(path), count, found.deletedBy()));
      }
    }
    return myself;
  }

  /**
   * Checks that the image is tagged {@code tag}, compared after normalisation.
   *
   * @param tag for example {@code busybox} (= {@code docker.io/library/busybox:latest})
   * @return this assert
   */
  public ImageAssert hasTag(String tag) {
    if (begin()) {
      var item = read(ImageSource::selection).item();
      String wanted = ImageSelector.normalise(tag);
      if (wanted == null || !ImageSelector.normalisedTags(item).contains(wanted)) {
        throwAssertionError(shouldHaveImage(describe(), tag, wanted, item.repoTags()));
      }
    }
    return myself;
  }

  /**
   * Checks the tags, config digest and diffIDs against what a synthetic archive's truth says.
   *
   * @param expected the truth of this image
   * @return this assert
   */
  public ImageAssert matches(ImageTruth expected) {
    if (begin()) {
      for (String tag : expected.repoTags()) {
        hasTag(tag);
      }
      hasConfigDigest(expected.configDigest());
      hasDiffIds(expected.diffIds());
    }
    return myself;
  }

  private boolean begin() {
    if (skipped) {
      return false;
    }
    isNotNull();
    return true;
  }

  private String describe() {
    return "image " + actual.describe();
  }

  private void fail(ErrorMessageFactory message, Object actualValue, Object expectedValue) {
    failWithActualExpectedAndMessage(
        actualValue,
        expectedValue,
        "%s",
        message.create(emptyDescription(), info.representation()));
  }

  private Digest parse(String digest) {
    try {
      return Digest.parse(digest);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException("not a digest: \"" + digest + "\": " + e.getMessage(), e);
    }
  }

  private <T> T read(Read<T> what) {
    try {
      return what.apply(actual);
    } catch (IOException e) {
      throw assertionError(shouldBeReadable(describe(), e));
    }
  }

  @FunctionalInterface
  private interface Read<T> {
    T apply(ImageSource image) throws ArchiveException, IOException;
  }
}
