package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * An implementation behind a command-line adapter (the protocol of {@code ADAPTERS.md}): {@code
 * ADAPTER capabilities} prints what it claims, one word a line; {@code ADAPTER copy [--multi]
 * [--layout L] SRC... DST} copies in skopeo's syntax. Exit status 0 is success; any other status is
 * a refusal whose reason is the end of standard error; a death by signal (status 129 to 192, as a
 * shell reports it) is a crash; no answer within the timeout stops the adapter and every process it
 * started, and is a hang.
 *
 * <p>The adapter runs with its standard input empty and the environment variable {@value
 * #SCRATCH_VARIABLE} naming a directory of its own that lasts as long as this implementation.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CommandImplementation implements ArchiveImplementation {
  /** The environment variable naming the adapter's private directory. */
  public static final String SCRATCH_VARIABLE = "CONFORMANCE_SCRATCH";

  /** The environment variable giving the adapter the seconds one copy may take. */
  public static final String TIMEOUT_VARIABLE = "CONFORMANCE_TIMEOUT";

  /** The word with which {@code ADAPTER capabilities} declares a containers/image user. */
  public static final String REFERENCE_BASED = "reference-based";

  /** How much of standard error (its end) a failure message keeps. */
  static final int STDERR_TAIL_BYTES = 4096;

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path state;
  private final Duration timeout;
  private final Set<Capability> capabilities;
  private final boolean referenceBased;

  private CommandImplementation(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path state,
      Duration timeout,
      Set<Capability> capabilities,
      boolean referenceBased) {
    this.name = name;
    this.command = command;
    this.environment = environment;
    this.state = state;
    this.timeout = timeout;
    this.capabilities = capabilities;
    this.referenceBased = referenceBased;
  }

  /**
   * Starts an adapter given as {@code cmd:PATH}: asks it for its capabilities; it is reported under
   * {@code cmd:} and the file's name.
   *
   * @param path the adapter's executable
   * @param settings its private directory and the timeout of one call
   * @return the implementation
   * @throws IOException when the file is not an executable, or the adapter does not answer {@code
   *     capabilities} correctly (the message says why)
   * @throws InterruptedException when interrupted while it answers
   */
  public static CommandImplementation of(Path path, ImplementationSettings settings)
      throws IOException, InterruptedException {
    Path executable = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IOException(
          "the command-line adapter "
              + path
              + " is not an executable file (chmod +x it, or give its path)");
    }
    // Reported under the name given to --impl, so that results.json and the matrix agree.
    return start("cmd:" + path, List.of(executable.toString()), Map.of(), settings);
  }

  /**
   * Starts an adapter and asks it for its capabilities.
   *
   * @param name the name results are reported under
   * @param command the adapter's command line (the protocol's arguments are appended)
   * @param environment more environment variables for the adapter
   * @param settings its private directory and the timeout of one call
   * @return the implementation
   * @throws IOException when the adapter cannot be run or does not answer {@code capabilities}
   *     correctly (the message says why)
   * @throws InterruptedException when interrupted while it answers
   */
  public static CommandImplementation start(
      String name,
      List<String> command,
      Map<String, String> environment,
      ImplementationSettings settings)
      throws IOException, InterruptedException {
    Path state = Files.createDirectories(settings.scratch().resolve("adapter-state"));
    List<String> commandLine = List.copyOf(command);
    Map<String, String> env = Map.copyOf(environment);
    Outcome answer =
        run(commandLine, List.of("capabilities"), env, state, settings.timeout(), name);
    if (answer.timedOut()) {
      throw new IOException(
          name
              + " did not answer \"capabilities\" within "
              + settings.timeout().toSeconds()
              + " s");
    }
    if (answer.exitCode() != 0) {
      throw new IOException(
          name
              + " failed to answer \"capabilities\" (exit status "
              + answer.exitCode()
              + "): "
              + answer.stderrTail());
    }
    Set<Capability> claimed = EnumSet.noneOf(Capability.class);
    boolean referenceBased = false;
    for (String line : answer.stdout().split("\\R")) {
      String word = line.strip();
      if (word.isEmpty() || word.startsWith("#")) {
        continue;
      }
      if (word.equals(REFERENCE_BASED)) {
        referenceBased = true;
        continue;
      }
      try {
        claimed.add(Capability.fromProtocolName(word));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            name
                + " printed an unknown capability \""
                + word
                + "\"; known: "
                + java.util.Arrays.stream(Capability.values())
                    .map(Capability::protocolName)
                    .collect(Collectors.joining(", "))
                + ", "
                + REFERENCE_BASED,
            e);
      }
    }
    return new CommandImplementation(
        name,
        commandLine,
        env,
        state,
        settings.timeout(),
        Collections.unmodifiableSet(claimed),
        referenceBased);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public boolean basedOnReference() {
    return referenceBased;
  }

  /**
   * The adapter's command line, without the protocol's arguments.
   *
   * @return the command
   */
  public List<String> command() {
    return command;
  }

  @Override
  public void copy(CopyRequest request) throws ImplementationException, InterruptedException {
    Outcome outcome;
    try {
      outcome = run(command, request.arguments(), environment, state, timeout, name);
    } catch (IOException e) {
      throw new ImplementationException(
          ImplementationException.Kind.CRASHED,
          name + " could not be started: " + e.getMessage(),
          e);
    }
    if (outcome.timedOut()) {
      throw new ImplementationException(
          ImplementationException.Kind.TIMED_OUT,
          "no answer within "
              + timeout.toSeconds()
              + " s; the adapter and its processes were killed"
              + tail(outcome),
          null);
    }
    int status = outcome.exitCode();
    if (status == 0) {
      return;
    }
    if (status > 128 && status <= 128 + 64) {
      throw new ImplementationException(
          ImplementationException.Kind.CRASHED,
          "killed by signal " + (status - 128) + tail(outcome),
          null);
    }
    String message = outcome.stderrTail().strip();
    throw new ImplementationException(
        ImplementationException.Kind.REFUSED,
        message.isEmpty() ? "exit status " + status + " (nothing on stderr)" : message,
        null);
  }

  private static String tail(Outcome outcome) {
    String s = outcome.stderrTail().strip();
    return s.isEmpty() ? "" : "; stderr: " + s;
  }

  /**
   * How one call of an adapter ended.
   *
   * @param exitCode its exit status (-1 when it timed out)
   * @param timedOut whether it was stopped after the timeout
   * @param stdout its standard output (bounded)
   * @param stderrTail the last {@value #STDERR_TAIL_BYTES} bytes of its standard error
   */
  record Outcome(int exitCode, boolean timedOut, String stdout, String stderrTail) {}

  /**
   * Runs one call: waits for it, reads both streams on their own threads (bounded), and on timeout
   * or interruption kills the process and all its descendants.
   */
  static Outcome run(
      List<String> command,
      List<String> arguments,
      Map<String, String> environment,
      Path state,
      Duration timeout,
      String name)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    builder.environment().put(SCRATCH_VARIABLE, state.toString());
    builder.environment().put(TIMEOUT_VARIABLE, Long.toString(Math.max(1, timeout.toSeconds())));
    Process process = builder.start();
    TailReader out = new TailReader(process.getInputStream(), 64 * 1024, name + "-stdout");
    TailReader err = new TailReader(process.getErrorStream(), STDERR_TAIL_BYTES, name + "-stderr");
    out.start();
    err.start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
    if (!finished) {
      killTree(process);
    }
    // The streams end when the last process holding them exits; a descendant that escaped the kill
    // must not hold the caller forever.
    out.join(5_000);
    err.join(5_000);
    return new Outcome(finished ? process.exitValue() : -1, !finished, out.text(), err.text());
  }

  /** Kills a process and everything it started, children first, and waits for it. */
  static void killTree(Process process) throws InterruptedException {
    // Stop the parent first so it starts nothing new, then every descendant seen then or after.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.toHandle().destroyForcibly();
    for (ProcessHandle h : descendants) {
      h.descendants().forEach(ProcessHandle::destroyForcibly);
      h.destroyForcibly();
    }
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle h : descendants) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // Reported by the caller as a hang already; nothing more can be done about it.
      }
    }
  }

  /** Reads a stream to its end, keeping only its last bytes. */
  private static final class TailReader extends Thread {
    private final InputStream in;
    private final int limit;
    private final byte[] ring;
    private long total;

    TailReader(InputStream in, int limit, String threadName) {
      super(threadName);
      setDaemon(true);
      this.in = in;
      this.limit = limit;
      this.ring = new byte[limit];
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          synchronized (this) {
            for (int i = 0; i < n; i++) {
              ring[(int) (total++ % limit)] = buffer[i];
            }
          }
        }
      } catch (IOException e) {
        // The process was killed; what was read so far is what there is.
      }
    }

    synchronized String text() {
      byte[] bytes;
      if (total <= limit) {
        bytes = java.util.Arrays.copyOf(ring, (int) total);
      } else {
        bytes = new byte[limit];
        int start = (int) (total % limit);
        System.arraycopy(ring, start, bytes, 0, limit - start);
        System.arraycopy(ring, 0, bytes, limit - start, start);
      }
      String s = new String(bytes, StandardCharsets.UTF_8);
      return total > limit ? "..." + s : s;
    }
  }
}
