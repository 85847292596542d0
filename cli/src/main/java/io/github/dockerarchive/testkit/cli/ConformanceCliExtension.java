package io.github.dockerarchive.testkit.cli;

/**
 * Adds {@code conformance} to the {@code dockerarchive} command (registered in {@code
 * META-INF/services/io.github.dockerarchive.testkit.cli.CliExtension}).
 */
public final class ConformanceCliExtension implements CliExtension {
  /** Used by the service loader. */
  public ConformanceCliExtension() {}

  @Override
  public String name() {
    return "conformance";
  }

  @Override
  public Object command() {
    return new ConformanceCommand();
  }
}
