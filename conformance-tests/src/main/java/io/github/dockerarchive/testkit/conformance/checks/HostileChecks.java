package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.Level;
import io.github.dockerarchive.testkit.conformance.ReadOptions;
import io.github.dockerarchive.testkit.conformance.Rule;
import io.github.dockerarchive.testkit.conformance.Rules;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.hostile.Expectation;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.testing.TarBuilder;
import io.github.dockerarchive.testkit.testing.TestImage;
import io.github.dockerarchive.testkit.testing.TestImage.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Checks of SAFE, RD-3, RD-4 and the link rules of ARC-6: hostile and malformed input.
 *
 * <p>Every input of {@link HostileCorpus} that is read with the default options becomes one check,
 * named {@code RULE/hostile-CASE} after the rule the input breaks (or, for an odd but legal input,
 * the rule that makes it legal). Each runs as a copy {@code docker-archive:CASE.tar:@0 → dir:OUT}
 * (or {@code oci:OUT} when the implementation does not claim {@code read-to-dir}): an input that
 * must be refused must be refused cleanly (no success, no crash, no hang beyond the case's budget);
 * a legal one must be read, and the image read must be the one our reader sees. In both cases
 * nothing may change in the check's scratch directory outside {@code OUT}, and no file may appear
 * where escaping entry names would land ({@link HostileGuard}). Temporary files (SAFE-1) are judged
 * through the Java API, which can be given a private temporary directory; the shared {@code /tmp}
 * of a busy machine changes too often for a before/after comparison to prove a leak.
 *
 * <p>Further checks reach what a copy cannot: links to files of the host whose bytes are exactly
 * the layer expected (so a reader that follows them succeeds instead of failing on a digest),
 * RD-4's description of what an archive without {@code manifest.json} holds, and, through the Java
 * API, checked exceptions for every malformed input (SAFE-1), decompression caps (SAFE-3) and
 * configurable limits (RD-3).
 */
public final class HostileChecks {
  /** The time one copy of an ordinary hostile input may take; more is a hang. */
  static final Duration BUDGET = Duration.ofSeconds(60);

  /** The time one copy of a big input may take (a gigabyte to inflate, 100,000 entries). */
  static final Duration BIG_BUDGET = Duration.ofSeconds(240);

  /** The copy's destination directory in the check's scratch directory. */
  private static final String OUT = "out";

  private HostileChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    for (HostileCase c : HostileCorpus.cases()) {
      if (c.defaultOptions()) {
        all.add(corpusCheck(c));
      }
    }
    all.add(
        Check.of(
            "SAFE-2",
            "layer-symlink-to-host-file",
            "a layer entry that is a symlink to an absolute path outside the archive, where a file"
                + " with exactly the expected layer bytes lies, is refused, not followed",
            Set.of(Capability.READ),
            c -> hostLink(c, false)));
    all.add(
        Check.of(
            "SAFE-2",
            "layer-hardlink-to-host-file",
            "a layer entry that is a hard link to an absolute path outside the archive, where a"
                + " file with exactly the expected layer bytes lies, is refused, not followed",
            Set.of(Capability.READ),
            c -> hostLink(c, true)));
    all.add(
        Check.of(
            "SAFE-2",
            "layer-symlink-climbing-above-root",
            "a layer symlink ../../blob.tar that leaves the archive is refused, not clamped to the"
                + " archive's root (where blob.tar holds the expected layer)",
            Set.of(Capability.READ),
            HostileChecks::climbingLink));
    all.add(
        Check.javaApi(
            "SAFE-1",
            "no-temporary-file-left",
            "through the Java API with a private temporary directory, gzip-compressed malformed"
                + " archives (which a reader decompresses to a temporary file before it finds the"
                + " fault) end in a checked error, and no temporary file is left",
            HostileChecks::compressedFailures));
    all.add(
        new Check(
            "RD-4/message-names-oci-layout",
            atLevel("RD-4", Level.SHOULD, "the error's text"),
            "an OCI layout tar without manifest.json is refused with an error that names"
                + " manifest.json and says the archive is an OCI layout",
            Set.of(Capability.READ),
            false,
            c -> missingManifestMessage(c, true)));
    all.add(
        new Check(
            "RD-4/message-names-pre-1.10-save",
            atLevel("RD-4", Level.SHOULD, "the error's text"),
            "a pre-1.10 docker save (repositories and <id>/layer.tar only) is refused with an"
                + " error that names manifest.json and says what the archive is",
            Set.of(Capability.READ),
            false,
            c -> missingManifestMessage(c, false)));
    all.add(
        Check.javaApi(
            "SAFE-1",
            "java-api-checked-errors",
            "through the Java API, every malformed input of the hostile corpus ends in a checked"
                + " exception with a message (never an unchecked one or an Error) and leaves no"
                + " temporary file",
            c -> javaApiErrors(c, false)));
    all.add(
        new Check(
            "SAFE-1/java-api-messages-name-fault",
            atLevel("SAFE-1", Level.SHOULD, "the error's text"),
            "through the Java API, the error of every malformed input names the fault in the"
                + " words RULES.md and the reference use (the corpus's expected fragment)",
            Set.of(),
            true,
            c -> javaApiErrors(c, true)));
    all.add(
        Check.javaApi(
            "SAFE-3",
            "layer-cap",
            "with a 64 MiB cap on each layer, a 1 MiB gzip layer that inflates to 1 GiB is refused"
                + " with a checked error, without inflating it all, and no temporary file is left",
            c -> cap(c, "gzip-bomb-layer-capped", ReadOptions.defaults().withMaxLayerSize(CAP))));
    all.add(
        Check.javaApi(
            "SAFE-3",
            "archive-cap",
            "with a 64 MiB cap on the archive, a gzip archive that inflates to 1 GiB is refused"
                + " with a checked error and its partial temporary file is deleted",
            c ->
                cap(
                    c,
                    "gzip-bomb-archive-capped",
                    ReadOptions.defaults().withMaxArchiveSize(CAP))));
    all.add(
        Check.javaApi(
            "RD-3",
            "limits-configurable",
            "the manifest.json and config limits can be lowered (a small archive is then refused"
                + " with an error naming the limit) and raised (a 1 MiB + 1 manifest then reads)",
            HostileChecks::configurableLimits));
    return List.copyOf(all);
  }

  private static final long CAP = HostileCorpus.CAP;

  // ---------------------------------------------------------------------------------------------
  // The corpus through copies

  /**
   * The rule a corpus input is checked under: the rule it breaks, or for a legal input the rule
   * that makes it legal.
   *
   * @param c the case
   * @return a rule ID of RULES.md
   */
  static String ruleOf(HostileCase c) {
    if (RESOURCE_BOUND.contains(c.name())) {
      return "SAFE-1";
    }
    if (c.expectation().rule() != null) {
      return c.expectation().rule();
    }
    return switch (c.name()) {
      case "synthetic-duplicate-entries", "duplicate-manifest-first-wins" -> "ARC-7";
      case "truncated-before-trailer", "truncated-in-trailer" -> "SAFE-4";
      case "gnu-long-name-layer" -> "ARC-1";
      case "dot-slash-names" -> "ARC-4";
      case "non-utf8-unreferenced-name" -> "ARC-3";
      case "symlink-chain-8" -> "ARC-6";
      case "gzip-bomb-layer-uncapped", "gzip-bomb-archive-uncapped" -> "SAFE-3";
      case "manifest-exactly-1mib" -> "RD-3";
      case "ten-thousand-images" -> "SEL-3";
      case "hundred-thousand-entries" -> "RD-2";
      case "diff-ids-sha512" -> "SRC-6";
      default -> "SAFE-1";
    };
  }

  /**
   * Inputs whose refusal depends on the memory the reader has: the corpus expects a refusal under
   * its small test heap, but with enough memory reading them correctly is as legal. Either outcome
   * passes; a crash (an OutOfMemoryError), a hang or a wrong image fails SAFE-1.
   */
  private static final Set<String> RESOURCE_BOUND = Set.of("xz-huge-dictionary-layer");

  private static Check corpusCheck(HostileCase c) {
    Expectation e = c.expectation();
    String title =
        (RESOURCE_BOUND.contains(c.name())
                ? "refused cleanly or read correctly: "
                : e.rejects() ? "refused cleanly: " : "read: ")
            + c.description()
            + (e.rejects() ? "" : " (" + e.images() + " image" + (e.images() == 1 ? ")" : "s)"));
    return Check.of(
        ruleOf(c), "hostile-" + c.name(), title, Set.of(Capability.READ), x -> copyCase(x, c));
  }

  private static List<String> selectors(HostileCase c) {
    if (c.selector() == null) {
      int images = c.expectation().rejects() ? 1 : c.expectation().images();
      return images > 1 ? List.of(":@0", ":@" + (images - 1)) : List.of(":@0");
    }
    return List.of(c.selector().isEmpty() ? "" : ":" + c.selector());
  }

  private static void copyCase(CheckContext ctx, HostileCase c) throws Exception {
    Path input = c.materialize(ctx.scratch());
    ctx.note(
        "input: the hostile corpus's case "
            + c.name()
            + " (HostileCorpus.cases(), written to "
            + input
            + "): "
            + c.description());
    List<String> selectors = selectors(c);
    List<Path> outs = new ArrayList<>();
    for (int i = 0; i < selectors.size(); i++) {
      outs.add(ctx.path(i == 0 ? OUT : OUT + i));
    }
    HostileGuard guard = HostileGuard.before(ctx.scratch(), Set.copyOf(outs));
    Duration budget = c.big() ? BIG_BUDGET : BUDGET;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < selectors.size() && problems.isEmpty(); i++) {
      String source = CheckContext.archive(input, selectors.get(i));
      CopyRequest request = CopyRequest.of(source, destination(ctx, outs.get(i)));
      Optional<ImplementationException> outcome = copyWithin(ctx, request, budget);
      if (RESOURCE_BOUND.contains(c.name())
          && outcome.map(x -> x.kind() == ImplementationException.Kind.REFUSED).orElse(false)) {
        continue;
      } else if (RESOURCE_BOUND.contains(c.name()) && outcome.isEmpty()) {
        judgeRead(ctx, c, source, outs.get(i), outcome).ifPresent(problems::add);
      } else if (c.expectation().rejects()) {
        judgeRefusal(ctx, c, outcome).ifPresent(problems::add);
      } else {
        judgeRead(ctx, c, source, outs.get(i), outcome).ifPresent(problems::add);
      }
    }
    problems.addAll(guard.breaches());
    if (!problems.isEmpty()) {
      throw new CheckFailure(c.name() + ": " + String.join("; ", problems));
    }
  }

  private static Optional<String> judgeRefusal(
      CheckContext ctx, HostileCase c, Optional<ImplementationException> outcome) {
    if (outcome.isEmpty()) {
      return Optional.of(
          "accepted a malformed input that must be refused (" + c.expectation() + ")");
    }
    ImplementationException e = outcome.get();
    return switch (e.kind()) {
      case REFUSED -> limitNamed(ctx, c, e);
      case CRASHED ->
          Optional.of("crashed instead of refusing cleanly (SAFE-1): " + oneLine(e.getMessage()));
      case TIMED_OUT ->
          Optional.of("hung instead of refusing (SAFE-1): " + oneLine(e.getMessage()));
    };
  }

  /**
   * A message in lower case with the check's scratch paths taken out (they hold the check's ID and
   * the input's name, which must not count as the message's own words).
   */
  private static String withoutPaths(CheckContext ctx, String message) {
    String m = String.valueOf(message);
    for (Path p = ctx.scratch().toAbsolutePath(); p != null; p = p.getParent()) {
      if (p.getNameCount() > 1) {
        m = m.replace(p.toString(), "");
      }
    }
    return m.toLowerCase(Locale.ROOT);
  }

  /** RD-3: the refusal of an oversized manifest or config names the limit. */
  private static Optional<String> limitNamed(
      CheckContext ctx, HostileCase c, ImplementationException e) {
    if (!"RD-3".equals(c.expectation().rule())) {
      return Optional.empty();
    }
    long limit =
        c.expectation().fragment().contains("4194304")
            ? ReaderOptions.DEFAULT_CONFIG_LIMIT
            : ReaderOptions.DEFAULT_MANIFEST_LIMIT;
    String message = withoutPaths(ctx, e.getMessage());
    String mib = (limit >> 20) + " mib";
    if (message.contains(Long.toString(limit)) || message.contains(mib)) {
      return Optional.empty();
    }
    return Optional.of(
        "refused, but the error does not name the limit ("
            + limit
            + " bytes): "
            + oneLine(e.getMessage()));
  }

  private static Optional<String> judgeRead(
      CheckContext ctx,
      HostileCase c,
      String source,
      Path out,
      Optional<ImplementationException> outcome)
      throws IOException {
    if (outcome.isPresent()) {
      ImplementationException e = outcome.get();
      return Optional.of(
          "a legal input ("
              + c.expectation()
              + ") was not read: "
              + e.kind()
              + ": "
              + oneLine(e.getMessage()));
    }
    ImageContent got;
    boolean toDir = toDir(ctx);
    try {
      got =
          toDir
              ? ctx.readDir(out, "the image read from " + source)
              : ctx.readOci(out, CheckContext.OCI_NAME, "the image read from " + source);
    } catch (CheckFailure f) {
      return Optional.of(f.getMessage());
    }
    Expected expected = expected(source);
    // oci: may hold a converted config (skopeo writes an OCI config); dir: keeps its bytes.
    if (toDir && !java.util.Arrays.equals(got.config(), expected.config())) {
      return Optional.of(
          "the image read from "
              + source
              + " has the config "
              + got.configDigest()
              + ", not the archive's "
              + Digest.sha256(expected.config()));
    }
    if (!got.diffIds().equals(expected.diffIds())) {
      return Optional.of(
          "the layers read from "
              + source
              + " have the contents "
              + got.diffIds()
              + ", not the archive's "
              + expected.diffIds());
    }
    return Optional.empty();
  }

  private record Expected(byte[] config, List<Digest> diffIds) {}

  /**
   * Whether reads go to {@code dir:}, which keeps the manifest and config as read (when the
   * implementation claims it), rather than {@code oci:}.
   */
  private static boolean toDir(CheckContext ctx) {
    return ctx.implementation().capabilities().contains(Capability.READ_TO_DIR);
  }

  /** The destination of a read: {@code dir:OUT} when claimed, else {@code oci:OUT:conformance}. */
  private static String destination(CheckContext ctx, Path out) {
    return toDir(ctx) ? "dir:" + out : CheckContext.oci(out);
  }

  /**
   * What our reader sees in the selected image: its config bytes and its layers' sha256 diffIDs
   * (read from the config when they are sha256, which spares reading a gigabyte twice; hashed
   * otherwise).
   */
  private static Expected expected(String source) throws IOException {
    try (ImageSource in =
        ImageSource.open(ArchiveReference.parseTransport(source), ReaderOptions.defaults())) {
      List<Digest> diffIds = new ArrayList<>();
      boolean allSha256 = true;
      for (LayerInfo l : in.layers()) {
        diffIds.add(l.diffId());
        allSha256 &= l.diffId().toString().startsWith("sha256:");
      }
      if (allSha256) {
        return new Expected(in.configBytes(), diffIds);
      }
    }
    ImageContent ours = ImageContent.ofArchive(source);
    return new Expected(ours.config(), ours.diffIds());
  }

  /**
   * Runs a copy with a time budget; a copy that takes longer is a hang, and one that throws instead
   * of reporting is a crash.
   */
  static Optional<ImplementationException> copyWithin(
      CheckContext ctx, CopyRequest request, Duration budget) throws InterruptedException {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "hostile-copy");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Optional<ImplementationException>> f = executor.submit(() -> ctx.copy(request));
      try {
        return f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        f.cancel(true);
        ctx.note("  -> no answer within " + budget.toSeconds() + " s; stopped");
        return Optional.of(
            new ImplementationException(
                ImplementationException.Kind.TIMED_OUT,
                "no answer within " + budget.toSeconds() + " s",
                null));
      } catch (ExecutionException e) {
        return Optional.of(
            new ImplementationException(
                ImplementationException.Kind.CRASHED, String.valueOf(e.getCause()), e.getCause()));
      }
    } finally {
      executor.shutdownNow();
    }
  }

  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String s = message.strip().replaceAll("\\s*\\R\\s*", " | ");
    return s.length() > 200 ? s.substring(0, 197) + "..." : s;
  }

  /**
   * Must-reject inputs whose fault lies inside the tar (open, load and read stages), to be
   * gzip-compressed so that a reader spools them to a temporary file first; and the truncated gzip,
   * whose decompression itself fails.
   */
  private static final List<String> COMPRESSED_FAILURES =
      List.of(
          "truncated-gzip",
          "truncated-in-layer-data",
          "bad-checksum-manifest-header",
          "manifest-empty",
          "symlink-self-loop",
          "config-no-rootfs",
          "synthetic-layer-digest-mismatch");

  private static void compressedFailures(CheckContext ctx) throws Exception {
    Path inputs = ctx.directory("inputs");
    List<Path> files = new ArrayList<>();
    for (HostileCase c : HostileCorpus.cases()) {
      if (!COMPRESSED_FAILURES.contains(c.name())) {
        continue;
      }
      Path plain = c.materialize(inputs);
      byte[] bytes = Files.readAllBytes(plain);
      Path file = plain;
      if (io.github.dockerarchive.testkit.image.Compression.detect(bytes, bytes.length)
          == io.github.dockerarchive.testkit.image.Compression.NONE) {
        file = inputs.resolve(c.name() + ".tar.gz");
        Files.write(
            file,
            TarBuilder.compress(bytes, io.github.dockerarchive.testkit.image.Compression.GZIP));
        Files.delete(plain);
      }
      files.add(file);
    }
    if (files.size() != COMPRESSED_FAILURES.size()) {
      throw new IllegalStateException("hostile cases missing: expected " + COMPRESSED_FAILURES);
    }
    ctx.note(
        "inputs: the hostile corpus's cases "
            + COMPRESSED_FAILURES
            + ", gzip-compressed (except truncated-gzip, which is), in "
            + inputs);
    JavaApi api = api(ctx);
    Path tmp = ctx.directory("tmp");
    ctx.note("each opened through the Java API with the temporary directory " + tmp);
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      ApiRead read =
          readThroughApi(
              api,
              CheckContext.archive(file, ":@0"),
              ReadOptions.defaults().withTemporaryDirectory(tmp),
              BUDGET);
      if (read.error() instanceof CheckUnsupported u) {
        throw u;
      }
      // Accepting one is the failure of its own rule's check; here only the clean end counts.
      if (read.hung()) {
        problems.add(name + ": no answer within " + BUDGET.toSeconds() + " s");
      } else if (read.error() instanceof RuntimeException || read.error() instanceof Error) {
        problems.add(name + ": unchecked " + read.error());
      }
      Set<String> left = HostileGuard.names(tmp);
      if (!left.isEmpty()) {
        problems.add(name + ": left temporary files " + left);
        for (String n : left) {
          FileTrees.delete(tmp.resolve(n));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(String.join("; ", problems));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Links that leave the archive, where following them would succeed

  /** The one-layer image of the link checks. */
  private static TestImage linkImage() {
    return new TestImage().tags("hostile/link:1").layer(Layer.of("a.txt", "alpha"));
  }

  private static byte[] linkArchive(TestImage image, String layerPath, Consumer<TarBuilder> links) {
    TarBuilder tar = new TarBuilder();
    links.accept(tar);
    tar.file(image.configPath(), image.configBytes());
    com.fasterxml.jackson.databind.node.ObjectNode item = image.manifestItem();
    item.putArray("Layers").add(layerPath);
    tar.file("manifest.json", TestImage.toJson(TestImage.JSON.createArrayNode().add(item)));
    return tar.build();
  }

  private static void hostLink(CheckContext ctx, boolean hard) throws Exception {
    TestImage image = linkImage();
    Path host = ctx.directory("host").resolve("layer.tar").toAbsolutePath();
    Files.write(host, image.storedLayer(0));
    String target = host.toString();
    byte[] tar =
        linkArchive(
            image,
            "l/layer.tar",
            t -> {
              if (hard) {
                t.hardlink("l/layer.tar", target);
              } else {
                t.symlink("l/layer.tar", target);
              }
            });
    Path input = TarBuilder.write(ctx.path("link.tar"), tar);
    ctx.note(
        "input: "
            + input
            + ", whose only layer is a "
            + (hard ? "hard link" : "symlink")
            + " to "
            + host
            + " (a file of the host holding exactly the layer's bytes)");
    refuseWithinGuard(
        ctx,
        input,
        "a layer that is a "
            + (hard ? "hard link" : "symlink")
            + " to "
            + host
            + ", outside the archive (it read the host's file)");
  }

  private static void climbingLink(CheckContext ctx) throws Exception {
    TestImage image = linkImage();
    byte[] tar =
        linkArchive(
            image,
            "l/layer.tar",
            t -> {
              t.file("blob.tar", image.storedLayer(0));
              t.symlink("l/layer.tar", "../../blob.tar");
            });
    Path input = TarBuilder.write(ctx.path("climb.tar"), tar);
    ctx.note(
        "input: "
            + input
            + ", whose layer l/layer.tar is a symlink to ../../blob.tar (leaves the archive by"
            + " one level; clamped at the root it would name blob.tar, the right bytes)");
    refuseWithinGuard(
        ctx, input, "a layer symlink ../../blob.tar that leaves the archive (it clamped the link)");
  }

  private static void refuseWithinGuard(CheckContext ctx, Path input, String what)
      throws Exception {
    Path out = ctx.path(OUT);
    HostileGuard guard = HostileGuard.before(ctx.scratch(), Set.of(out));
    CopyRequest request = CopyRequest.of(CheckContext.archive(input, ":@0"), CheckContext.oci(out));
    Optional<ImplementationException> outcome = copyWithin(ctx, request, BUDGET);
    List<String> problems = new ArrayList<>();
    if (outcome.isEmpty()) {
      problems.add("accepted " + what);
    } else if (outcome.get().kind() != ImplementationException.Kind.REFUSED) {
      problems.add(
          outcome.get().kind() + " instead of refusing: " + oneLine(outcome.get().getMessage()));
    }
    problems.addAll(guard.breaches());
    if (!problems.isEmpty()) {
      throw new CheckFailure(String.join("; ", problems));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // RD-4: what an archive without manifest.json is

  private static Rule atLevel(String ruleId, Level level, String aspect) {
    Rule r = Rules.byId(ruleId);
    return new Rule(r.id(), level, r.summary() + " (" + aspect + ", checked at " + level + ")");
  }

  private static void missingManifestMessage(CheckContext ctx, boolean oci) throws Exception {
    TarBuilder tar = new TarBuilder();
    List<String> words;
    if (oci) {
      byte[] blob = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
      tar.file("blobs/sha256/" + Digest.sha256(blob).hex(), blob);
      tar.file(
          "index.json",
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
              + "\"manifests\":[]}");
      words = List.of("oci", "index.json");
    } else {
      String id = "a".repeat(64);
      tar.file("repositories", "{\"busybox\":{\"latest\":\"" + id + "\"}}");
      tar.file(id + "/VERSION", "1.0");
      tar.file(id + "/json", "{\"id\":\"" + id + "\"}");
      tar.file(id + "/layer.tar", new byte[0]);
      words = List.of("repositories", "1.10");
    }
    // A neutral file name: the message must say what the archive is, not repeat its path.
    Path input = tar.writeTo(ctx.path("no-manifest.tar"));
    ctx.note("input: " + input + (oci ? " (an OCI layout, no manifest.json)" : " (pre-1.10 save)"));
    ImplementationException e =
        ctx.copyRefused(
            CopyRequest.of(CheckContext.archive(input, ":@0"), CheckContext.oci(ctx.path(OUT))),
            "an archive without manifest.json");
    String message = withoutPaths(ctx, e.getMessage());
    CheckContext.require(
        message.contains("manifest.json"),
        "the error does not name manifest.json: " + oneLine(e.getMessage()));
    CheckContext.require(
        words.stream().anyMatch(message::contains),
        "the error does not say what the archive is (one of "
            + words
            + "): "
            + oneLine(e.getMessage()));
  }

  // ---------------------------------------------------------------------------------------------
  // The Java API: checked errors, caps, limits

  private static JavaApi api(CheckContext ctx) {
    return ctx.implementation()
        .javaApi()
        .orElseThrow(() -> new IllegalStateException("the runner ran a Java API check without it"));
  }

  /** The outcome of reading one image fully through the Java API. */
  private record ApiRead(Throwable error, boolean hung) {
    boolean failed() {
      return error != null || hung;
    }
  }

  /**
   * Opens an image through the Java API (with the options when the implementation takes them) and
   * reads its manifest, config and every blob to the end, within a budget.
   */
  private static ApiRead readThroughApi(
      JavaApi api, String reference, ReadOptions options, Duration budget)
      throws InterruptedException {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "hostile-read");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<?> f =
          executor.submit(
              () -> {
                ImageInput in;
                try {
                  in = api.openImage(reference, options);
                } catch (UnsupportedOperationException e) {
                  if (!withoutTemporaryDirectory(options).equals(ReadOptions.defaults())) {
                    throw new CheckUnsupported(
                        api.getClass().getSimpleName() + " has no configurable reader limits");
                  }
                  in = api.openImage(reference);
                }
                try (ImageInput image = in) {
                  ImageContent.of(image, List.of());
                }
                return null;
              });
      try {
        f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        return new ApiRead(null, false);
      } catch (TimeoutException e) {
        f.cancel(true);
        return new ApiRead(null, true);
      } catch (ExecutionException e) {
        return new ApiRead(e.getCause(), false);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static ReadOptions withoutTemporaryDirectory(ReadOptions o) {
    return new ReadOptions(
        o.manifestLimit(), o.configLimit(), o.maxArchiveSize(), o.maxLayerSize(), Optional.empty());
  }

  private static String reference(HostileCase c, Path input) {
    String selector =
        c.selector() == null ? ":@0" : c.selector().isEmpty() ? "" : ":" + c.selector();
    return CheckContext.archive(input, selector);
  }

  private static void javaApiErrors(CheckContext ctx, boolean messages) throws Exception {
    JavaApi api = api(ctx);
    Path inputs = ctx.directory("inputs");
    Path tmp = ctx.directory("tmp");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (HostileCase c : HostileCorpus.cases()) {
      if (!c.defaultOptions() || !c.expectation().rejects() || c.big()) {
        continue;
      }
      Path input = c.materialize(inputs);
      String reference = reference(c, input);
      ApiRead read =
          readThroughApi(
              api, reference, ReadOptions.defaults().withTemporaryDirectory(tmp), BUDGET);
      checked++;
      if (read.error() instanceof CheckUnsupported u) {
        throw u;
      }
      if (messages) {
        messageProblem(c, read).ifPresent(problems::add);
      } else {
        typedProblem(c, read).ifPresent(problems::add);
        Set<String> left = HostileGuard.names(tmp);
        if (!left.isEmpty()) {
          problems.add(c.name() + ": left temporary files " + left);
          for (String n : left) {
            FileTrees.delete(tmp.resolve(n));
          }
        }
      }
      Files.delete(input);
    }
    ctx.note(
        "inputs: the "
            + checked
            + " must-reject inputs of HostileCorpus.cases() read with the default options, each"
            + " opened through the Java API (temporary directory "
            + tmp
            + ") and read fully");
    if (!problems.isEmpty()) {
      throw new CheckFailure(
          problems.size()
              + " of "
              + checked
              + " inputs: "
              + String.join("; ", problems.stream().limit(6).toList())
              + (problems.size() > 6 ? "; ..." : ""));
    }
  }

  private static Optional<String> typedProblem(HostileCase c, ApiRead read) {
    if (read.hung()) {
      return Optional.of(c.name() + ": hung (no answer within " + BUDGET.toSeconds() + " s)");
    }
    Throwable e = read.error();
    if (e == null) {
      // Accepting it is the case rule's failure, judged by the copy check of the case.
      return Optional.empty();
    }
    if (e instanceof RuntimeException || e instanceof Error) {
      return Optional.of(c.name() + ": unchecked " + e);
    }
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      return Optional.of(c.name() + ": " + e.getClass().getName() + " without a message");
    }
    return Optional.empty();
  }

  private static Optional<String> messageProblem(HostileCase c, ApiRead read) {
    Throwable e = read.error();
    if (e == null || read.hung() || e instanceof RuntimeException || e instanceof Error) {
      return Optional.empty(); // judged at MUST level by java-api-checked-errors
    }
    String fragment = c.expectation().fragment();
    String message = String.valueOf(e.getMessage());
    if (message.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(
        c.name() + ": \"" + oneLine(message) + "\" does not contain \"" + fragment + "\"");
  }

  private static void cap(CheckContext ctx, String caseName, ReadOptions options) throws Exception {
    HostileCase c =
        HostileCorpus.cases().stream()
            .filter(x -> x.name().equals(caseName))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no hostile case " + caseName));
    Path input = c.materialize(ctx.scratch());
    Path tmp = ctx.directory("tmp");
    ctx.note(
        "input: the hostile corpus's case " + c.name() + " (" + input + "): " + c.description());
    ctx.note("read through the Java API with " + options.withTemporaryDirectory(tmp));
    ApiRead read =
        readThroughApi(api(ctx), reference(c, input), options.withTemporaryDirectory(tmp), BUDGET);
    if (read.error() instanceof CheckUnsupported u) {
      throw u;
    }
    List<String> problems = new ArrayList<>();
    if (read.hung()) {
      problems.add("no answer within " + BUDGET.toSeconds() + " s");
    } else if (read.error() == null) {
      problems.add("read it all despite the cap of " + CAP + " bytes");
    } else if (read.error() instanceof RuntimeException || read.error() instanceof Error) {
      problems.add("unchecked " + read.error() + " instead of a checked error");
    }
    Set<String> left = HostileGuard.names(tmp);
    if (!left.isEmpty()) {
      problems.add("left temporary files " + left);
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(caseName + ": " + String.join("; ", problems));
    }
  }

  private static void configurableLimits(CheckContext ctx) throws Exception {
    JavaApi api = api(ctx);
    List<String> problems = new ArrayList<>();
    TestImage image = new TestImage().tags("hostile/limits:1").layer(Layer.of("a.txt", "alpha"));
    Path small = image.writeTo(ctx.path("small.tar"));
    String ref = CheckContext.archive(small, ":@0");
    ctx.note("input: " + small + " (one small image; manifest.json and config under 1 KiB)");
    long limit = 64;
    for (boolean manifest : new boolean[] {true, false}) {
      ReadOptions o =
          manifest
              ? ReadOptions.defaults().withManifestLimit(limit)
              : ReadOptions.defaults().withConfigLimit(limit);
      ctx.note("read " + ref + " through the Java API with " + o);
      ApiRead read = readThroughApi(api, ref, o, BUDGET);
      if (read.error() instanceof CheckUnsupported u) {
        throw u;
      }
      String what = manifest ? "manifest.json" : "config";
      if (read.hung()) {
        problems.add("with a " + what + " limit of " + limit + " bytes: no answer");
      } else if (read.error() == null) {
        problems.add("a " + what + " limit of " + limit + " bytes was not applied");
      } else if (read.error() instanceof RuntimeException || read.error() instanceof Error) {
        problems.add("with a " + what + " limit: unchecked " + read.error());
      } else if (!String.valueOf(read.error().getMessage()).contains(Long.toString(limit))) {
        problems.add(
            "the "
                + what
                + " limit's error does not name the limit ("
                + limit
                + " bytes): "
                + oneLine(read.error().getMessage()));
      }
    }
    HostileCase big =
        HostileCorpus.cases().stream()
            .filter(x -> x.name().equals("manifest-1mib-plus-1"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no hostile case manifest-1mib-plus-1"));
    Path bigInput = big.materialize(ctx.scratch());
    ReadOptions raised = ReadOptions.defaults().withManifestLimit(2L << 20);
    ctx.note("read " + bigInput + " (" + big.description() + ") with " + raised);
    ApiRead read = readThroughApi(api, reference(big, bigInput), raised, BUDGET);
    if (read.failed()) {
      problems.add(
          "with the manifest limit raised to 2 MiB, a 1 MiB + 1 manifest.json is still refused: "
              + (read.hung() ? "no answer" : oneLine(String.valueOf(read.error()))));
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(String.join("; ", problems));
    }
  }
}
