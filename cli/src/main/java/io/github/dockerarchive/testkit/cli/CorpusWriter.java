package io.github.dockerarchive.testkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.generators.ArchiveArbitraries;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.RandomGenerator;

/**
 * Writes a corpus of varied archives drawn from {@link ArchiveArbitraries#specs()} with a seeded
 * {@link Random}, plus {@code index.json}. Archive {@code k} takes the dialect, corruption and
 * outer compression at {@code k} modulo their counts (7, 17 and 5: any 17 consecutive archives hold
 * every corruption, 119 every pair of dialect and corruption); the rest (images, layers, files,
 * tags, layer compressions) comes from the arbitrary. A draw whose corruption cannot apply to it is
 * drawn again; the same seed and count give the same corpus.
 */
final class CorpusWriter {
  private static final int GEN_SIZE = 100;
  private static final int DRAWS = 200;

  private CorpusWriter() {}

  /** Writes {@code count} archives and the index; returns the index. */
  static ObjectNode write(Path dir, int count, long seed, long maxFileSize, ProgressBar progress)
      throws IOException {
    Files.createDirectories(dir);
    List<ArchiveSpec> specs = drawAll(count, seed, maxFileSize);
    ObjectNode index = TruthJson.MAPPER.createObjectNode();
    index.put("seed", seed);
    index.put("count", count);
    ArrayNode archives = index.putArray("archives");
    for (int k = 0; k < count; k++) {
      ArchiveSpec spec = specs.get(k);
      String file = name(k, spec);
      ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve(file));
      ObjectNode entry = archives.addObject();
      entry.put("file", file);
      entry.set("spec", TruthJson.specTree(fixture));
      entry.set("truth", TruthJson.of(fixture, file));
      entry.set("expectedFailure", TruthJson.expectedFailure(spec.corruption()));
      progress.update(k + 1, count);
    }
    TruthJson.write(index, dir.resolve("index.json"));
    return index;
  }

  /**
   * Writes one archive per quirk of the catalogue whose validity is selected: the quirk applied to
   * {@link Quirk#baseSpec()} (with {@code seed} when given), named {@code <id>.tar} (plus the outer
   * compression's extension), and {@code index.json} listing each archive's file, quirk, spec and
   * truth. A quirk that cannot shape the base spec is listed under {@code skipped} with the reason,
   * and so is an {@link Quirk#expensive() expensive} one unless {@code includeExpensive}.
   */
  static ObjectNode writeQuirks(
      Path dir,
      String filter,
      Set<QuirkValidity> validities,
      boolean includeExpensive,
      Long seed,
      ProgressBar progress)
      throws IOException {
    Files.createDirectories(dir);
    ArchiveSpec base =
        seed == null ? Quirk.baseSpec() : Quirk.baseSpec().toBuilder().seed(seed).build();
    List<Quirk> selected =
        java.util.Arrays.stream(Quirk.values())
            .filter(q -> validities.contains(q.validity()))
            .toList();
    ObjectNode index = TruthJson.MAPPER.createObjectNode();
    index.put("quirks", filter);
    index.put("seed", base.seed());
    ArrayNode archives = index.putArray("archives");
    ArrayNode skipped = index.putArray("skipped");
    for (int k = 0; k < selected.size(); k++) {
      Quirk quirk = selected.get(k);
      ArchiveSpec spec = quirk.applyTo(base);
      Optional<String> why =
          quirk.expensive() && !includeExpensive
              ? Optional.of(
                  "expensive (an entry of 8 GiB, about a minute to write);"
                      + " --include-expensive writes it")
              : SyntheticArchives.whyInapplicable(spec);
      if (why.isPresent()) {
        ObjectNode entry = skipped.addObject();
        entry.set("quirk", TruthJson.quirk(quirk));
        entry.put("reason", why.get());
      } else {
        String file = quirk.id() + ".tar";
        ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve(file));
        ObjectNode entry = archives.addObject();
        entry.put("file", file);
        entry.set("quirk", TruthJson.quirk(quirk));
        entry.set("spec", TruthJson.specTree(fixture));
        entry.set("truth", TruthJson.of(fixture, file));
      }
      progress.update(k + 1, selected.size());
    }
    index.put("count", archives.size());
    TruthJson.write(index, dir.resolve("index.json"));
    return index;
  }

  /**
   * Draws the specs. jqwik memoises generators in a store that exists only inside a jqwik context
   * (a property, or {@code sample()}); the drawing therefore runs as the value of a one-off sample,
   * while the randomness stays ours: a {@link Random} seeded with {@code seed}.
   */
  static List<ArchiveSpec> drawAll(int count, long seed, long maxFileSize) {
    Supplier<List<ArchiveSpec>> drawing =
        () -> {
          RandomGenerator<ArchiveSpec> generator =
              ArchiveArbitraries.specs().maxFileSize(maxFileSize).generator(GEN_SIZE);
          Random random = new Random(seed);
          List<ArchiveSpec> specs = new ArrayList<>(count);
          for (int k = 0; k < count; k++) {
            specs.add(draw(generator, random, k));
          }
          return specs;
        };
    // not Arbitraries.just(...).map(...): that maps at once, outside the context
    return Arbitraries.integers().between(0, 0).map(ignored -> drawing.get()).sample();
  }

  static ArchiveSpec draw(RandomGenerator<ArchiveSpec> generator, Random random, int k) {
    Dialect dialect = pick(Dialect.values(), k);
    Corruption corruption = pick(Corruption.values(), k);
    Compression outer = pick(Compression.values(), k);
    for (int attempt = 0; attempt < DRAWS; attempt++) {
      ArchiveSpec drawn = generator.next(random).value();
      ArchiveSpec spec =
          drawn.toBuilder()
              .dialect(dialect)
              .compression(outer)
              .corruption(corruption)
              .seed(drawn.seed() + k)
              .build();
      if (SyntheticArchives.whyInapplicable(spec).isEmpty()) {
        return spec;
      }
    }
    // the jib dialects cannot hold two untagged images: fall back to the reference layout
    ArchiveSpec drawn = generator.next(random).value();
    return drawn.toBuilder()
        .dialect(Dialect.CONTAINERS_IMAGE)
        .compression(outer)
        .corruption(corruption)
        .build();
  }

  private static <T> T pick(T[] values, int k) {
    return values[k % values.length];
  }

  private static String name(int k, ArchiveSpec spec) {
    return String.format(
        Locale.ROOT,
        "archive-%04d-%s-%s%s.tar",
        k,
        spec.dialect().id(),
        spec.corruption().id(),
        spec.compression() == Compression.NONE
            ? ""
            : "-" + spec.compression().name().toLowerCase(Locale.ROOT));
  }
}
