package io.github.dockerarchive.testkit.assertj;

import static io.github.dockerarchive.testkit.assertj.ShouldBeReadable.shouldBeReadable;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveConfigDigest.shouldHaveConfigDigest;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveDiffIds.shouldHaveDiffIds;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveLayerCount.shouldHaveLayerCount;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveLayerFile.shouldHaveLayerFile;
import static io.github.dockerarchive.testkit.assertj.ShouldHaveTag.shouldHaveTag;
import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one image of an archive: its layers, config digest, diffIDs, tags and the files its
 * layers hold. The logic of {@link ImageAssert}; extend it for an assert of your own that adds
 * assertions and keeps its type through chains of inherited ones:
 *
 * <pre>{@code
 * public class AppImageAssert extends AbstractImageAssert<AppImageAssert, ImageSource> {
 *   public AppImageAssert(ImageSource actual) {
 *     super(actual, AppImageAssert.class);
 *   }
 *
 *   protected ImageSource openImage() {
 *     return actual;
 *   }
 *
 *   protected void closeImage(ImageSource image) {
 *     // the caller's
 *   }
 *
 *   public AppImageAssert hasEntrypointScript() {
 *     return hasLayerFile("app/entrypoint.sh");
 *   }
 * }
 *
 * new AppImageAssert(image).hasLayerCount(3).hasEntrypointScript().hasTag("app:1");
 * }</pre>
 *
 * <p>Each assertion opens the image with {@link #openImage}, reads it and lets it go with {@link
 * #closeImage} before it returns, whether it passes, fails or throws.
 *
 * @param <SELF> the type of the assert itself, returned by every assertion for chaining
 * @param <ACTUAL> the type of the image under test
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractImageAssert<SELF extends AbstractImageAssert<SELF, ACTUAL>, ACTUAL>
    extends AbstractAssert<SELF, ACTUAL> {

  /** True for the stand-in of a missing image under soft assertions: checks are skipped. */
  boolean skipped;

  /**
   * An assert on an image.
   *
   * @param actual the image
   * @param selfType the class of the concrete assert ({@code SELF})
   */
  protected AbstractImageAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * Opens the image for one assertion; {@link #closeImage} is called once the assertion is over.
   * Called only when the actual is not null.
   *
   * @return the image
   * @throws IOException if the image (or its archive) cannot be opened
   */
  protected abstract ImageSource openImage() throws IOException;

  /**
   * Lets go of an image {@link #openImage} opened. Closes it, which closes its reader if the source
   * owns one ({@link ImageSource#open}); override for an image the caller owns.
   *
   * @param image the image
   * @throws IOException if closing fails
   */
  protected void closeImage(ImageSource image) throws IOException {
    image.close();
  }

  /**
   * Names the image in failure messages.
   *
   * @return for example {@code image archive "/tmp/app.tar" image @0}
   */
  protected String describeImage() {
    return "image " + actual;
  }

  /**
   * Runs {@code use} on the image, open for this call only: opened with {@link #openImage}, let go
   * with {@link #closeImage} before this returns. For assertions of subclasses.
   *
   * @param use what to read; an {@link IOException} it throws fails the assertion as unreadable
   * @param <T> what {@code use} returns
   * @return what {@code use} returns
   * @throws AssertionError if the actual is null, the image cannot be opened or read, or {@code
   *     use} fails
   */
  protected final <T> T withImage(ImageFunction<T> use) {
    isNotNull();
    return Scoped.use(
        describeImage(),
        this::openImage,
        this::closeImage,
        use::apply,
        e -> assertionError(shouldBeReadable(describeImage(), e)));
  }

  /**
   * Checks the number of layers ({@code Layers} in {@code manifest.json}, duplicates included).
   *
   * <pre>{@code
   * // passes: the image has three layers
   * assertThat(archive).image("app:1").hasLayerCount(3);
   *
   * // fails with "Expecting image ... to have 2 layer(s) but it has 3: [...]"
   * assertThat(archive).image("app:1").hasLayerCount(2);
   * }</pre>
   *
   * @param expected the count
   * @return this assert
   */
  public SELF hasLayerCount(int expected) {
    if (!skipped) {
      withImage(image -> checkLayerCount(image, expected));
    }
    return myself;
  }

  /**
   * Checks the config digest (the image ID).
   *
   * <pre>{@code
   * // passes: the digest the synthetic archive's truth records
   * assertThat(fixture).image(0).hasConfigDigest(fixture.image(0).configDigest());
   *
   * // fails with "Expecting image ... to have config digest: sha256:00... but it has: sha256:..."
   * assertThat(fixture).image(0).hasConfigDigest(Digest.sha256(new byte[0]));
   * }</pre>
   *
   * @param expected the digest
   * @return this assert
   */
  public SELF hasConfigDigest(Digest expected) {
    if (!skipped) {
      withImage(image -> checkConfigDigest(image, expected));
    }
    return myself;
  }

  /**
   * Checks the config digest (the image ID).
   *
   * <pre>{@code
   * // passes: the digest, written out
   * assertThat(fixture).image(0).hasConfigDigest(fixture.image(0).configDigest().toString());
   *
   * // fails with "Expecting image ... to have config digest: sha256:0123... but it has: ..."
   * assertThat(fixture).image(0).hasConfigDigest("sha256:0123...");
   * }</pre>
   *
   * @param expected for example {@code sha256:0123...}
   * @return this assert
   * @throws IllegalArgumentException if {@code expected} is not a digest
   */
  public SELF hasConfigDigest(String expected) {
    return hasConfigDigest(parse(expected));
  }

  /**
   * Checks the config's diffIDs, bottom first, duplicates included.
   *
   * <pre>{@code
   * // passes: the diffIDs the synthetic archive's truth records
   * assertThat(fixture).image(0).hasDiffIds(fixture.image(0).diffIds());
   *
   * // fails with "Expecting image ... to have diffIDs (bottom first): [...] but it has: [...]"
   * assertThat(fixture).image(0).hasDiffIds(List.of(Digest.sha256(new byte[0])));
   * }</pre>
   *
   * @param expected the diffIDs
   * @return this assert
   */
  public SELF hasDiffIds(List<Digest> expected) {
    Objects.requireNonNull(expected, "The expected diffIDs must not be null");
    if (!skipped) {
      withImage(image -> checkDiffIds(image, expected));
    }
    return myself;
  }

  /**
   * Checks the config's diffIDs, bottom first, duplicates included.
   *
   * <pre>{@code
   * // passes: a one-layer image with that layer
   * assertThat(oneLayer).image(0).hasDiffIds(layerDiffId);
   *
   * // fails with "Expecting image ... to have diffIDs (bottom first): [...] but it has: [...]"
   * assertThat(oneLayer).image(0).hasDiffIds(layerDiffId, layerDiffId);
   * }</pre>
   *
   * @param expected the diffIDs
   * @return this assert
   */
  public SELF hasDiffIds(Digest... expected) {
    return hasDiffIds(List.of(expected));
  }

  /**
   * Checks that the file system the image's layers build holds a path: some layer adds it (or
   * something below it) and no higher layer whites it out.
   *
   * <pre>{@code
   * // passes: a layer adds etc/hosts and no higher layer deletes it
   * assertThat(archive).image(0).hasLayerFile("etc/hosts").hasLayerFile("/etc/hosts");
   *
   * // fails with "Expecting image ... to have the file: "etc/passwd" in its 2 layer(s), but it
   * // is deleted by whiteout "etc/.wh.passwd" in layer 1"
   * assertThat(archive).image(0).hasLayerFile("etc/passwd");
   * }</pre>
   *
   * @param path for example {@code etc/hosts} or {@code /etc/hosts}
   * @return this assert
   */
  public SELF hasLayerFile(String path) {
    Objects.requireNonNull(path, "The path must not be null");
    if (!skipped) {
      withImage(image -> checkLayerFile(image, path));
    }
    return myself;
  }

  /**
   * Checks that the image is tagged {@code tag}, compared after normalisation.
   *
   * <pre>{@code
   * // passes: the image is tagged docker.io/library/busybox:latest
   * assertThat(archive).image(0).hasTag("busybox").hasTag("busybox:latest");
   *
   * // fails with "Expecting image ... to be tagged: "busybox:1" (normalised:
   * // "docker.io/library/busybox:1") but its tags are: ["busybox:latest"]"
   * assertThat(archive).image(0).hasTag("busybox:1");
   * }</pre>
   *
   * @param tag for example {@code busybox} (= {@code docker.io/library/busybox:latest})
   * @return this assert
   */
  public SELF hasTag(String tag) {
    if (!skipped) {
      withImage(image -> checkTag(image, tag));
    }
    return myself;
  }

  /**
   * Checks the tags, config digest and diffIDs against what a synthetic archive's truth says; the
   * first difference fails.
   *
   * <pre>{@code
   * // passes: the image is what the spec made
   * assertThat(fixture).image(1).matches(fixture.image(1));
   *
   * // fails with "Expecting image ... to be tagged: ..." (another image's truth)
   * assertThat(fixture).image(0).matches(fixture.image(1));
   * }</pre>
   *
   * @param expected the truth of this image
   * @return this assert
   */
  public SELF matches(ImageTruth expected) {
    Objects.requireNonNull(expected, "The expected image must not be null");
    if (!skipped) {
      withImage(
          image -> {
            for (String tag : expected.repoTags()) {
              checkTag(image, tag);
            }
            checkConfigDigest(image, expected.configDigest());
            return checkDiffIds(image, expected.diffIds());
          });
    }
    return myself;
  }

  private Void checkLayerCount(ImageSource image, int expected) throws ArchiveException {
    List<LayerInfo> layers = image.layers();
    if (layers.size() != expected) {
      List<String> paths = new ArrayList<>();
      layers.forEach(l -> paths.add(l.path()));
      fail(
          shouldHaveLayerCount(describeImage(), expected, layers.size(), paths),
          layers.size(),
          expected);
    }
    return null;
  }

  private Void checkConfigDigest(ImageSource image, Digest expected) throws ArchiveException {
    Digest actualDigest = image.configDigest();
    if (!actualDigest.equals(expected)) {
      fail(
          shouldHaveConfigDigest(describeImage(), expected, actualDigest),
          actualDigest.toString(),
          String.valueOf(expected));
    }
    return null;
  }

  private Void checkDiffIds(ImageSource image, List<Digest> expected) throws ArchiveException {
    List<Digest> actualIds = image.diffIds();
    if (!actualIds.equals(expected)) {
      fail(
          shouldHaveDiffIds(describeImage(), expected, actualIds),
          actualIds.toString(),
          String.valueOf(expected));
    }
    return null;
  }

  private Void checkLayerFile(ImageSource image, String path) throws IOException {
    LayerFiles.Lookup found = LayerFiles.find(image, path);
    if (!found.present()) {
      throwAssertionError(
          shouldHaveLayerFile(
              describeImage(), LayerFiles.clean(path), image.layers().size(), found.deletedBy()));
    }
    return null;
  }

  private Void checkTag(ImageSource image, String tag) throws ArchiveException {
    ManifestItem item = image.selection().item();
    String wanted = ImageSelector.normalise(tag);
    if (wanted == null || !ImageSelector.normalisedTags(item).contains(wanted)) {
      throwAssertionError(shouldHaveTag(describeImage(), tag, wanted, item.repoTags()));
    }
    return null;
  }

  private void fail(ErrorMessageFactory message, Object actualValue, Object expectedValue) {
    failWithActualExpectedAndMessage(
        actualValue,
        expectedValue,
        "%s",
        message.create(emptyDescription(), info.representation()));
  }

  private static Digest parse(String digest) {
    try {
      return Digest.parse(digest);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException("not a digest: \"" + digest + "\": " + e.getMessage(), e);
    }
  }

  /**
   * What an assertion of a subclass reads from the open image ({@link #withImage}).
   *
   * @param <T> the result
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  public interface ImageFunction<T> {
    /**
     * Reads from the image.
     *
     * @param image the image, open for this call only
     * @return the result
     * @throws IOException if reading fails; the assertion then fails as unreadable
     */
    T apply(ImageSource image) throws IOException;
  }
}
