package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class CliExtensionTest {
  /** Registered in this module's test resources, as conformance-tests registers its command. */
  public static final class EchoExtension implements CliExtension {
    @Override
    public Object command() {
      return new Echo();
    }
  }

  @Command(name = "test-echo", description = "Prints its arguments (a test extension).")
  static final class Echo implements Callable<Integer> {
    @Parameters List<String> words = List.of();

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (words.contains("fail")) {
        throw new IllegalStateException("asked to fail");
      }
      spec.commandLine().getOut().println(String.join(" ", words));
      return words.size();
    }
  }

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return DockerArchiveCli.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void registeredExtensionsAreSubcommandsWithTheirExitCodes() {
    assertThat(run("test-echo", "a", "b", "c")).isEqualTo(3);
    assertThat(out.toString()).isEqualTo("a b c" + System.lineSeparator());
  }

  @Test
  void extensionsAreListedBeforeHelpAndShareErrorHandling() {
    assertThat(run("--help")).isZero();
    String help = out.toString();
    assertThat(help).contains("test-echo").contains("selftest");
    assertThat(help.indexOf("  test-echo")).isLessThan(help.indexOf("  help"));
    assertThat(run("test-echo", "fail")).isEqualTo(DockerArchiveCli.UNREADABLE);
    assertThat(err.toString()).contains("dockerarchive: error: asked to fail");
    assertThat(run("help", "test-echo")).isZero();
    assertThat(out.toString()).contains("Prints its arguments");
  }
}
