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
import io.github.dockerarchive.testkit.hostile.Expectation;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.io.IOException;
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

/**
 * Hostile input through copies and through the Java API: the checks of the hostile corpus ({@link
 * HostileCorpus}) and the machinery the SAFE, RD and link checks share.
 *
 * <p>Every input of the corpus that is read with the default options becomes one check, named
 * {@code RULE/hostile-CASE} after the rule the input breaks (or, for an odd but legal input, the
 * rule that makes it legal: {@link #ruleOf}); each family's class takes the cases of its rules with
 * {@link #checksUnder}. Each runs as a copy {@code docker-archive:CASE.tar:@0 → dir:OUT} (or {@code
 * oci:OUT} when the implementation does not claim {@code read-to-dir}): an input that must be
 * refused must be refused cleanly (no success, no crash, no hang beyond the case's budget); a legal
 * one must be read, and the image read must be the one our reader sees. In both cases nothing may
 * change in the check's scratch directory outside {@code OUT}, and no file may appear where
 * escaping entry names would land ({@link HostileGuard}).
 */
final class HostileInputs {
  /** The time one copy of an ordinary hostile input may take; more is a hang. */
  static final Duration BUDGET = Duration.ofSeconds(60);

  /** The time one copy of a big input may take (a gigabyte to inflate, 100,000 entries). */
  static final Duration BIG_BUDGET = Duration.ofSeconds(240);

  /** The copy's destination directory in the check's scratch directory. */
  static final String OUT = "out";

  private HostileInputs() {}

  /**
   * The checks of the corpus's inputs read with the default options whose rule is of a family.
   *
   * @param family a rule family ({@code SAFE}, {@code ARC}, ...)
   * @return one check per input under a rule of that family, in the corpus's order
   */
  static List<Check> checksUnder(String family) {
    List<Check> checks = new ArrayList<>();
    for (HostileCase c : HostileCorpus.cases()) {
      if (c.defaultOptions() && ruleOf(c).startsWith(family + "-")) {
        checks.add(corpusCheck(c));
      }
    }
    return List.copyOf(checks);
  }

  /**
   * The rule a corpus input is checked under: the rule it breaks, or for a legal input the rule
   * that makes it legal.
   *
   * @param c the case
   * @return a rule ID of docs/rules.md
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
      case "gzip-padding-after-end-marker" -> "ARC-9";
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
  static String withoutPaths(CheckContext ctx, String message) {
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
    ExecutorService executor = daemonExecutor("hostile-copy");
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

  /** A single-thread executor whose daemon thread, named as given, never holds the JVM open. */
  private static ExecutorService daemonExecutor(String threadName) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, threadName);
          t.setDaemon(true);
          return t;
        });
  }

  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String s = message.strip().replaceAll("\\s*\\R\\s*", " | ");
    return s.length() > 200 ? s.substring(0, 197) + "..." : s;
  }

  static Rule atLevel(String ruleId, Level level, String aspect) {
    Rule r = Rules.byId(ruleId);
    return new Rule(r.id(), level, r.summary() + " (" + aspect + ", checked at " + level + ")");
  }

  /**
   * A check of a rule's error text, at SHOULD: what a refusal says, beyond that it refuses. Its ID
   * is the rule's ID, a slash and the name.
   */
  static Check errorTextCheck(
      String ruleId,
      String name,
      String title,
      Set<Capability> requires,
      boolean needsJavaApi,
      Check.Body body) {
    return new Check(
        ruleId + "/" + name,
        atLevel(ruleId, Level.SHOULD, "the error's text"),
        title,
        requires,
        needsJavaApi,
        body);
  }

  static JavaApi api(CheckContext ctx) {
    return ctx.implementation()
        .javaApi()
        .orElseThrow(() -> new IllegalStateException("the runner ran a Java API check without it"));
  }

  /** The outcome of reading one image fully through the Java API. */
  record ApiRead(Throwable error, boolean hung) {
    boolean failed() {
      return error != null || hung;
    }
  }

  /**
   * Opens an image through the Java API (with the options when the implementation takes them) and
   * reads its manifest, config and every blob to the end, within a budget.
   */
  static ApiRead readThroughApi(JavaApi api, String reference, ReadOptions options, Duration budget)
      throws InterruptedException {
    ExecutorService executor = daemonExecutor("hostile-read");
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

  static String reference(HostileCase c, Path input) {
    String selector =
        c.selector() == null ? ":@0" : c.selector().isEmpty() ? "" : ":" + c.selector();
    return CheckContext.archive(input, selector);
  }
}
