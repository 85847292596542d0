package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * {@code --impl dockerarchive-cli}: this project's command-line tool as a separate process, through
 * {@code adapters/dockerarchive-cli.sh}, run with the same Java and class path as the suite ({@code
 * java -cp CLASSPATH io.github.dockerarchive.testkit.cli.DockerArchiveCli copy ...}), which works
 * from the built jar and in a Maven test alike. Gated: its failures fail the run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DockerArchiveCliProvider extends ScriptProvider {
  /** The command-line tool's main class, which the adapter runs from the suite's class path. */
  static final String MAIN_CLASS = "io.github.dockerarchive.testkit.cli.DockerArchiveCli";

  /** Used by the service loader. */
  public DockerArchiveCliProvider() {
    super("dockerarchive-cli", "dockerarchive-cli.sh", List.of());
  }

  /**
   * Whether the command-line tool is on the class path the adapter passes on: true when the suite
   * runs from the tool's jar or from a build that has the tool's module; false in the conformance
   * module on its own, which the tool depends on.
   *
   * @return whether {@link #MAIN_CLASS} is on the system class path
   */
  static boolean onClassPath() {
    return ClassLoader.getSystemClassLoader().getResource(MAIN_CLASS.replace('.', '/') + ".class")
        != null;
  }

  @Override
  public ArchiveImplementation create(ImplementationSettings settings) throws Exception {
    if (!onClassPath()) {
      throw new IOException(
          name()
              + ": the command-line tool ("
              + MAIN_CLASS
              + ") is not on the class path "
              + System.getProperty("java.class.path")
              + "; run the suite from the dockerarchive tool, or with its module on the class"
              + " path");
    }
    return super.create(settings);
  }

  @Override
  protected Map<String, String> environment() {
    // The launcher's class-data archive (./dockerarchive starts the suite with one) fits the same
    // jar, so the CLI's many short JVMs start faster with it; without one the option is absent.
    String sharedArchive =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-XX:SharedArchiveFile="))
            .findFirst()
            .orElse("");
    return Map.of(
        "DOCKERARCHIVE_JAVA",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "DOCKERARCHIVE_CLASSPATH",
        System.getProperty("java.class.path"),
        "DOCKERARCHIVE_JVM_OPTS",
        sharedArchive);
  }
}
