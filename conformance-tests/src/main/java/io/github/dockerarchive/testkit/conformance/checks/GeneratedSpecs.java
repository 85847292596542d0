package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;

import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.generators.ArchiveArbitraries;
import io.github.dockerarchive.testkit.generators.SpecArbitrary;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.RandomGenerator;

/**
 * Property-based round trips: specs drawn from the fixtures generator's {@link
 * ArchiveArbitraries#specs()} with a fixed seed (the same draws every run), each read and/or
 * written by the implementation and compared with what the spec holds. The checks that use them
 * (WR-1, SRC-6, ARC-1, ARC-5) keep their specs to the features of their rule, so that a failure is
 * attributable; the failure names the first failing spec, whose JSON is kept in the scratch
 * directory ({@code spec-K...spec.json}).
 */
final class GeneratedSpecs {
  /** The seed of every draw. */
  static final long SEED = 8_2026L;

  private static final int GEN_SIZE = 100;

  private GeneratedSpecs() {}

  /** Small, valid specs of the reference's dialect, uncompressed. */
  static SpecArbitrary plain() {
    return ArchiveArbitraries.specs()
        .layers(0, 3)
        .files(0, 3)
        .maxFileSize(4 << 10)
        .maxTags(1)
        .dialects(Dialect.CONTAINERS_IMAGE)
        .compressions(Compression.NONE)
        .layerCompressions(Compression.NONE)
        .validOnly();
  }

  /**
   * Draws specs with a seeded {@link Random}. jqwik builds generators only inside a jqwik context,
   * so the drawing runs as the value of a one-off {@code sample()} (as the corpus writer does),
   * while the randomness stays ours.
   */
  static List<ArchiveSpec> draw(SpecArbitrary arbitrary, int count, long seed) {
    Supplier<List<ArchiveSpec>> drawing =
        () -> {
          RandomGenerator<ArchiveSpec> generator = arbitrary.generator(GEN_SIZE);
          Random random = new Random(seed);
          List<ArchiveSpec> specs = new ArrayList<>(count);
          for (int attempts = 0; specs.size() < count && attempts < count * 50; attempts++) {
            ArchiveSpec spec = generator.next(random).value();
            if (SyntheticArchives.whyInapplicable(spec).isEmpty()) {
              specs.add(spec);
            }
          }
          return specs;
        };
    List<ArchiveSpec> specs = Arbitraries.integers().between(0, 0).map(i -> drawing.get()).sample();
    if (specs.size() < count) {
      throw new IllegalStateException(
          "drew only " + specs.size() + " usable specs of " + count + " from seed " + seed);
    }
    return specs;
  }

  static void writeRoundTrips(CheckContext c, int count) throws Exception {
    List<ArchiveSpec> specs = draw(plain().images(1, 1), count, SEED);
    for (int k = 0; k < specs.size(); k++) {
      String tag = "example.com/generated:" + k;
      try {
        Source source = WriteSupport.oci(c, c.path("spec-" + k), specs.get(k), 0, "s");
        Path target = WriteSupport.target(c, "out-" + k);
        c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + tag)));
        WriteSupport.requireSameImage(
            c, archive(target, ""), source.content(), List.of(tag), "the archive written");
      } catch (CheckFailure e) {
        throw failing(c, k, count, "spec-" + k + "-s.source.tar.spec.json", e);
      }
    }
  }

  static void multiRoundTrips(CheckContext c, int count) throws Exception {
    List<ArchiveSpec> specs = new ArrayList<>();
    for (ArchiveSpec spec : draw(plain().images(2, 3).sharedLayers(true), count * 3, SEED + 1)) {
      Set<ImageSpec> distinct = new HashSet<>(spec.images());
      if (distinct.size() == spec.images().size() && specs.size() < count) {
        specs.add(spec);
      }
    }
    require(specs.size() == count, "the suite drew too few specs of distinct images");
    for (int k = 0; k < specs.size(); k++) {
      ArchiveSpec spec = specs.get(k);
      try {
        Path layout = c.path("spec-" + k);
        List<Source> sources = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < spec.images().size(); i++) {
          Source s = WriteSupport.oci(c, layout, spec, i, "example.com/generated-" + k + ":" + i);
          sources.add(s);
          refs.add(s.reference());
        }
        Set<String> configs = new HashSet<>();
        sources.forEach(s -> configs.add(s.content().configDigest().toString()));
        if (configs.size() != sources.size()) {
          c.note("spec " + k + " skipped: two of its images have the same config");
          continue;
        }
        Path target = WriteSupport.target(c, "out-" + k);
        c.copySucceeds(CopyRequest.multi(refs, archive(target, "")));
        for (int i = 0; i < sources.size(); i++) {
          WriteSupport.requireSameImage(
              c,
              archive(target, ":@" + i),
              sources.get(i).content(),
              List.of("example.com/generated-" + k + ":" + i),
              "item @" + i);
        }
      } catch (CheckFailure e) {
        throw failing(
            c,
            k,
            count,
            "spec-" + k + "-example.com_generated-" + k + "_0.source.tar.spec.json",
            e);
      }
    }
  }

  static void reads(CheckContext c, String name, SpecArbitrary arbitrary, int count)
      throws Exception {
    List<ArchiveSpec> specs = draw(arbitrary, count, SEED + name.hashCode());
    for (int k = 0; k < specs.size(); k++) {
      String file = name + "-" + k + ".tar";
      try {
        ArchiveFixture fixture = c.fixture(file, specs.get(k));
        String out = WriteSupport.readDestination(c, name + "-" + k + "-read");
        c.copySucceeds(CopyRequest.of(archive(fixture.path(), ""), out));
        ImageContent got = WriteSupport.readBack(c, out, "the image read");
        ImageTruth truth = fixture.image(0);
        WriteSupport.requireRead(got, out, truth.configDigest(), truth.diffIds(), "the image read");
      } catch (CheckFailure e) {
        throw failing(c, k, count, file + ".spec.json", e);
      }
    }
  }

  private static CheckFailure failing(
      CheckContext c, int k, int count, String specFile, CheckFailure cause) {
    return new CheckFailure(
        "generated spec "
            + k
            + " of "
            + count
            + " ("
            + c.path(specFile)
            + "): "
            + cause.getMessage());
  }
}
