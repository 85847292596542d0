package io.github.dockerarchive.testkit.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line adapter protocol, against fake adapters written as small shell scripts. */
class CommandImplementationTest {
  @TempDir Path dir;

  private ImplementationSettings settings(Duration timeout) throws IOException {
    return new ImplementationSettings(Files.createDirectories(dir.resolve("run")), timeout);
  }

  /** A fake adapter: answers capabilities with the given lines, runs copyBody for copy. */
  private Path adapter(String name, String capabilities, String copyBody) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(
        script,
        "#!/usr/bin/env bash\n"
            + "case \"$1\" in\n"
            + "  capabilities)\n"
            + "    cat <<'CAPS'\n"
            + capabilities
            + "CAPS\n"
            + "    ;;\n"
            + "  copy)\n"
            + "    shift\n"
            + copyBody
            + "\n"
            + "    ;;\n"
            + "esac\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private CommandImplementation start(String copyBody, Duration timeout) throws Exception {
    return CommandImplementation.of(
        adapter("fake.sh", "read\nwrite\n", copyBody), settings(timeout));
  }

  private static final CopyRequest READ =
      CopyRequest.of("docker-archive:/in.tar:@1", "oci:/out:conformance");

  @Test
  void capabilitiesAreReadOneWordPerLineWithReferenceBasedAndComments() throws Exception {
    Path script =
        adapter(
            "caps.sh",
            "# what this tool does\nread\n\n  read-to-dir  \nwrite\nwrite-multi\nreference-based\n",
            "exit 0");
    CommandImplementation impl = CommandImplementation.of(script, settings(Duration.ofSeconds(30)));
    assertThat(impl.capabilities())
        .containsExactlyInAnyOrder(
            Capability.READ, Capability.READ_TO_DIR, Capability.WRITE, Capability.WRITE_MULTI);
    assertThat(impl.basedOnReference()).isTrue();
    assertThat(impl.name()).isEqualTo("cmd:" + script);
  }

  @Test
  void withoutReferenceBasedTheAdapterIsJudgedOnItsOwn() throws Exception {
    CommandImplementation impl = start("exit 0", Duration.ofSeconds(30));
    assertThat(impl.basedOnReference()).isFalse();
    assertThat(impl.capabilities()).containsExactlyInAnyOrder(Capability.READ, Capability.WRITE);
  }

  @Test
  void anUnknownCapabilityIsAnErrorThatListsTheKnownOnes() throws Exception {
    Path script = adapter("typo.sh", "read\nwrite-mutli\n", "exit 0");
    assertThatThrownBy(() -> CommandImplementation.of(script, settings(Duration.ofSeconds(30))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown capability \"write-mutli\"")
        .hasMessageContaining("write-multi")
        .hasMessageContaining("reference-based");
  }

  @Test
  void aFailingCapabilitiesCallIsAnErrorWithItsStderr() throws Exception {
    Path script = dir.resolve("broken.sh");
    Files.writeString(script, "#!/bin/sh\necho 'tool xyz is not installed' >&2\nexit 3\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    assertThatThrownBy(() -> CommandImplementation.of(script, settings(Duration.ofSeconds(30))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exit status 3")
        .hasMessageContaining("tool xyz is not installed");
  }

  @Test
  void aFileThatIsNotExecutableIsRefusedWithItsPath() throws Exception {
    Path script = dir.resolve("plain.sh");
    Files.writeString(script, "echo read\n");
    assertThatThrownBy(() -> CommandImplementation.of(script, settings(Duration.ofSeconds(30))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("plain.sh")
        .hasMessageContaining("not an executable");
  }

  @Test
  void copyPassesTheProtocolArgumentsAndAPrivateScratchDirectory() throws Exception {
    CommandImplementation impl =
        start(
            "printf '%s\\n' \"$@\" > \"$CONFORMANCE_SCRATCH/args\"\n"
                + "echo \"$CONFORMANCE_TIMEOUT\" > \"$CONFORMANCE_SCRATCH/timeout\"\n"
                + "exit 0",
            Duration.ofSeconds(42));
    impl.copy(
        CopyRequest.multi(
                List.of("docker-archive:/a.tar:example.com/x:1", "oci:/dir with space:y"),
                "docker-archive:/out.tar")
            .withLayout("docker-hybrid"));
    Path state = dir.resolve("run").resolve("adapter-state");
    assertThat(Files.readAllLines(state.resolve("args")))
        .containsExactly(
            "--multi",
            "--layout",
            "docker-hybrid",
            "docker-archive:/a.tar:example.com/x:1",
            "oci:/dir with space:y",
            "docker-archive:/out.tar");
    assertThat(Files.readString(state.resolve("timeout")).strip()).isEqualTo("42");
  }

  @Test
  void aNonZeroExitIsARefusalWithTheMessageOnStderr() throws Exception {
    CommandImplementation impl =
        start(
            "echo 'progress on stdout'\n"
                + "echo 'Invalid source index @1, only 1 manifest items available' >&2\n"
                + "exit 2",
            Duration.ofSeconds(30));
    assertThatThrownBy(() -> impl.copy(READ))
        .isInstanceOfSatisfying(
            ImplementationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ImplementationException.Kind.REFUSED);
              assertThat(e.getMessage())
                  .isEqualTo("Invalid source index @1, only 1 manifest items available");
            });
  }

  @Test
  void aSilentFailureNamesItsExitStatus() throws Exception {
    CommandImplementation impl = start("exit 125", Duration.ofSeconds(30));
    assertThatThrownBy(() -> impl.copy(READ))
        .isInstanceOfSatisfying(
            ImplementationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ImplementationException.Kind.REFUSED);
              assertThat(e.getMessage()).isEqualTo("exit status 125 (nothing on stderr)");
            });
  }

  @Test
  void onlyTheEndOfALongStderrIsKept() throws Exception {
    CommandImplementation impl =
        start(
            "for i in $(seq 1 5000); do echo \"noise line $i\" >&2; done\n"
                + "echo 'the real reason' >&2\n"
                + "exit 1",
            Duration.ofSeconds(30));
    assertThatThrownBy(() -> impl.copy(READ))
        .isInstanceOfSatisfying(
            ImplementationException.class,
            e -> {
              assertThat(e.getMessage()).endsWith("the real reason").startsWith("...");
              assertThat(e.getMessage().length())
                  .isLessThanOrEqualTo(CommandImplementation.STDERR_TAIL_BYTES + 3);
              assertThat(e.getMessage()).doesNotContain("noise line 1\n");
            });
  }

  @Test
  void deathBySignalIsACrash() throws Exception {
    CommandImplementation impl =
        start("echo 'about to die' >&2\nkill -9 $$", Duration.ofSeconds(30));
    assertThatThrownBy(() -> impl.copy(READ))
        .isInstanceOfSatisfying(
            ImplementationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ImplementationException.Kind.CRASHED);
              assertThat(e.getMessage()).contains("killed by signal 9").contains("about to die");
            });
  }

  @Test
  void aHangIsStoppedAfterTheTimeoutWithEveryProcessItStarted() throws Exception {
    CommandImplementation impl =
        start(
            "sleep 300 &\n"
                + "echo $! > \"$CONFORMANCE_SCRATCH/child\"\n"
                + "echo 'waiting forever' >&2\n"
                + "wait",
            Duration.ofSeconds(2));
    long start = System.nanoTime();
    assertThatThrownBy(() -> impl.copy(READ))
        .isInstanceOfSatisfying(
            ImplementationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ImplementationException.Kind.TIMED_OUT);
              assertThat(e.getMessage()).contains("within 2 s").contains("waiting forever");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    long child =
        Long.parseLong(
            Files.readString(dir.resolve("run/adapter-state/child"), StandardCharsets.UTF_8)
                .strip());
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
        .as("the adapter's child process %d was killed", child)
        .isFalse();
  }

  @Test
  void anInterruptedCopyKillsTheAdapter() throws Exception {
    CommandImplementation impl =
        start("echo $$ > \"$CONFORMANCE_SCRATCH/pid\"\nsleep 300 & wait", Duration.ofMinutes(5));
    Path pidFile = dir.resolve("run/adapter-state/pid");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                impl.copy(READ);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    worker.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
    worker.interrupt();
    worker.join(20_000);
    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void implementationsResolveCmdPathAsAGatedAdapter() throws Exception {
    Path script = adapter("mytool.sh", "read\n", "exit 0");
    Implementations.Selected selected =
        Implementations.create("cmd:" + script, settings(Duration.ofSeconds(30)));
    try (var impl = selected.implementation()) {
      assertThat(selected.reportOnly()).isFalse();
      assertThat(impl.name()).isEqualTo("cmd:" + script);
      assertThat(impl.capabilities()).containsExactly(Capability.READ);
    }
    assertThatThrownBy(() -> Implementations.create("cmd:", settings(Duration.ofSeconds(30))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cmd:PATH");
  }

  @Test
  void extraEnvironmentReachesTheAdapter() throws Exception {
    Path script =
        adapter("env.sh", "write\n", "echo \"$FAKE_TOOL_HOME\" > \"$CONFORMANCE_SCRATCH/env\"");
    CommandImplementation impl =
        CommandImplementation.start(
            "env",
            List.of(script.toString()),
            Map.of("FAKE_TOOL_HOME", "/opt/fake"),
            settings(Duration.ofSeconds(30)));
    impl.copy(CopyRequest.of("oci:/in:x", "docker-archive:/out.tar"));
    assertThat(Files.readString(dir.resolve("run/adapter-state/env")).strip())
        .isEqualTo("/opt/fake");
  }
}
