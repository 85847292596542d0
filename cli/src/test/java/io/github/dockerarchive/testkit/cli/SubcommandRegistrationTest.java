package io.github.dockerarchive.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("only the subcommand a command line names is built; help and unknown names see all")
class SubcommandRegistrationTest {
  private static final List<String> BUILT_IN =
      List.of("inspect", "verify", "copy", "generate", "selftest");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"inspect", "verify", "copy", "generate", "selftest"})
  @DisplayName("each built-in command answers --help under its own name, also after --debug")
  void eachCommandByName(String name) {
    for (CliRun run : List.of(CliRun.of(name, "--help"), CliRun.of("--debug", name, "--help"))) {
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).startsWith("Usage: dockerarchive " + name + " ");
    }
  }

  @Test
  @DisplayName("the tool's help lists every command, built in or added, and help")
  void helpListsAll() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    for (String name : BUILT_IN) {
      assertThat(run.out()).contains("  " + name + " ");
    }
    assertThat(run.out()).contains("  test-echo ").contains("  help ");
    CliRun help = CliRun.of("help", "copy");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: dockerarchive copy ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--version", "-V", "--debug --version", "--version --help", "-hV"})
  @DisplayName("the version is answered with or without the subcommands built")
  void version(String line) {
    CliRun run = CliRun.of(line.split(" "));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    if (line.contains("-h")) {
      assertThat(run.out()).startsWith("Usage: dockerarchive ").contains("  inspect ");
    } else {
      assertThat(run.out()).startsWith("dockerarchive ").doesNotContain("Usage");
    }
  }

  @Test
  @DisplayName(
      "the tool's own commands carry no picocli annotations: their models are built in code, so"
          + " no annotation proxy is generated and no class reflected over at start-up")
  void modelsBuiltInCode() {
    for (Class<?> type :
        List.of(
            DockerArchiveCli.class,
            InspectCommand.class,
            VerifyCommand.class,
            CopyCommand.class,
            GenerateCommand.class,
            SelfTestCommand.class,
            ConformanceCommand.class,
            PlatformOption.class)) {
      List<Annotation> annotations = new ArrayList<>(List.of(type.getDeclaredAnnotations()));
      for (Field field : type.getDeclaredFields()) {
        annotations.addAll(List.of(field.getDeclaredAnnotations()));
      }
      assertThat(annotations)
          .as(type.getName())
          .noneMatch(a -> a.annotationType().getName().startsWith("picocli."));
    }
  }

  @Test
  @DisplayName("a mistyped command is an error that suggests the command meant")
  void unknownCommand() {
    CliRun run = CliRun.of("cpy", "a", "b");
    assertThat(run.exitCode()).isEqualTo(DockerArchiveCli.UNREADABLE);
    assertThat(run.err()).contains("cpy").contains("copy");
  }
}
