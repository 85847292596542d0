package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A provider whose implementation is one of the shipped command-line adapters ({@code
 * conformance-tests/adapters/NAME.sh}, packaged in the jar): the script is extracted into the run's
 * scratch directory and run through {@link CommandImplementation}, after the tools it drives are
 * found on the {@code PATH}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class ScriptProvider implements ImplementationProvider {
  /** Where the scripts are packaged, as class-path resources. */
  public static final String RESOURCE_DIRECTORY =
      "/io/github/dockerarchive/testkit/conformance/adapters/scripts/";

  /**
   * The library of the protocol's command line that the scripts source from their own directory.
   */
  public static final String LIBRARY = "protocol.sh";

  private final String name;
  private final String script;
  private final List<String> tools;
  private final boolean reportOnly;

  /**
   * A script-backed provider whose failures fail a run.
   *
   * @param name the name given to {@code --impl}
   * @param script the script's file name in {@code conformance-tests/adapters/}
   * @param tools the executables it needs on the {@code PATH}
   */
  protected ScriptProvider(String name, String script, List<String> tools) {
    this(name, script, tools, false);
  }

  /**
   * A provider for a peer tool, a user of the reference: {@code --impl TOOL} runs the script {@code
   * TOOL.sh}, which drives {@code TOOL} from the {@code PATH}; only reported, never failing a run.
   *
   * @param tool the tool's executable, also the name given to {@code --impl}
   */
  protected ScriptProvider(String tool) {
    this(tool, tool + ".sh", List.of(tool), true);
  }

  private ScriptProvider(String name, String script, List<String> tools, boolean reportOnly) {
    this.name = name;
    this.script = script;
    this.tools = List.copyOf(tools);
    this.reportOnly = reportOnly;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean reportOnly() {
    return reportOnly;
  }

  @Override
  public ArchiveImplementation create(ImplementationSettings settings) throws Exception {
    for (String tool : tools) {
      if (findOnPath(tool) == null) {
        throw new IOException(
            name
                + ": "
                + tool
                + " is not installed (not on the PATH); install it (apt-get install -y "
                + tool
                + ") or leave --impl "
                + name
                + " out");
      }
    }
    Path executable = extract(script, settings.scratch());
    return CommandImplementation.start(
        name, List.of(executable.toString()), environment(), settings);
  }

  /**
   * More environment variables for the script; none by default.
   *
   * @return the variables
   */
  protected Map<String, String> environment() {
    return Map.of();
  }

  /**
   * Copies a packaged script into a directory and makes it executable, with the library the scripts
   * source ({@link #LIBRARY}) beside it.
   *
   * @param script the script's file name
   * @param directory where to put it (its {@code adapters} subdirectory)
   * @return the executable
   * @throws IOException when the script is not packaged or cannot be written
   */
  public static Path extract(String script, Path directory) throws IOException {
    Path adapters = Files.createDirectories(directory.resolve("adapters"));
    copy(LIBRARY, adapters, "rw-------");
    return copy(script, adapters, "rwx------");
  }

  private static Path copy(String script, Path directory, String permissions) throws IOException {
    Path target = directory.resolve(script);
    try (InputStream in = ScriptProvider.class.getResourceAsStream(RESOURCE_DIRECTORY + script)) {
      if (in == null) {
        throw new IOException(
            "the adapter script "
                + script
                + " is not on the class path ("
                + RESOURCE_DIRECTORY
                + ")");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions));
    return target;
  }

  /**
   * Finds an executable on the {@code PATH}.
   *
   * @param tool its name
   * @return its path, or null when it is not there
   */
  public static Path findOnPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
