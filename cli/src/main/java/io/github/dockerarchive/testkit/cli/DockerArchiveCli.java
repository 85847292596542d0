package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.ArchiveException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code dockerarchive} command: inspect, verify, copy and generate docker-save archives.
 *
 * <p>Exit codes: 0 success; 1 a check did not hold ({@code verify}); 2 the input could not be read,
 * or bad usage.
 *
 * <p>Other modules add subcommands through {@link CliExtension} (the conformance suite adds {@code
 * conformance}); they are found with {@link ServiceLoader} on the class path.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DockerArchiveCli {
  /**
   * The built-in subcommands by name, in the order help lists them. Only the one a command line
   * names is built; help and unknown names get all of them, a request for the version none.
   */
  private static final Map<String, Supplier<CommandSpec>> BUILT_IN = builtIn();

  /** Everything worked. */
  public static final int OK = 0;

  /** A check did not hold. */
  public static final int CHECK_FAILED = 1;

  /** The input could not be read, or the command line was wrong. */
  public static final int UNREADABLE = 2;

  /** {@code --debug}, which every subcommand inherits. */
  private boolean debug;

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the tool with the given output streams (for tests and embedding).
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    String named = subcommandNamed(args);
    DockerArchiveCli root = new DockerArchiveCli();
    CommandLine cli = new CommandLine(root.spec(), Specs.FACTORY);
    List<CliExtension> extensions = new ArrayList<>();
    if (!BUILT_IN.containsKey(named)) {
      // a built-in command needs no extension (and an extension cannot take a built-in's name)
      ServiceLoader.load(CliExtension.class, DockerArchiveCli.class.getClassLoader())
          .forEach(extensions::add);
    }
    boolean known =
        BUILT_IN.containsKey(named) || extensions.stream().anyMatch(e -> e.name().equals(named));
    if (!asksForVersionOnly(args)) {
      BUILT_IN.forEach(
          (name, command) -> {
            if (!known || name.equals(named)) {
              cli.addSubcommand(name, command.get());
            }
          });
      for (CliExtension extension : extensions) {
        if (!known || extension.name().equals(named)) {
          cli.addSubcommand(extension.name(), extension.command());
        }
      }
      if (!known) {
        cli.addSubcommand("help", new CommandLine.HelpCommand());
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    ErrorHandler errors = new ErrorHandler(root, err);
    cli.setExitCodeExceptionMapper(errors);
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The tool's own model: its description, {@code --debug} and the standard help options. */
  private CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "dockerarchive",
            "Read, check, copy and generate docker-save archives (docker-archive: transport).");
    spec.versionProvider(new Version());
    spec.addOption(
        Specs.option(boolean.class, () -> debug, v -> debug = v, "--debug")
            .scopeType(CommandLine.ScopeType.INHERIT)
            .description("Print stack traces of errors.")
            .build());
    return Specs.withStandardHelp(spec);
  }

  private static Map<String, Supplier<CommandSpec>> builtIn() {
    Map<String, Supplier<CommandSpec>> commands = new LinkedHashMap<>();
    commands.put("inspect", () -> new InspectCommand().spec);
    commands.put("verify", () -> new VerifyCommand().spec);
    commands.put("copy", () -> new CopyCommand().spec);
    commands.put("generate", () -> new GenerateCommand().spec);
    commands.put("selftest", () -> new SelfTestCommand().spec);
    return Collections.unmodifiableMap(commands);
  }

  /** The subcommand a command line names: its first argument that is not an option, or "". */
  private static String subcommandNamed(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return "";
  }

  /**
   * Whether the command line only asks for the tool's version ({@code --version} or {@code -V},
   * perhaps with {@code --debug}), which needs no subcommand.
   */
  private static boolean asksForVersionOnly(String[] args) {
    boolean version = false;
    for (String arg : args) {
      if (arg.equals("--version") || arg.equals("-V")) {
        version = true;
      } else if (!arg.equals("--debug")) {
        return false;
      }
    }
    return version;
  }

  private static String subcommandName(CommandLine.ParameterException ex) {
    String name = ex.getCommandLine().getCommandName();
    return name.equals("dockerarchive") ? "" : name + " ";
  }

  /** One line describing an error: its message and, for archive errors, the rule it breaks. */
  static String describe(Throwable ex) {
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    if (ex instanceof ArchiveException a && a.rule() != null) {
      return message + " [" + a.rule() + "]";
    }
    return message;
  }

  /**
   * Reports errors: bad usage with a hint, failures as one line (with a stack trace under {@code
   * --debug}), both with exit code {@link #UNREADABLE}. A class rather than lambdas: picocli's
   * interfaces are Java 5 class files, so lambdas implementing them would be spun at every start
   * instead of coming from the class-data archive.
   */
  private static final class ErrorHandler
      implements CommandLine.IParameterExceptionHandler,
          CommandLine.IExecutionExceptionHandler,
          CommandLine.IExitCodeExceptionMapper {
    private final DockerArchiveCli root;
    private final PrintWriter err;

    ErrorHandler(DockerArchiveCli root, PrintWriter err) {
      this.root = root;
      this.err = err;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      err.println("dockerarchive: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try 'dockerarchive " + subcommandName(ex) + "--help' for usage.");
      return UNREADABLE;
    }

    @Override
    public int handleExecutionException(
        Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      err.println("dockerarchive: error: " + describe(ex));
      if (root.debug) {
        ex.printStackTrace(err);
      }
      err.flush();
      return UNREADABLE;
    }

    @Override
    public int getExitCode(Throwable exception) {
      return UNREADABLE;
    }
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = DockerArchiveCli.class.getPackage().getImplementationVersion();
      return new String[] {"dockerarchive " + (v == null ? "(development build)" : v)};
    }
  }
}
