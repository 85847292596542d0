package io.github.dockerarchive.testkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileContent;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code dockerarchive generate}: writes a synthetic archive from flags or a spec file, with its
 * truth; or a corpus of varied archives with an index. Deterministic: the same arguments give
 * byte-identical files.
 */
final class GenerateCommand implements Callable<Integer> {
  final CommandSpec spec =
      Specs.command(
          this,
          "generate",
          "Write a synthetic docker-save archive and, with --truth, what a correct reader must find"
              + " in it. The same arguments always give the same bytes.",
          "From flags: --images images of --layers layers, each layer one file of --layer-size"
              + " seeded bytes. From a spec: --spec FILE (the JSON --print-spec prints, or a failing"
              + " property reported). A corpus: --corpus DIR --count N --seed S writes N varied"
              + " archives (every dialect, compression and corruption) and DIR/index.json.",
          "Quirks: --quirk ID shapes the archive as a quirk of the catalogue (repeatable, combines"
              + " with the flags or --spec); --corpus DIR --quirks[=valid|defect|all] writes one"
              + " archive per quirk and DIR/index.json, leaving out the expensive quirks (entries of"
              + " 8 GiB) unless --include-expensive is given.");

  Integer images;
  Integer layers;
  Long layerSize;
  String dialect;
  String compression;
  String layerCompression;
  String layerContent;
  String corruption;
  List<String> quirks = new ArrayList<>();
  List<String> tags = new ArrayList<>();
  boolean untagged;
  Long seed;
  Path specFile;
  Path output;
  Path truth;
  boolean printSpec;
  Path corpus;
  int count;
  String quirkCorpus;
  boolean includeExpensive;
  boolean quiet;

  GenerateCommand() {
    spec.usageMessage().sortOptions(false);
    option(Integer.class, () -> images, v -> images = v, "--images", "N", "Images (default 1).");
    option(
        Integer.class,
        () -> layers,
        v -> layers = v,
        "--layers",
        "N",
        "Layers per image (default 1).");
    spec.addOption(
        Specs.option(Long.class, () -> layerSize, v -> layerSize = v, "--layer-size")
            .paramLabel("SIZE")
            .converters(new Sizes())
            .description(
                "Bytes of the file in each layer: 512, 10MiB, 1GiB, 5MB... (default 1KiB).")
            .build());
    option(
        String.class,
        () -> dialect,
        v -> dialect = v,
        "--dialect",
        "D",
        "Producer imitated: containers-image (default), docker-legacy, docker-hybrid,"
            + " containerd, go-containerregistry, jib, jib-legacy, docker-containerd-store.");
    option(
        String.class,
        () -> compression,
        v -> compression = v,
        "--compression",
        "C",
        "Whole-archive compression: none (default), gzip, bzip2, xz, zstd.");
    option(
        String.class,
        () -> layerCompression,
        v -> layerCompression = v,
        "--layer-compression",
        "C",
        "Layer compression: none, gzip, bzip2, xz, zstd (default: the dialect's).");
    option(
        String.class,
        () -> layerContent,
        v -> layerContent = v,
        "--layer-content",
        "K",
        "What the layer files hold: seeded (default) or zeros, which compress well:"
            + " --layer-size 8GiB --layer-content zeros --layer-compression zstd takes 270 KB"
            + " (gzip: 36 MiB).");
    option(
        String.class,
        () -> corruption,
        v -> corruption = v,
        "--corruption",
        "K",
        "Defect to build in, for example missing-layer or truncated (default none).");
    spec.addOption(
        Specs.strings(() -> quirks, v -> quirks = v, "--quirk")
            .paramLabel("Q")
            .description(
                "Shape the archive as this quirk of the catalogue, by id, for example outer-gzip"
                    + " (repeatable: the quirks are applied in order; combines with the other flags"
                    + " or --spec).")
            .build());
    spec.addOption(
        Specs.strings(() -> tags, v -> tags = v, "--tag")
            .paramLabel("T")
            .description(
                "Tag of the first image (repeatable; default " + FlagSpec.DEFAULT_TAG + ").")
            .build());
    spec.addOption(
        Specs.flag(() -> untagged, v -> untagged = v, "--untagged", "Leave every image untagged."));
    option(
        Long.class,
        () -> seed,
        v -> seed = v,
        "--seed",
        "S",
        "Seed of the content, or of the corpus draw (default 0).");
    option(
        Path.class,
        () -> specFile,
        v -> specFile = v,
        "--spec",
        "SPEC.json",
        "Build the archive this spec file describes (excludes the shape flags).");
    spec.addOption(
        Specs.option(Path.class, () -> output, v -> output = v, "-o", "--output")
            .paramLabel("OUT.tar")
            .description("The archive to write.")
            .build());
    option(
        Path.class, () -> truth, v -> truth = v, "--truth", "OUT.json", "Write the truth as JSON.");
    spec.addOption(
        Specs.flag(
            () -> printSpec,
            v -> printSpec = v,
            "--print-spec",
            "Print the spec as JSON on standard output."));
    option(
        Path.class,
        () -> corpus,
        v -> corpus = v,
        "--corpus",
        "DIR",
        "Write --count varied archives and index.json into DIR.");
    spec.addOption(
        Specs.option(int.class, () -> count, v -> count = v, "--count")
            .paramLabel("N")
            .description("Archives in a corpus (default 20).")
            .defaultValue("20")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> quirkCorpus, v -> quirkCorpus = v, "--quirks")
            .paramLabel("valid|defect|all")
            .arity("0..1")
            .fallbackValue("all")
            .description(
                "With --corpus DIR: write one archive per quirk of the catalogue (all, or only the"
                    + " valid ones or the defects), named by its id, and DIR/index.json.")
            .build());
    spec.addOption(
        Specs.flag(
            () -> includeExpensive,
            v -> includeExpensive = v,
            "--include-expensive",
            "With --corpus DIR --quirks: also write the expensive quirks (entries of 8 GiB, about"
                + " a minute each, small on disk), which are otherwise skipped and listed."));
    spec.addOption(Specs.flag(() -> quiet, v -> quiet = v, "--quiet", "No progress bar."));
    Specs.withStandardHelp(spec);
  }

  /** Adds an option with one value. */
  private <T> void option(
      Class<T> type, Supplier<T> get, Consumer<T> set, String name, String label, String text) {
    spec.addOption(Specs.option(type, get, set, name).paramLabel(label).description(text).build());
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (quirkCorpus != null) {
      return quirkCorpus(err);
    }
    if (includeExpensive) {
      throw usage(
          "--include-expensive goes with --corpus DIR --quirks (--quirk ID writes any quirk)");
    }
    if (corpus != null) {
      return corpus(err);
    }
    ArchiveSpec archive = archiveSpec();
    if (printSpec) {
      out.print(SpecJson.toJson(archive));
      out.flush();
    }
    if (output == null) {
      if (!printSpec) {
        throw usage("missing -o OUT.tar (or --print-spec, or --corpus DIR)");
      }
      return DockerArchiveCli.OK;
    }
    SyntheticArchives.whyInapplicable(archive)
        .ifPresent(
            why -> {
              throw usage("the spec cannot be generated: " + why);
            });
    ArchiveFixture fixture = SyntheticArchives.materialize(archive, output);
    if (truth != null) {
      TruthJson.write(TruthJson.of(fixture, output.getFileName().toString()), truth);
    }
    return DockerArchiveCli.OK;
  }

  private int corpus(PrintWriter err) throws Exception {
    if (specFile != null
        || output != null
        || printSpec
        || truth != null
        || shapeFlagsGiven()
        || !quirks.isEmpty()) {
      throw usage(
          "--corpus takes only --count, --seed and --layer-size (the largest file); each archive's"
              + " spec and truth go into DIR/index.json");
    }
    if (count < 1) {
      throw usage("--count must be at least 1, got " + count);
    }
    long maxFile = layerSize == null ? 8 << 10 : layerSize;
    try (ProgressBar bar = ProgressBar.ofItems(err, "generating", quiet)) {
      ObjectNode index = CorpusWriter.write(corpus, count, seed == null ? 0 : seed, maxFile, bar);
      if (!quiet) {
        err.printf(
            "%d archives and index.json written to %s%n", index.get("archives").size(), corpus);
      }
    }
    return DockerArchiveCli.OK;
  }

  private int quirkCorpus(PrintWriter err) throws Exception {
    if (corpus == null) {
      throw usage("--quirks writes a corpus: give --corpus DIR (or --quirk ID for one archive)");
    }
    if (specFile != null
        || output != null
        || printSpec
        || truth != null
        || shapeFlagsGiven()
        || layerSize != null
        || !quirks.isEmpty()
        || spec.commandLine().getParseResult().hasMatchedOption("--count")) {
      throw usage(
          "--corpus DIR --quirks takes only --seed: each quirk shapes Quirk.baseSpec(), and each"
              + " archive's spec and truth go into DIR/index.json");
    }
    Set<QuirkValidity> validities = validities(quirkCorpus);
    List<String> expensive =
        java.util.Arrays.stream(Quirk.values())
            .filter(q -> q.expensive() && validities.contains(q.validity()))
            .map(Quirk::id)
            .toList();
    if (!includeExpensive && !expensive.isEmpty()) {
      err.printf(
          "skipping %d expensive quirks (entries of 8 GiB, about a minute each;"
              + " --include-expensive writes them): %s%n",
          expensive.size(), String.join(", ", expensive));
    }
    try (ProgressBar bar = ProgressBar.ofItems(err, "generating", quiet)) {
      ObjectNode index =
          CorpusWriter.writeQuirks(
              corpus,
              quirkCorpus.toLowerCase(java.util.Locale.ROOT),
              validities,
              includeExpensive,
              seed,
              bar);
      if (!quiet) {
        err.printf(
            "%d quirk archives and index.json written to %s%n",
            index.get("archives").size(), corpus);
      }
    }
    return DockerArchiveCli.OK;
  }

  private Set<QuirkValidity> validities(String filter) {
    return switch (filter.toLowerCase(java.util.Locale.ROOT)) {
      case "all" -> EnumSet.allOf(QuirkValidity.class);
      case "valid" -> EnumSet.of(QuirkValidity.VALID);
      case "defect" -> EnumSet.of(QuirkValidity.DEFECT);
      default ->
          throw usage("unknown --quirks \"" + filter + "\"; expected one of valid, defect, all");
    };
  }

  private ArchiveSpec archiveSpec() throws Exception {
    List<Quirk> shapes = new ArrayList<>();
    for (String name : quirks) {
      try {
        shapes.add(Quirk.parse(name));
      } catch (IllegalArgumentException e) {
        throw usage("--quirk: " + e.getMessage());
      }
    }
    ArchiveSpec archive = unshapedSpec();
    for (Quirk q : shapes) {
      archive = q.applyTo(archive);
    }
    return archive;
  }

  private ArchiveSpec unshapedSpec() throws Exception {
    if (specFile != null) {
      if (shapeFlagsGiven() || layerSize != null || seed != null) {
        throw usage(
            "--spec excludes --images, --layers, --layer-size, --dialect, --compression,"
                + " --layer-compression, --layer-content, --corruption, --tag, --untagged and --seed");
      }
      return SpecJson.read(specFile);
    }
    try {
      return new FlagSpec(
              images == null ? 1 : images,
              layers == null ? 1 : layers,
              layerSize == null ? 1024 : layerSize,
              dialect == null ? Dialect.CONTAINERS_IMAGE : Dialect.parse(dialect),
              compression == null ? Compression.NONE : compression(compression),
              layerCompression == null ? null : compression(layerCompression),
              layerContent == null ? FileContent.SEEDED : FileContent.parse(layerContent),
              corruption == null ? Corruption.NONE : Corruption.parse(corruption),
              tags,
              untagged,
              seed == null ? 0 : seed)
          .toSpec();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private boolean shapeFlagsGiven() {
    return images != null
        || layers != null
        || dialect != null
        || compression != null
        || layerCompression != null
        || layerContent != null
        || corruption != null
        || !tags.isEmpty()
        || untagged;
  }

  static Compression compression(String text) {
    for (Compression c : Compression.values()) {
      if (c.name().equalsIgnoreCase(text) || c.label().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown compression \"" + text + "\"; expected one of none, gzip, bzip2, xz, zstd");
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
