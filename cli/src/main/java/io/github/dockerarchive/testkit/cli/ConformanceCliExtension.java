package io.github.dockerarchive.testkit.cli;

import org.apiguardian.api.API;

/**
 * Adds {@code conformance} to the {@code dockerarchive} command (registered in {@code
 * META-INF/services/io.github.dockerarchive.testkit.cli.CliExtension}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConformanceCliExtension implements CliExtension {
  /** Used by the service loader. */
  public ConformanceCliExtension() {}

  @Override
  public String name() {
    return "conformance";
  }

  @Override
  public Object command() {
    return new ConformanceCommand().spec;
  }
}
