package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apiguardian.api.API;

/**
 * jqwik arbitraries of synthetic docker-save archives: specs ({@link #specs()}, also shaped by
 * quirks), materialised fixtures, corruptions, quirks, dialects, compressions, tags, Docker
 * references and image selections.
 *
 * <pre>{@code
 * @Property(tries = 100)
 * void readsWhatWasWritten(@ForAll("archives") ArchiveFixture fixture) throws Exception { ... }
 *
 * @Provide
 * Arbitrary<ArchiveFixture> archives() {
 *   return ArchiveArbitraries.specs().images(1, 3).layers(0, 4).withCorruptions().fixtures();
 * }
 * }</pre>
 *
 * <p>Without {@code @Provide}, {@code @ForAll ArchiveSpec} and {@code @ForAll ArchiveFixture} get
 * {@link #specs()} configured by annotations ({@link ArchiveSpecProvider}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveArbitraries {
  private ArchiveArbitraries() {}

  /**
   * Specs of valid archives: 1 to 3 images of 0 to 4 layers of 0 to 4 entries (files up to 8 KiB,
   * directories, symbolic and hard links, whiteouts; deep, long, 100-byte, PAX-only and unicode
   * names), 0 to 3 tags each, shared and repeated layers, every dialect, every outer and layer
   * compression. Configure it with the methods of {@link SpecArbitrary}.
   *
   * @return the arbitrary
   */
  public static SpecArbitrary specs() {
    return new SpecArbitrary();
  }

  /**
   * Materialised archives of {@link #specs()}, for use inside a jqwik property.
   *
   * @return the arbitrary
   * @see SpecArbitrary#fixtures()
   */
  public static Arbitrary<ArchiveFixture> fixtures() {
    return specs().fixtures();
  }

  /**
   * Every corruption but {@link Corruption#NONE}, shrinking towards the first declared.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Corruption> corruptions() {
    return Arbitraries.of(
        Arrays.stream(Corruption.values()).filter(c -> c != Corruption.NONE).toList());
  }

  /**
   * Every quirk of the catalogue but the {@link Quirk#expensive() expensive} ones (entries of 8
   * GiB, about a minute each), which it never draws, shrinking towards the first declared. For
   * specs shaped by quirks use {@link SpecArbitrary#withQuirk(Quirk...)}; an expensive quirk is
   * drawn only where it is named, for example {@code Arbitraries.of(Quirk.OUTER_8_GIB_ENTRY)}.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Quirk> quirks() {
    return Arbitraries.of(cheapQuirks());
  }

  /** The quirks of the catalogue that are not {@link Quirk#expensive() expensive}. */
  static List<Quirk> cheapQuirks() {
    return Arrays.stream(Quirk.values()).filter(q -> !q.expensive()).toList();
  }

  /**
   * The quirks of one validity: {@link QuirkValidity#VALID} shapes every loader accepts, or {@link
   * QuirkValidity#DEFECT}s, shrinking towards the first declared; never an {@link Quirk#expensive()
   * expensive} one.
   *
   * @param validity valid or defect
   * @return the arbitrary
   * @throws IllegalArgumentException when the catalogue holds no quirk of that validity
   */
  public static Arbitrary<Quirk> quirks(QuirkValidity validity) {
    List<Quirk> quirks = cheapQuirks().stream().filter(q -> q.validity() == validity).toList();
    if (quirks.isEmpty()) {
      throw new IllegalArgumentException("the catalogue holds no " + validity + " quirk");
    }
    return Arbitraries.of(quirks);
  }

  /**
   * Every dialect, shrinking towards {@link Dialect#CONTAINERS_IMAGE}.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Dialect> dialects() {
    return Arbitraries.of(Dialect.class);
  }

  /**
   * Every compression, shrinking towards {@link Compression#NONE}.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Compression> compressions() {
    return Arbitraries.of(Compression.class);
  }

  /**
   * {@code RepoTags} entries as producers write them: short ({@code img0:t1}), qualified ({@code
   * example.com/team/img0:1.0}), with a registry port ({@code localhost:5000/img0:t1}) and
   * canonical ({@code docker.io/library/img0:t1}).
   *
   * @return the arbitrary
   */
  public static Arbitrary<String> tags() {
    return Combinators.combine(
            Arbitraries.of(TagStyle.class),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 9))
        .as((style, image, tag) -> style.render(image, tag));
  }

  /**
   * Tagged Docker references: {@link #tags()} parsed and normalised (REF-2).
   *
   * @return the arbitrary
   */
  public static Arbitrary<DockerReference> references() {
    return tags().map(ArchiveArbitraries::parse);
  }

  /**
   * References that select an image of a materialised archive, with the item each selects: any of
   * its tags, any {@code @index}, and the bare path when the archive holds exactly one item.
   *
   * @param fixture the archive
   * @return the arbitrary
   * @throws IllegalArgumentException when the archive has no items
   */
  public static Arbitrary<ImageSelection> selections(ArchiveFixture fixture) {
    String path = fixture.path().toString();
    List<ImageSelection> all = new ArrayList<>();
    for (ImageTruth image : fixture.images()) {
      all.add(new ImageSelection(reference(path, image.index()), image.index()));
      for (String tag : image.repoTags()) {
        all.add(new ImageSelection(reference(path, parse(tag)), image.index()));
      }
    }
    if (fixture.images().size() == 1) {
      all.add(0, new ImageSelection(reference(path, null), 0));
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("the archive has no images to select");
    }
    return Arbitraries.of(all);
  }

  /**
   * References that select no image of a materialised archive: a tag it does not hold, or an index
   * past its last item. A correct reader refuses them (ImageNotFoundException, SEL-*).
   *
   * @param fixture the archive
   * @return the arbitrary
   */
  public static Arbitrary<ArchiveReference> missingSelections(ArchiveFixture fixture) {
    String path = fixture.path().toString();
    List<String> held = new ArrayList<>();
    fixture.images().forEach(i -> i.repoTags().forEach(t -> held.add(parse(t).canonical())));
    Arbitrary<ArchiveReference> byTag =
        references().filter(r -> !held.contains(r.canonical())).map(r -> reference(path, r));
    Arbitrary<ArchiveReference> byIndex =
        Arbitraries.integers()
            .between(fixture.images().size(), fixture.images().size() + 5)
            .map(i -> reference(path, i));
    return Arbitraries.oneOf(byTag, byIndex);
  }

  private static DockerReference parse(String tag) {
    try {
      return DockerReference.parseNormalized(tag).withDefaultTag();
    } catch (InvalidReferenceException e) {
      throw new IllegalStateException("a generated tag must parse: " + tag, e);
    }
  }

  private static ArchiveReference reference(String path, DockerReference tagged) {
    try {
      return ArchiveReference.of(path, tagged);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static ArchiveReference reference(String path, int index) {
    try {
      return ArchiveReference.ofIndex(path, index);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
