package io.github.dockerarchive.testkit.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds the commands' picocli models in code. picocli builds a model from annotations by
 * reflection and by a dynamic proxy per annotation type, which a class-data-sharing archive cannot
 * hold; building it here keeps a short command's start-up near the JVM's own. Options and
 * parameters set the command's fields through the typed accessors given here.
 */
final class Specs {
  /**
   * The factory the tool's command lines use: picocli's default one, created only when an annotated
   * command (an extension's) needs it. Its creation looks for Groovy on the class path, and that
   * failed look-up opens the tool's jar, which a start served from the class-data archive otherwise
   * never does.
   */
  static final CommandLine.IFactory FACTORY = new LazyFactory();

  private Specs() {}

  /**
   * A command: its name and description; add its options, then {@link #withStandardHelp}.
   *
   * @param command the object picocli runs (a {@code Callable<Integer>})
   */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, FACTORY).name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /**
   * Adds {@code -h, --help} and {@code -V, --version}, as picocli's {@code
   * mixinStandardHelpOptions} does (after the command's own options).
   */
  static CommandSpec withStandardHelp(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    return spec;
  }

  /**
   * An option of the given type (for a list, its element type as {@code auxiliaryTypes}) that reads
   * and sets a field of the command.
   */
  static <T> OptionSpec.Builder option(
      Class<?> type, Supplier<T> get, Consumer<T> set, String... names) {
    Field<T> field = new Field<>(get, set);
    return OptionSpec.builder(names)
        .type(type)
        .getter(field)
        .setter(field)
        .initialValue(get.get())
        .hasInitialValue(true);
  }

  /** An option without a value that sets a boolean field of the command. */
  static OptionSpec flag(
      Supplier<Boolean> get, Consumer<Boolean> set, String name, String description) {
    return option(boolean.class, get, set, name).description(description).build();
  }

  /** A repeatable option collecting strings into a list field of the command. */
  static OptionSpec.Builder strings(
      Supplier<List<String>> get, Consumer<List<String>> set, String... names) {
    return option(List.class, get, set, names).auxiliaryTypes(String.class);
  }

  /**
   * A required positional parameter of the given type (for a list, its element type as {@code
   * auxiliaryTypes}) that reads and sets a field of the command.
   */
  static <T> PositionalParamSpec.Builder parameter(
      Class<?> type, Supplier<T> get, Consumer<T> set) {
    Field<T> field = new Field<>(get, set);
    return PositionalParamSpec.builder()
        .required(true)
        .type(type)
        .getter(field)
        .setter(field)
        .initialValue(get.get())
        .hasInitialValue(true);
  }

  /** Creates objects with picocli's default factory, made on first use. */
  private static final class LazyFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** A field of a command as picocli's getter and setter. */
  private static final class Field<T> implements IGetter, ISetter {
    private final Supplier<T> get;
    private final Consumer<T> set;

    Field(Supplier<T> get, Consumer<T> set) {
      this.get = get;
      this.set = set;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
      return (V) get.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
      V old = get();
      set.accept((T) value);
      return old;
    }
  }
}
