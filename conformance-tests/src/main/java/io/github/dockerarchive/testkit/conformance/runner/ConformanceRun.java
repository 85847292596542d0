package io.github.dockerarchive.testkit.conformance.runner;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import io.github.dockerarchive.testkit.conformance.Rule;
import io.github.dockerarchive.testkit.conformance.Rules;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.Implementations;
import io.github.dockerarchive.testkit.conformance.report.ConformanceResults;
import io.github.dockerarchive.testkit.conformance.report.HtmlReport;
import io.github.dockerarchive.testkit.conformance.report.ImplementationResults;
import io.github.dockerarchive.testkit.conformance.report.JsonReport;
import io.github.dockerarchive.testkit.conformance.report.JunitXmlReport;
import io.github.dockerarchive.testkit.conformance.report.MatrixReport;
import io.github.dockerarchive.testkit.conformance.report.Reports;
import io.github.dockerarchive.testkit.conformance.report.Verdict;
import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * One {@code dockerarchive conformance} run: sets up the implementations, runs the checks against
 * each with {@link ConformanceRunner}, writes the reports, prints the matrix and decides the exit
 * code. The checks and the way implementations are created are given, so that tests can use their
 * own.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConformanceRun {
  /** Exit code: every gated implementation passes, no ERROR. */
  public static final int OK = 0;

  /** Exit code: a gated implementation fails a MUST or FIX check, or the suite erred. */
  public static final int FAILED = 1;

  /** Exit code: bad usage, or the run could not be set up. */
  public static final int USAGE = 2;

  /** Creates an implementation by its {@code --impl} name. */
  @FunctionalInterface
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public interface Factory {
    /**
     * Creates an implementation.
     *
     * @param name the name
     * @param settings its scratch directory and copy timeout
     * @return the implementation and whether it is report-only
     * @throws IllegalArgumentException for an unknown name (bad usage)
     * @throws Exception when it cannot be set up (ERROR for every check)
     */
    Implementations.Selected create(String name, ImplementationSettings settings) throws Exception;

    /**
     * Whether an implementation is report-only, for one that could not be created.
     *
     * @param name the name
     * @return true when its failures would only be reported
     */
    default boolean reportOnly(String name) {
      return false;
    }
  }

  /**
   * What to run.
   *
   * @param implementations the {@code --impl} names, in order (duplicates are run once)
   * @param rules rule IDs, group prefixes or check IDs; empty for all
   * @param out the output directory
   * @param gates implementations gated even though their provider is report-only
   * @param keepFailures keep the inputs of failed checks under {@code OUT/failures}
   * @param checkTimeout the time one check may take
   * @param copyTimeout the time one copy may take
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Settings(
      List<String> implementations,
      List<String> rules,
      Path out,
      List<String> gates,
      boolean keepFailures,
      Duration checkTimeout,
      Duration copyTimeout) {}

  /** Thrown for bad usage; the message says what is wrong. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A usage error.
     *
     * @param message what is wrong with the usage
     */
    public UsageException(String message) {
      super(message);
    }
  }

  private final List<Check> suite;
  private final Factory factory;
  private final Path tempRoot;
  private final PrintWriter out;
  private final PrintWriter err;

  /**
   * A run.
   *
   * @param suite every check that can be selected
   * @param factory creates implementations by name
   * @param tempRoot where the run's temporary directory goes (removed at the end)
   * @param out where the matrix and the list go
   * @param err where progress and problems go
   */
  public ConformanceRun(
      List<Check> suite, Factory factory, Path tempRoot, PrintWriter out, PrintWriter err) {
    this.suite = List.copyOf(suite);
    this.factory = factory;
    this.tempRoot = tempRoot;
    this.out = out;
    this.err = err;
  }

  /**
   * The checks a {@code --rules} list selects.
   *
   * @param rules rule IDs ({@code SEL-1}), group prefixes ({@code SEL}) or check IDs; empty for all
   * @return the checks, in suite order
   * @throws UsageException when an entry names no rule, group or check
   */
  public List<Check> select(List<String> rules) throws UsageException {
    List<String> wanted = rules.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (wanted.isEmpty()) {
      return suite;
    }
    for (String w : wanted) {
      boolean known =
          Rules.all().stream().anyMatch(r -> r.selectedBy(w))
              || suite.stream().anyMatch(c -> c.selectedBy(w));
      if (!known) {
        throw new UsageException(
            "--rules: \""
                + w
                + "\" is no rule ID (SEL-1), group (SEL) or check ID (SEL-1/name); see --list");
      }
    }
    return suite.stream().filter(c -> wanted.stream().anyMatch(c::selectedBy)).toList();
  }

  /**
   * Prints the selected checks: ID, level, title and what they need.
   *
   * @param rules the {@code --rules} list
   * @return the exit code
   * @throws UsageException for an unknown rule
   */
  public int list(List<String> rules) throws UsageException {
    List<Check> checks = select(rules);
    int width = checks.stream().mapToInt(c -> c.id().length()).max().orElse(5);
    for (Check c : checks) {
      List<String> needs = new ArrayList<>();
      c.requires().stream().sorted().map(Capability::protocolName).forEach(needs::add);
      if (c.needsJavaApi()) {
        needs.add("java-api");
      }
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %-6s  %s%s%n",
          c.id(),
          c.rule().level(),
          c.title(),
          needs.isEmpty() ? "" : "  [needs " + String.join(", ", needs) + "]");
    }
    err.printf(Locale.ROOT, "%d checks of %d rules%n", checks.size(), rulesOf(checks).size());
    out.flush();
    err.flush();
    return OK;
  }

  /**
   * Runs the checks against every implementation, writes the reports and prints the matrix.
   *
   * @param settings what to run
   * @return the exit code
   * @throws UsageException for bad usage (nothing has been run)
   * @throws IOException when the reports cannot be written
   * @throws InterruptedException when the run is interrupted
   */
  public int run(Settings settings) throws UsageException, IOException, InterruptedException {
    List<Check> checks = select(settings.rules());
    List<String> names = List.copyOf(new LinkedHashSet<>(settings.implementations()));
    if (names.isEmpty()) {
      throw new UsageException("no implementation given (--impl NAME)");
    }
    for (String gate : settings.gates()) {
      if (!names.contains(gate)) {
        throw new UsageException(
            "--gate " + gate + ": not among the implementations run (" + names + ")");
      }
    }
    if (checks.isEmpty()) {
      err.println("dockerarchive conformance: warning: no checks selected; nothing to run");
    }
    Instant started = Instant.now();
    Path temp = Files.createTempDirectory(tempRoot, "dockerarchive-conformance-");
    Path failures = settings.out().resolve("failures");
    List<Prepared> prepared = new ArrayList<>();
    Thread cleanup =
        new Thread(
            () -> {
              prepared.forEach(Prepared::closeQuietly);
              deleteQuietly(temp);
            },
            "dockerarchive-conformance-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    List<ImplementationResults> all = new ArrayList<>();
    try {
      for (String name : names) {
        prepared.add(prepare(name, settings, temp));
      }
      Path workRoot = settings.keepFailures() ? failures : temp.resolve("work");
      if (settings.keepFailures()) {
        FileTrees.delete(failures);
      }
      Files.createDirectories(workRoot);
      for (Prepared p : prepared) {
        all.add(runOne(p, checks, settings, workRoot));
      }
    } finally {
      prepared.forEach(Prepared::closeQuietly);
      deleteQuietly(temp);
      if (settings.keepFailures()) {
        pruneEmpty(failures);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
    ConformanceResults results =
        new ConformanceResults(started, Duration.between(started, Instant.now()), all);
    Reports.writeAll(results, settings.out());
    out.print(MatrixReport.render(results));
    out.flush();
    err.printf(
        "dockerarchive conformance: results in %s (%s, %s, %s)%n",
        settings.out(), HtmlReport.FILE_NAME, JsonReport.FILE_NAME, JunitXmlReport.FILE_NAME);
    if (settings.keepFailures() && Files.isDirectory(failures)) {
      err.printf("dockerarchive conformance: inputs of failed checks kept in %s%n", failures);
    }
    for (ImplementationResults i : results.implementations()) {
      long errors = i.results().stream().filter(r -> r.status() == Status.ERROR).count();
      if (errors > 0) {
        err.printf(
            "dockerarchive conformance: %s: %d checks ended in ERROR (the suite failed)%n",
            i.name(), errors);
      } else if (i.gated() && !i.passes()) {
        err.printf(
            "dockerarchive conformance: %s fails %d MUST/FIX checks%n",
            i.name(), i.gatingFailures().size());
      }
    }
    err.flush();
    return results.passes() ? OK : FAILED;
  }

  /** An implementation ready to run, or the reason it could not be set up. */
  private record Prepared(
      String name,
      ArchiveImplementation implementation,
      boolean gated,
      String setupError,
      String skipped) {
    void closeQuietly() {
      if (implementation != null) {
        try {
          implementation.close();
        } catch (Exception e) {
          // reported nowhere: closing only frees the implementation's own state
        }
      }
    }
  }

  private Prepared prepare(String name, Settings settings, Path temp)
      throws UsageException, IOException {
    Path scratch = Files.createDirectories(temp.resolve("impl-" + safe(name)));
    boolean forced = settings.gates().contains(name);
    try {
      Implementations.Selected s =
          factory.create(name, new ImplementationSettings(scratch, settings.copyTimeout()));
      return new Prepared(name, s.implementation(), forced || !s.reportOnly(), "", "");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--impl " + name + ": " + e.getMessage());
    } catch (ImplementationUnavailableException e) {
      return new Prepared(name, null, false, "", "skipped: " + e.getMessage());
    } catch (Exception e) {
      return new Prepared(
          name, null, forced || !factory.reportOnly(name), "cannot set up " + name + ": " + e, "");
    }
  }

  private ImplementationResults runOne(
      Prepared p, List<Check> checks, Settings settings, Path workRoot)
      throws InterruptedException {
    long start = System.nanoTime();
    if (p.implementation() == null) {
      // Not available on this machine (every check not applicable, with the reason), or an
      // implementation that could not be set up (every check an error).
      boolean skipped = !p.skipped().isEmpty();
      String reason = skipped ? p.skipped() : p.setupError();
      err.printf("dockerarchive conformance: %s: %s%n", p.name(), reason);
      Status status = skipped ? Status.UNSUPPORTED : Status.ERROR;
      List<CheckResult> results =
          checks.stream()
              .map(c -> new CheckResult(c, p.name(), status, reason, "", false, Duration.ZERO))
              .toList();
      return new ImplementationResults(p.name(), p.gated(), false, Set.of(), results);
    }
    ArchiveImplementation impl = p.implementation();
    err.printf(
        "dockerarchive conformance: %s: running %d checks%s%n",
        p.name(), checks.size(), p.gated() ? "" : " (report only)");
    err.flush();
    ConformanceRunner.Options options =
        new ConformanceRunner.Options(
            workRoot,
            settings.keepFailures(),
            settings.checkTimeout(),
            r -> {
              Verdict v = Verdict.of(r);
              if (v != Verdict.PASS && v != Verdict.NA) {
                err.printf("  %-4s %s: %s%n", v.label(), r.check().id(), r.reason());
                err.flush();
              }
            });
    List<CheckResult> results = ConformanceRunner.run(checks, impl, options);
    ImplementationResults ir =
        new ImplementationResults(
            p.name(), p.gated(), impl.basedOnReference(), impl.capabilities(), results);
    Map<Verdict, Integer> counts = ir.counts();
    err.printf(
        Locale.ROOT,
        "dockerarchive conformance: %s: %s (%.1f s)%n",
        p.name(),
        Stream.of(Verdict.values())
            .map(v -> counts.get(v) + " " + v.label())
            .collect(Collectors.joining(", ")),
        (System.nanoTime() - start) / 1e9);
    err.flush();
    return ir;
  }

  private static Set<Rule> rulesOf(List<Check> checks) {
    return checks.stream().map(Check::rule).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void deleteQuietly(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      // best effort; a leftover temporary directory is named dockerarchive-conformance-*
    }
  }

  /**
   * Removes the implementations' directories under {@code failures} that kept nothing, and {@code
   * failures} itself when it is empty; a kept check's directory stays, even empty, as its
   * reproduction names it.
   */
  private static void pruneEmpty(Path failures) {
    if (!Files.isDirectory(failures)) {
      return;
    }
    try (Stream<Path> impls = Files.list(failures)) {
      for (Path d : impls.filter(Files::isDirectory).toList()) {
        deleteIfEmpty(d);
      }
      deleteIfEmpty(failures);
    } catch (IOException e) {
      // best effort: empty directories are harmless
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      if (children.findAny().isEmpty()) {
        Files.delete(dir);
      }
    }
  }
}
