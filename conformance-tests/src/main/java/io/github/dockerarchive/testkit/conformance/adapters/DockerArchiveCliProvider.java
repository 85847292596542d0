package io.github.dockerarchive.testkit.conformance.adapters;

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
  /** Used by the service loader. */
  public DockerArchiveCliProvider() {
    super("dockerarchive-cli", "dockerarchive-cli.sh", List.of());
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
