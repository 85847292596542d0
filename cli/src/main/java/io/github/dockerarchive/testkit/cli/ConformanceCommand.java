package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.adapters.Implementations;
import io.github.dockerarchive.testkit.conformance.checks.ConformanceSuite;
import io.github.dockerarchive.testkit.conformance.runner.ConformanceRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code dockerarchive conformance}: runs the conformance suite against implementations, prints the
 * matrix and writes {@code results.json}, {@code junit.xml} and {@code report.html}.
 */
final class ConformanceCommand implements Callable<Integer> {
  final CommandSpec spec =
      Specs.command(
          this,
          "conformance",
          "Judge docker-archive implementations against the rules of docs/rules.md.",
          "Runs every check against each --impl, prints a matrix of rules x implementations and"
              + " writes results.json, junit.xml and report.html into --out.",
          "Exit code 0 when no check ended in ERROR and every gated implementation passes every MUST"
              + " and FIX check (known deviations of the reference excepted), 1 otherwise, 2 for bad"
              + " usage.");

  List<String> implementations = new ArrayList<>();
  List<String> rules = new ArrayList<>();
  Path out;
  List<String> gates = new ArrayList<>();
  boolean keepFailures;
  boolean list;
  long checkTimeoutSeconds;
  long copyTimeoutSeconds;

  private final Supplier<List<Check>> suite;
  private final ConformanceRun.Factory factory;

  /** The command with the whole suite and the registered implementations. */
  ConformanceCommand() {
    this(null, new RegisteredImplementations());
  }

  /**
   * The command with other checks and implementations (for tests).
   *
   * @param suite the checks, or null for {@link ConformanceSuite#checks()}
   * @param factory creates implementations by name
   */
  ConformanceCommand(Supplier<List<Check>> suite, ConformanceRun.Factory factory) {
    this.suite = suite;
    this.factory = factory;
    spec.addOption(
        Specs.strings(() -> implementations, v -> implementations = v, "--impl")
            .paramLabel("NAME")
            .description(
                "An implementation to judge (repeatable; default builtin): builtin, a registered"
                    + " one (skopeo, podman, jib, ...) or cmd:PATH for a command-line adapter.")
            .build());
    spec.addOption(
        Specs.strings(() -> rules, v -> rules = v, "--rules")
            .paramLabel("ID")
            .splitRegex(",")
            .description(
                "Only these rules: rule IDs (SEL-1), groups (SEL) or check IDs (SEL-1/name),"
                    + " comma-separated.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> out, v -> out = v, "--out")
            .paramLabel("DIR")
            .defaultValue("conformance-results")
            .description("Where the reports go (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.strings(() -> gates, v -> gates = v, "--gate")
            .paramLabel("NAME")
            .description(
                "Also fail the run on this report-only implementation's failures (repeatable; peers"
                    + " such as skopeo are report-only by default).")
            .build());
    spec.addOption(
        Specs.flag(
            () -> keepFailures,
            v -> keepFailures = v,
            "--keep-failures",
            "Keep the inputs of failed checks under DIR/failures for reproduction."));
    spec.addOption(
        Specs.flag(
            () -> list,
            v -> list = v,
            "--list",
            "List the checks (ID, level, title) instead of running them."));
    spec.addOption(
        Specs.option(
                long.class,
                () -> checkTimeoutSeconds,
                v -> checkTimeoutSeconds = v,
                "--check-timeout")
            .paramLabel("SECONDS")
            .defaultValue("600")
            .description("The time one check may take before it fails (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.option(
                long.class, () -> copyTimeoutSeconds, v -> copyTimeoutSeconds = v, "--copy-timeout")
            .paramLabel("SECONDS")
            .defaultValue("90")
            .description(
                "The time one copy of a command-line implementation may take (default:"
                    + " ${DEFAULT-VALUE}).")
            .build());
    Specs.withStandardHelp(spec);
  }

  @Override
  public Integer call() throws Exception {
    if (checkTimeoutSeconds <= 0 || copyTimeoutSeconds <= 0) {
      throw new ParameterException(spec.commandLine(), "timeouts must be positive");
    }
    ConformanceRun run =
        new ConformanceRun(
            suite == null ? ConformanceSuite.checks() : suite.get(),
            factory,
            Path.of(System.getProperty("java.io.tmpdir")),
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
    try {
      if (list) {
        return run.list(rules);
      }
      return run.run(
          new ConformanceRun.Settings(
              implementations.isEmpty() ? List.of("builtin") : implementations,
              rules,
              out,
              gates,
              keepFailures,
              Duration.ofSeconds(checkTimeoutSeconds),
              Duration.ofSeconds(copyTimeoutSeconds)));
    } catch (ConformanceRun.UsageException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The implementations {@link Implementations} finds: providers and {@code cmd:PATH}. */
  static final class RegisteredImplementations implements ConformanceRun.Factory {
    @Override
    public Implementations.Selected create(String name, ImplementationSettings settings)
        throws Exception {
      return Implementations.create(name, settings);
    }

    @Override
    public boolean reportOnly(String name) {
      return Implementations.providers().stream()
          .filter(p -> p.name().equals(name))
          .anyMatch(ImplementationProvider::reportOnly);
    }
  }
}
