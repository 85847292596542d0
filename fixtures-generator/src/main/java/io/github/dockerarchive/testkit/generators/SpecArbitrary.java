package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;
import org.apiguardian.api.API;

/**
 * A configurable {@link Arbitrary} of {@link ArchiveSpec}s, made by {@link
 * ArchiveArbitraries#specs()}. Every configuration method returns a new arbitrary and leaves this
 * one unchanged:
 *
 * <pre>{@code
 * Arbitrary<ArchiveSpec> specs = ArchiveArbitraries.specs()
 *     .images(1, 3)
 *     .layers(0, 4)
 *     .dialects(Dialect.DOCKER_LEGACY, Dialect.CONTAINERD)
 *     .withCorruptions();
 * }</pre>
 *
 * <p>Specs are combined from generated values (counts, enum constants, sizes), never from bytes, so
 * a failing spec shrinks to the smallest one that still fails: fewer images, fewer layers, fewer
 * files, smaller files, no tags, the simplest dialect ({@link Dialect#CONTAINERS_IMAGE}), no
 * compression, no corruption. Every spec it generates can be materialised ({@link
 * SyntheticArchives#whyInapplicable} is empty). Its edge cases are the known trouble, and only that
 * ({@link #edgeCaseSpecs()}): jqwik's combinations of the parts' edge cases would be thousands of
 * near-duplicates, crowding out the cases that have broken readers.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class SpecArbitrary extends ArbitraryDecorator<ArchiveSpec> {
  private SpecSettings settings = SpecSettings.defaults();
  private QuirkChoice quirks;

  /** The quirks applied to every spec: {@code min} to {@code max} distinct ones of {@code pool}. */
  private record QuirkChoice(List<Quirk> pool, int min, int max) {}

  /** Use {@link ArchiveArbitraries#specs()}. */
  SpecArbitrary() {}

  /**
   * The specs, with the known edge cases added. jqwik does not shrink edge cases added as values,
   * so a quirked arbitrary draws from the generated specs alone: the quirk is the unusual shape
   * there, and a failure must shrink to the simplest spec that carries it.
   */
  @Override
  protected Arbitrary<ArchiveSpec> arbitrary() {
    Arbitrary<ArchiveSpec> generated = SpecGenerators.specs(settings);
    if (quirks != null) {
      return SpecGenerators.quirked(generated, quirks.pool(), quirks.min(), quirks.max());
    }
    List<ArchiveSpec> edgeCases = edgeCaseSpecs();
    return generated.edgeCases(
        config -> {
          ArchiveSpec[] known = edgeCases.toArray(ArchiveSpec[]::new);
          config.add(known).includeOnly(known);
        });
  }

  /**
   * The specs added as edge cases under the current settings: those of {@link SpecEdgeCases} that
   * fit them (zero layers, the same layer twice, an untagged image, a docker-legacy layer stored
   * once and linked, an empty layer, a layer holding a 0-byte file, a name of exactly 100 bytes, a
   * layer shared by two images).
   *
   * @return the edge-case specs, possibly empty
   */
  public List<ArchiveSpec> edgeCaseSpecs() {
    List<ArchiveSpec> fitting = new ArrayList<>();
    for (ArchiveSpec spec : SpecEdgeCases.candidates(settings)) {
      if (settings.admits(spec) && SyntheticArchives.whyInapplicable(spec).isEmpty()) {
        fitting.add(spec);
      }
    }
    return fitting;
  }

  /**
   * Sets how many images a spec has (distinct images with identical configs are merged into one
   * {@code manifest.json} item when materialised, as Docker does).
   *
   * @param min at least 1
   * @param max at least {@code min}
   * @return a new arbitrary
   */
  public SpecArbitrary images(int min, int max) {
    return with(settings.withImages(min, max));
  }

  /**
   * Sets how many layers each image has.
   *
   * @param min at least 0
   * @param max at least {@code min}
   * @return a new arbitrary
   */
  public SpecArbitrary layers(int min, int max) {
    return with(settings.withLayers(min, max));
  }

  /**
   * Sets how many entries each layer has.
   *
   * @param min at least 0
   * @param max at least {@code min}
   * @return a new arbitrary
   */
  public SpecArbitrary files(int min, int max) {
    return with(settings.withFiles(min, max));
  }

  /**
   * Sets the largest regular file (default 8 KiB).
   *
   * @param bytes the largest file size
   * @return a new arbitrary
   */
  public SpecArbitrary maxFileSize(long bytes) {
    return with(settings.withMaxFileSize(bytes));
  }

  /**
   * Sets the most tags an image has (default 3; 0 makes every image untagged).
   *
   * @param max the most tags
   * @return a new arbitrary
   */
  public SpecArbitrary maxTags(int max) {
    return with(settings.withMaxTags(max));
  }

  /**
   * Whether later images may share bottom layers with the first (default true).
   *
   * @param shared false to give every image its own layers
   * @return a new arbitrary
   */
  public SpecArbitrary sharedLayers(boolean shared) {
    return with(settings.withSharedLayers(shared));
  }

  /**
   * Restricts the dialects (default: all of them).
   *
   * @param dialects the dialects to draw from
   * @return a new arbitrary
   */
  public SpecArbitrary dialects(Dialect... dialects) {
    return with(settings.withDialects(dialects));
  }

  /**
   * Restricts the outer compression of the archive (default: all, uncompressed most often).
   *
   * @param compressions the compressions to draw from
   * @return a new arbitrary
   */
  public SpecArbitrary compressions(Compression... compressions) {
    return with(settings.withCompressions(compressions));
  }

  /**
   * Restricts how layers are stored to these compressions, named in each layer (by default a layer
   * is also often left to its dialect's default).
   *
   * @param compressions the layer compressions to draw from
   * @return a new arbitrary
   */
  public SpecArbitrary layerCompressions(Compression... compressions) {
    return with(settings.withLayerCompressions(false, compressions));
  }

  /**
   * Stores every layer as its dialect stores layers (no compression named in the layer).
   *
   * @return a new arbitrary
   */
  public SpecArbitrary dialectDefaultLayers() {
    return with(settings.withLayerCompressions(true));
  }

  /**
   * Also generates corrupted archives: any {@link Corruption}, {@link Corruption#NONE} included
   * (and shrunk to).
   *
   * @return a new arbitrary
   */
  public SpecArbitrary withCorruptions() {
    return with(settings.withCorruptions(List.of(Corruption.values())));
  }

  /**
   * Generates only these corruptions ({@link Corruption#NONE} for valid archives).
   *
   * @param corruptions the corruptions to draw from
   * @return a new arbitrary
   */
  public SpecArbitrary corruptions(Corruption... corruptions) {
    return with(settings.withCorruptions(Arrays.asList(corruptions)));
  }

  /**
   * Generates only corrupted archives: every corruption but {@link Corruption#NONE}.
   *
   * @return a new arbitrary
   */
  public SpecArbitrary corruptedOnly() {
    return with(
        settings.withCorruptions(
            Arrays.stream(Corruption.values()).filter(c -> c != Corruption.NONE).toList()));
  }

  /**
   * Generates only valid archives (the default).
   *
   * @return a new arbitrary
   */
  public SpecArbitrary validOnly() {
    return corruptions(Corruption.NONE);
  }

  /**
   * Applies one quirk to every spec, drawn from {@code quirks} (every quirk of the catalogue but
   * the {@link Quirk#expensive() expensive} ones when none are given), after the spec is drawn: the
   * quirk's shape overrides what it shapes (the dialect, the outer compression, a corruption...),
   * and the spec lists it in {@link ArchiveSpec#quirks()}. A spec the quirk cannot shape is drawn
   * again. A failure shrinks to the simplest spec that still fails with the quirk kept: one image,
   * the fewest layers and files, no tags, the simplest dialect.
   *
   * <pre>{@code
   * ArchiveArbitraries.specs().withQuirk(Quirk.OUTER_GZIP, Quirk.DOCKER25_BLOB_PATHS)
   * }</pre>
   *
   * @param quirks the quirks to draw from; none means every quirk that is not expensive
   * @return a new arbitrary
   */
  public SpecArbitrary withQuirk(Quirk... quirks) {
    return withQuirks(1, 1, quirks);
  }

  /**
   * Applies between {@code min} and {@code max} distinct quirks to every spec, drawn from {@code
   * quirks} (every quirk but the {@link Quirk#expensive() expensive} ones when none are given; an
   * expensive quirk is drawn only when named) and applied in catalogue order; combinations that
   * contradict each other ({@link SyntheticArchives#whyInapplicable}) are drawn again. A failure
   * shrinks to the fewest quirks that still fail, on the simplest spec.
   *
   * @param min at least 0
   * @param max at least {@code min} and at most the number of quirks to draw from
   * @param quirks the quirks to draw from; none means every quirk that is not expensive
   * @return a new arbitrary
   * @throws IllegalArgumentException naming the bounds when they are out of range
   */
  public SpecArbitrary withQuirks(int min, int max, Quirk... quirks) {
    List<Quirk> pool =
        quirks.length == 0
            ? ArchiveArbitraries.cheapQuirks()
            : Arrays.stream(quirks).distinct().sorted().toList();
    if (min < 0 || max < min || max > pool.size()) {
      throw new IllegalArgumentException(
          "number of quirks: need 0 <= min <= max <= "
              + pool.size()
              + " (the quirks to draw from), got "
              + min
              + ".."
              + max);
    }
    SpecArbitrary copy = typedClone();
    copy.quirks = max == 0 ? null : new QuirkChoice(pool, min, max);
    return copy;
  }

  /**
   * Materialised archives of these specs. Inside a jqwik property the archives go to a temporary
   * directory of the property that is emptied after every try and deleted after the property; a
   * failing property prints the spec as JSON and the seed (see {@link ArchiveFixtureLifecycle}).
   *
   * @return an arbitrary of fixtures
   */
  public Arbitrary<ArchiveFixture> fixtures() {
    return map(FixtureFiles::materialize);
  }

  private SpecArbitrary with(SpecSettings changed) {
    SpecArbitrary copy = typedClone();
    copy.settings = changed;
    return copy;
  }

  SpecSettings settings() {
    return settings;
  }
}
