package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A minimal skopeo adapter for the reader checks' own tests ({@code skopeo --insecure-policy copy
 * SRC DST}), to see what the reference does on them; the shipped adapter lives in {@code adapters}.
 * Reads only.
 */
final class SkopeoProbe implements ArchiveImplementation {
  /**
   * Whether skopeo can be run here.
   *
   * @return true when {@code skopeo --version} succeeds
   */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("skopeo", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String name() {
    return "skopeo";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.READ, Capability.READ_TO_DIR);
  }

  @Override
  public boolean basedOnReference() {
    return true;
  }

  @Override
  public void copy(CopyRequest request) throws ImplementationException, InterruptedException {
    if (request.multi() || request.layout().isPresent()) {
      throw new ImplementationException(
          ImplementationException.Kind.REFUSED, "skopeo copies one image at a time", null);
    }
    List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "-q"));
    command.add(request.sources().get(0));
    command.add(request.destination());
    Path log = null;
    try {
      log = Files.createTempFile("skopeo-probe", ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new ImplementationException(
            ImplementationException.Kind.TIMED_OUT, "no answer within 30 s", null);
      }
      String out = Files.readString(log, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        boolean crash = out.contains("panic:") || p.exitValue() > 128;
        throw new ImplementationException(
            crash ? ImplementationException.Kind.CRASHED : ImplementationException.Kind.REFUSED,
            "exit " + p.exitValue() + ": " + out,
            null);
      }
    } catch (IOException e) {
      throw new ImplementationException(
          ImplementationException.Kind.CRASHED, "cannot run skopeo: " + e, e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a temporary log; nothing else to do
        }
      }
    }
  }
}
