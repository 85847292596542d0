package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.EntryKind;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The arbitraries behind {@link SpecArbitrary}: values combined bottom-up (entry, layer, image,
 * archive). Each choice lists its simplest value first, so that shrinking, which moves towards the
 * first value of a choice, the low end of a range and the short end of a list, ends at the simplest
 * spec that still fails.
 */
final class SpecGenerators {
  private SpecGenerators() {}

  static Arbitrary<ArchiveSpec> specs(SpecSettings s) {
    Arbitrary<List<ImageDraft>> images =
        images(s).list().ofMinSize(s.minImages()).ofMaxSize(s.maxImages());
    return Combinators.combine(
            images,
            Arbitraries.of(s.dialects()),
            choice(s.compressions(), Compression.NONE, 6),
            choice(s.corruptions(), Corruption.NONE, 3),
            Arbitraries.longs().between(0, 999_999))
        .as(
            (drafts, dialect, compression, corruption, seed) ->
                new ArchiveSpec(ImageDraft.resolve(drafts), dialect, compression, corruption, seed))
        .filter(spec -> SyntheticArchives.whyInapplicable(spec).isEmpty());
  }

  /**
   * Specs with quirks applied: a spec of {@code specs}, then {@code min} to {@code max} distinct
   * quirks of {@code pool}, applied in catalogue order; combinations that cannot be materialised
   * ({@link SyntheticArchives#whyInapplicable}) are left out. The spec and the set of quirks shrink
   * independently: a failure that needs one quirk keeps it and shrinks the spec under it to the
   * simplest one, and a failure that needs fewer quirks loses the others.
   */
  static Arbitrary<ArchiveSpec> quirked(
      Arbitrary<ArchiveSpec> specs, List<Quirk> pool, int min, int max) {
    Arbitrary<List<Quirk>> chosen =
        Arbitraries.of(pool)
            .set()
            .ofMinSize(min)
            .ofMaxSize(max)
            .map(set -> set.stream().sorted(Comparator.naturalOrder()).toList());
    return Combinators.combine(specs, chosen)
        .as(SpecGenerators::apply)
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  /** The quirks applied to a spec in order, or empty when the result cannot be materialised. */
  static Optional<ArchiveSpec> apply(ArchiveSpec spec, List<Quirk> quirks) {
    ArchiveSpec shaped = spec;
    try {
      for (Quirk q : quirks) {
        shaped = q.applyTo(shaped);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
    return SyntheticArchives.whyInapplicable(shaped).isEmpty()
        ? Optional.of(shaped)
        : Optional.empty();
  }

  static Arbitrary<ImageDraft> images(SpecSettings s) {
    Arbitrary<List<TagStyle>> tags =
        Arbitraries.frequency(
                Tuple.of(6, TagStyle.SHORT),
                Tuple.of(2, TagStyle.QUALIFIED),
                Tuple.of(2, TagStyle.REGISTRY_PORT),
                Tuple.of(1, TagStyle.CANONICAL))
            .list()
            .ofMaxSize(s.maxTags());
    Arbitrary<List<LayerSpec>> layers =
        layers(s).list().ofMinSize(s.minLayers()).ofMaxSize(s.maxLayers());
    Arbitrary<Integer> shared =
        s.sharedLayers() && s.maxLayers() > 0
            ? Arbitraries.integers().between(0, s.maxLayers())
            : Arbitraries.just(0);
    Arbitrary<Boolean> repeat = Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
    return Combinators.combine(tags, layers, shared, repeat, Arbitraries.integers().between(0, 2))
        .as(ImageDraft::new);
  }

  static Arbitrary<LayerSpec> layers(SpecSettings s) {
    Arbitrary<List<FileDraft>> files =
        files(s).list().ofMinSize(s.minFiles()).ofMaxSize(s.maxFiles());
    return Combinators.combine(files, storage(s))
        .as((drafts, stored) -> new LayerSpec(FileDraft.resolve(drafts), stored.orElse(null)));
  }

  /**
   * How a layer is stored: a named compression, uncompressed first, or (last, so that shrinking
   * prefers naming the compression) the dialect's default.
   */
  static Arbitrary<Optional<Compression>> storage(SpecSettings s) {
    List<Tuple2<Integer, Optional<Compression>>> options = new ArrayList<>();
    for (Compression c : s.layerCompressions()) {
      options.add(Tuple.of(c == Compression.NONE ? 3 : 1, Optional.of(c)));
    }
    if (s.dialectDefaultLayers()) {
      options.add(Tuple.of(Math.max(1, options.size()), Optional.empty()));
    }
    return frequency(options);
  }

  static Arbitrary<FileDraft> files(SpecSettings s) {
    Arbitrary<EntryKind> kind =
        Arbitraries.frequency(
            Tuple.of(8, EntryKind.FILE),
            Tuple.of(2, EntryKind.DIRECTORY),
            Tuple.of(2, EntryKind.SYMLINK),
            Tuple.of(2, EntryKind.HARDLINK),
            Tuple.of(1, EntryKind.WHITEOUT),
            Tuple.of(1, EntryKind.OPAQUE_WHITEOUT));
    Arbitrary<PathStyle> style = choice(List.of(PathStyle.values()), PathStyle.SHORT, 12);
    Arbitrary<Long> size =
        Arbitraries.longs()
            .between(0, s.maxFileSize())
            .withDistribution(RandomDistribution.biased());
    return Combinators.combine(kind, style, size, Arbitraries.integers().between(0, 99))
        .as(FileDraft::new);
  }

  /** A choice among sorted values, the {@code common} one weighted {@code weight} to 1. */
  private static <T> Arbitrary<T> choice(List<T> values, T common, int weight) {
    if (values.size() == 1) {
      return Arbitraries.just(values.get(0));
    }
    List<Tuple2<Integer, T>> options = new ArrayList<>();
    for (T v : values) {
      options.add(Tuple.of(v.equals(common) ? weight : 1, v));
    }
    return frequency(options);
  }

  private static <T> Arbitrary<T> frequency(List<Tuple2<Integer, T>> options) {
    if (options.size() == 1) {
      return Arbitraries.just(options.get(0).get2());
    }
    @SuppressWarnings("unchecked")
    Tuple2<Integer, T>[] array = options.toArray(new Tuple2[0]);
    return Arbitraries.frequency(array);
  }
}
