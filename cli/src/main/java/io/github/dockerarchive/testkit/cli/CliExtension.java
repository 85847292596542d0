package io.github.dockerarchive.testkit.cli;

import org.apiguardian.api.API;

/**
 * A subcommand that another module adds to {@code dockerarchive}. Register an implementation in
 * {@code META-INF/services/io.github.dockerarchive.testkit.cli.CliExtension}; {@link
 * DockerArchiveCli} lists every registered command after its own in help.
 *
 * <p>Every start of the tool that does not name a built-in command creates each extension and asks
 * its {@link #name()} (so an extension cannot take a built-in command's name); the command itself
 * is created only when a command line names it (or asks for help). So an extension must be cheap to
 * create, should override {@link #name()}, and its command object should only hold its options and
 * defer loading the classes that do the work until it is called.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CliExtension {
  /**
   * The subcommand's name, as in its {@code @Command(name = ...)} or its {@code CommandSpec}. The
   * tool builds only the command a command line names, so it asks for names first; the default
   * reads the name of a new {@link #command()}, and an extension can answer without creating its
   * command.
   *
   * @return the name users type
   */
  default String name() {
    Object command = command();
    if (command instanceof picocli.CommandLine.Model.CommandSpec spec) {
      return spec.name();
    }
    picocli.CommandLine.Command annotation =
        command.getClass().getAnnotation(picocli.CommandLine.Command.class);
    if (annotation == null || annotation.name().isEmpty()) {
      throw new IllegalStateException(
          command.getClass().getName() + " is not annotated with @Command(name = ...)");
    }
    return annotation.name();
  }

  /**
   * The subcommand: an object of a class annotated with picocli's {@code @Command} (with a {@code
   * name}), implementing {@code Callable<Integer>} or {@code Runnable}; or a picocli {@code
   * CommandSpec} built in code (with a name) around such an object, which starts faster, since
   * picocli then neither reflects over the class nor reads its annotations. A {@code Callable}'s
   * result is the exit code; exceptions are reported as the built-in commands' are ({@code
   * dockerarchive: error: ...}, exit code 2).
   *
   * @return a new command object
   */
  Object command();
}
