package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * Finds implementations by the names given to {@code --impl}: the registered {@link
 * ImplementationProvider}s ({@code builtin}, {@code skopeo}, ...) and {@code cmd:PATH} for a
 * command-line adapter (see {@link CommandImplementation}; a {@code cmd:} adapter is gated, its
 * failures fail the run).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Implementations {
  /** The prefix of a command-line adapter: {@code cmd:PATH}. */
  public static final String COMMAND_PREFIX = "cmd:";

  private Implementations() {}

  /**
   * An implementation chosen for a run.
   *
   * @param implementation the implementation
   * @param reportOnly whether its failures are only reported (peers), not failing the run
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Selected(ArchiveImplementation implementation, boolean reportOnly) {}

  /**
   * The registered providers, in class-path order.
   *
   * @return the providers
   */
  public static List<ImplementationProvider> providers() {
    List<ImplementationProvider> all = new ArrayList<>();
    ServiceLoader.load(ImplementationProvider.class).forEach(all::add);
    return all;
  }

  /**
   * Creates the implementation a name stands for.
   *
   * @param name a provider's name or {@code cmd:PATH}
   * @param settings scratch directory and timeout
   * @return the implementation
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   * @throws Exception when the implementation cannot be set up
   */
  public static Selected create(String name, ImplementationSettings settings) throws Exception {
    if (name.startsWith(COMMAND_PREFIX)) {
      String path = name.substring(COMMAND_PREFIX.length());
      if (path.isBlank()) {
        throw new IllegalArgumentException("cmd: needs the adapter's path: cmd:PATH");
      }
      return new Selected(CommandImplementation.of(Path.of(path), settings), false);
    }
    List<String> known = new ArrayList<>();
    for (ImplementationProvider p : providers()) {
      if (p.name().equals(name)) {
        return new Selected(p.create(settings), p.reportOnly());
      }
      known.add(p.name());
    }
    known.add(COMMAND_PREFIX + "PATH");
    throw new IllegalArgumentException(
        "unknown implementation \"" + name + "\"; known: " + String.join(", ", known));
  }
}
