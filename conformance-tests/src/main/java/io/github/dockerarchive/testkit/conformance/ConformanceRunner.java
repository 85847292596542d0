package io.github.dockerarchive.testkit.conformance;

import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Runs checks against an implementation and turns every outcome into a {@link CheckResult}: PASS
 * when the body returns, FAIL on {@link CheckFailure} (or when it does not finish in time),
 * UNSUPPORTED when the implementation does not claim what the check needs, ERROR when the suite
 * itself fails.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConformanceRunner {
  /**
   * How checks are run.
   *
   * @param workRoot where each check gets its scratch directory ({@code IMPL/CHECK})
   * @param keepFailures keep the scratch directory of a failed or erroneous check (its inputs) for
   *     reproduction; passed checks are always cleaned up
   * @param checkTimeout the time one check may take
   * @param listener told of every result as it comes
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Options(
      Path workRoot, boolean keepFailures, Duration checkTimeout, Consumer<CheckResult> listener) {
    /**
     * Options with a work root, failures not kept, 10 minutes per check and no listener.
     *
     * @param workRoot where scratch directories go
     * @return the options
     */
    public static Options in(Path workRoot) {
      return new Options(workRoot, false, Duration.ofMinutes(10), r -> {});
    }

    /**
     * These options with failures kept or not.
     *
     * @param keep whether to keep failed checks' inputs
     * @return the new options
     */
    public Options keepingFailures(boolean keep) {
      return new Options(workRoot, keep, checkTimeout, listener);
    }

    /**
     * These options with a listener.
     *
     * @param l told of every result
     * @return the new options
     */
    public Options withListener(Consumer<CheckResult> l) {
      return new Options(workRoot, keepFailures, checkTimeout, l);
    }
  }

  private ConformanceRunner() {}

  /**
   * Runs checks against one implementation, in order.
   *
   * @param checks the checks
   * @param implementation the implementation
   * @param options how
   * @return one result per check, in order
   * @throws InterruptedException when the run is interrupted
   */
  public static List<CheckResult> run(
      List<Check> checks, ArchiveImplementation implementation, Options options)
      throws InterruptedException {
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks) {
      CheckResult result = runOne(check, implementation, options);
      options.listener().accept(result);
      results.add(result);
    }
    return results;
  }

  /**
   * Runs one check on a thread of its own (a daemon, so that a check that hangs past its timeout is
   * abandoned without holding the JVM).
   *
   * @param check the check
   * @param implementation the implementation
   * @param options how
   * @return the result
   * @throws InterruptedException when the run is interrupted
   */
  public static CheckResult runOne(
      Check check, ArchiveImplementation implementation, Options options)
      throws InterruptedException {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "conformance-" + implementation.name());
              t.setDaemon(true);
              return t;
            });
    try {
      return runOne(check, implementation, options, executor);
    } finally {
      executor.shutdownNow();
    }
  }

  private static CheckResult runOne(
      Check check, ArchiveImplementation implementation, Options options, ExecutorService executor)
      throws InterruptedException {
    long start = System.nanoTime();
    String missing = missing(check, implementation);
    if (!missing.isEmpty()) {
      return new CheckResult(
          check, implementation.name(), Status.UNSUPPORTED, missing, "", false, Duration.ZERO);
    }
    Path scratch =
        options.workRoot().resolve(safe(implementation.name())).resolve(safe(check.id()));
    CheckContext context;
    try {
      FileTrees.delete(scratch);
      Files.createDirectories(scratch);
      context = new CheckContext(implementation, scratch);
    } catch (IOException e) {
      return new CheckResult(
          check,
          implementation.name(),
          Status.ERROR,
          "cannot create the scratch directory " + scratch + ": " + e.getMessage(),
          "",
          false,
          Duration.ZERO);
    }
    Status status;
    String reason;
    Future<?> future =
        executor.submit(
            () -> {
              check.body().run(context);
              return null;
            });
    try {
      future.get(options.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
      status = Status.PASS;
      reason = "";
    } catch (TimeoutException e) {
      future.cancel(true);
      status = Status.FAIL;
      reason = "did not finish within " + options.checkTimeout().toSeconds() + " s";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CheckFailure) {
        status = Status.FAIL;
        reason = cause.getMessage();
      } else if (cause instanceof CheckUnsupported) {
        status = Status.UNSUPPORTED;
        reason = cause.getMessage();
      } else {
        status = Status.ERROR;
        reason = "the suite failed: " + cause;
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
    boolean keep = options.keepFailures() && (status == Status.FAIL || status == Status.ERROR);
    String reproduction = context.reproduction();
    if (keep) {
      reproduction += (reproduction.isEmpty() ? "" : "\n") + "inputs kept in " + scratch;
    } else {
      try {
        FileTrees.delete(scratch);
      } catch (IOException e) {
        if (status == Status.PASS) {
          status = Status.ERROR;
          reason = "cannot clean up " + scratch + ": " + e.getMessage();
        }
      }
    }
    boolean deviation =
        status == Status.FAIL
            && check.rule().level() == Level.FIX
            && implementation.basedOnReference();
    return new CheckResult(
        check,
        implementation.name(),
        status,
        CheckContext.oneLine(reason).equals("(no message)") ? "" : CheckContext.oneLine(reason),
        reproduction,
        deviation,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static String missing(Check check, ArchiveImplementation implementation) {
    Set<Capability> lacking = EnumSet.noneOf(Capability.class);
    lacking.addAll(check.requires());
    lacking.removeAll(implementation.capabilities());
    if (!lacking.isEmpty()) {
      return "needs "
          + lacking.stream().map(Capability::protocolName).collect(Collectors.joining(", "))
          + ", which "
          + implementation.name()
          + " does not claim";
    }
    if (check.needsJavaApi() && implementation.javaApi().isEmpty()) {
      return "needs the Java API (blob-level writes and reads), which "
          + implementation.name()
          + " does not offer";
    }
    return "";
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
