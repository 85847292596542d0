package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.ReadOptions;
import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The checks of SAFE: hostile and malformed input. Every malformed input ends in a checked, typed
 * error; nothing is written outside the caller's paths and no link leaves the archive;
 * decompression is bounded; broken tar structures are refused.
 *
 * <p>Every input of {@link HostileCorpus} read with the default options that falls under a SAFE
 * rule is one check {@code SAFE-n/hostile-CASE}, run as a copy and judged by {@link HostileInputs}.
 * Further checks reach what a copy cannot: links to files of the host whose bytes are exactly the
 * layer expected (so a reader that follows them succeeds instead of failing on a digest), and,
 * through the Java API, checked exceptions for every malformed input, temporary files and
 * decompression caps. Temporary files are judged through the Java API, which can be given a private
 * temporary directory; the shared {@code /tmp} of a busy machine changes too often for a
 * before/after comparison to prove a leak.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SafetyChecks {
  /** The cap of the capped decompression bombs, the hostile corpus's. */
  private static final long CAP = HostileCorpus.CAP;

  private SafetyChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.addAll(HostileInputs.checksUnder("SAFE"));
    checks.add(
        Check.of(
            "SAFE-2",
            "layer-symlink-to-host-file",
            "a layer entry that is a symlink to an absolute path outside the archive, where a file"
                + " with exactly the expected layer bytes lies, is refused, not followed",
            Set.of(Capability.READ),
            c -> hostLink(c, false)));
    checks.add(
        Check.of(
            "SAFE-2",
            "layer-hardlink-to-host-file",
            "a layer entry that is a hard link to an absolute path outside the archive, where a"
                + " file with exactly the expected layer bytes lies, is refused, not followed",
            Set.of(Capability.READ),
            c -> hostLink(c, true)));
    checks.add(
        Check.of(
            "SAFE-2",
            "layer-symlink-climbing-above-root",
            "a layer symlink ../../blob.tar that leaves the archive is refused, not clamped to the"
                + " archive's root (where blob.tar holds the expected layer)",
            Set.of(Capability.READ),
            SafetyChecks::climbingLink));
    checks.add(
        Check.javaApi(
            "SAFE-1",
            "no-temporary-file-left",
            "through the Java API with a private temporary directory, gzip-compressed malformed"
                + " archives (which a reader decompresses to a temporary file before it finds the"
                + " fault) end in a checked error, and no temporary file is left",
            SafetyChecks::compressedFailures));
    checks.add(
        Check.javaApi(
            "SAFE-1",
            "java-api-checked-errors",
            "through the Java API, every malformed input of the hostile corpus ends in a checked"
                + " exception with a message (never an unchecked one or an Error) and leaves no"
                + " temporary file",
            c -> javaApiErrors(c, false)));
    checks.add(
        HostileInputs.errorTextCheck(
            "SAFE-1",
            "java-api-messages-name-fault",
            "through the Java API, the error of every malformed input names the fault in the"
                + " words docs/rules.md and the reference use (the corpus's expected fragment)",
            Set.of(),
            true,
            c -> javaApiErrors(c, true)));
    checks.add(
        Check.javaApi(
            "SAFE-3",
            "layer-cap",
            "with a 64 MiB cap on each layer, a 1 MiB gzip layer that inflates to 1 GiB is refused"
                + " with a checked error, without inflating it all, and no temporary file is left",
            c -> cap(c, "gzip-bomb-layer-capped", ReadOptions.defaults().withMaxLayerSize(CAP))));
    checks.add(
        Check.javaApi(
            "SAFE-3",
            "archive-cap",
            "with a 64 MiB cap on the archive, a gzip archive that inflates to 1 GiB is refused"
                + " with a checked error and its partial temporary file is deleted",
            c ->
                cap(
                    c,
                    "gzip-bomb-archive-capped",
                    ReadOptions.defaults().withMaxArchiveSize(CAP))));
    checks.addAll(RealArchives.checksUnder("SAFE"));
    return List.copyOf(checks);
  }

  /**
   * Must-reject inputs whose fault lies inside the tar (open, load and read stages), to be
   * gzip-compressed so that a reader spools them to a temporary file first; and the truncated gzip,
   * whose decompression itself fails.
   */
  private static final List<String> COMPRESSED_FAILURES =
      List.of(
          "truncated-gzip",
          "truncated-in-layer-data",
          "bad-checksum-manifest-header",
          "manifest-empty",
          "symlink-self-loop",
          "config-no-rootfs",
          "synthetic-layer-digest-mismatch");

  private static void compressedFailures(CheckContext ctx) throws Exception {
    Path inputs = ctx.directory("inputs");
    List<Path> files = new ArrayList<>();
    for (HostileCase c : HostileCorpus.cases()) {
      if (!COMPRESSED_FAILURES.contains(c.name())) {
        continue;
      }
      Path plain = c.materialize(inputs);
      byte[] bytes = Files.readAllBytes(plain);
      Path file = plain;
      if (io.github.dockerarchive.testkit.image.Compression.detect(bytes, bytes.length)
          == io.github.dockerarchive.testkit.image.Compression.NONE) {
        file = inputs.resolve(c.name() + ".tar.gz");
        Files.write(
            file,
            HandmadeTar.compress(bytes, io.github.dockerarchive.testkit.image.Compression.GZIP));
        Files.delete(plain);
      }
      files.add(file);
    }
    if (files.size() != COMPRESSED_FAILURES.size()) {
      throw new IllegalStateException("hostile cases missing: expected " + COMPRESSED_FAILURES);
    }
    ctx.note(
        "inputs: the hostile corpus's cases "
            + COMPRESSED_FAILURES
            + ", gzip-compressed (except truncated-gzip, which is), in "
            + inputs);
    JavaApi api = HostileInputs.api(ctx);
    Path tmp = ctx.directory("tmp");
    ctx.note("each opened through the Java API with the temporary directory " + tmp);
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      HostileInputs.ApiRead read =
          HostileInputs.readThroughApi(
              api,
              CheckContext.archive(file, ":@0"),
              ReadOptions.defaults().withTemporaryDirectory(tmp),
              HostileInputs.BUDGET);
      if (read.error() instanceof CheckUnsupported u) {
        throw u;
      }
      // Accepting one is the failure of its own rule's check; here only the clean end counts.
      if (read.hung()) {
        problems.add(name + ": no answer within " + HostileInputs.BUDGET.toSeconds() + " s");
      } else if (read.error() instanceof RuntimeException || read.error() instanceof Error) {
        problems.add(name + ": unchecked " + read.error());
      }
      Set<String> left = HostileGuard.names(tmp);
      if (!left.isEmpty()) {
        problems.add(name + ": left temporary files " + left);
        for (String n : left) {
          FileTrees.delete(tmp.resolve(n));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(String.join("; ", problems));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Links that leave the archive, where following them would succeed

  /** The one-layer image of the link checks. */
  private static HandmadeImage linkImage() {
    return new HandmadeImage().tags("hostile/link:1").layer(Layer.of("a.txt", "alpha"));
  }

  private static byte[] linkArchive(
      HandmadeImage image, String layerPath, Consumer<HandmadeTar> links) {
    HandmadeTar tar = new HandmadeTar();
    links.accept(tar);
    tar.file(image.configPath(), image.configBytes());
    com.fasterxml.jackson.databind.node.ObjectNode item = image.manifestItem();
    item.putArray("Layers").add(layerPath);
    tar.file("manifest.json", HandmadeImage.toJson(HandmadeImage.JSON.createArrayNode().add(item)));
    return tar.build();
  }

  private static void hostLink(CheckContext ctx, boolean hard) throws Exception {
    HandmadeImage image = linkImage();
    Path host = ctx.directory("host").resolve("layer.tar").toAbsolutePath();
    Files.write(host, image.storedLayer(0));
    String target = host.toString();
    byte[] tar =
        linkArchive(
            image,
            "l/layer.tar",
            t -> {
              if (hard) {
                t.hardlink("l/layer.tar", target);
              } else {
                t.symlink("l/layer.tar", target);
              }
            });
    Path input = HandmadeTar.write(ctx.path("link.tar"), tar);
    ctx.note(
        "input: "
            + input
            + ", whose only layer is a "
            + (hard ? "hard link" : "symlink")
            + " to "
            + host
            + " (a file of the host holding exactly the layer's bytes)");
    refuseWithinGuard(
        ctx,
        input,
        "a layer that is a "
            + (hard ? "hard link" : "symlink")
            + " to "
            + host
            + ", outside the archive (it read the host's file)");
  }

  private static void climbingLink(CheckContext ctx) throws Exception {
    HandmadeImage image = linkImage();
    byte[] tar =
        linkArchive(
            image,
            "l/layer.tar",
            t -> {
              t.file("blob.tar", image.storedLayer(0));
              t.symlink("l/layer.tar", "../../blob.tar");
            });
    Path input = HandmadeTar.write(ctx.path("climb.tar"), tar);
    ctx.note(
        "input: "
            + input
            + ", whose layer l/layer.tar is a symlink to ../../blob.tar (leaves the archive by"
            + " one level; clamped at the root it would name blob.tar, the right bytes)");
    refuseWithinGuard(
        ctx, input, "a layer symlink ../../blob.tar that leaves the archive (it clamped the link)");
  }

  private static void refuseWithinGuard(CheckContext ctx, Path input, String what)
      throws Exception {
    Path out = ctx.path(HostileInputs.OUT);
    HostileGuard guard = HostileGuard.before(ctx.scratch(), Set.of(out));
    CopyRequest request = CopyRequest.of(CheckContext.archive(input, ":@0"), CheckContext.oci(out));
    Optional<ImplementationException> outcome =
        HostileInputs.copyWithin(ctx, request, HostileInputs.BUDGET);
    List<String> problems = new ArrayList<>();
    if (outcome.isEmpty()) {
      problems.add("accepted " + what);
    } else if (outcome.get().kind() != ImplementationException.Kind.REFUSED) {
      problems.add(
          outcome.get().kind()
              + " instead of refusing: "
              + HostileInputs.oneLine(outcome.get().getMessage()));
    }
    problems.addAll(guard.breaches());
    if (!problems.isEmpty()) {
      throw new CheckFailure(String.join("; ", problems));
    }
  }

  private static void javaApiErrors(CheckContext ctx, boolean messages) throws Exception {
    JavaApi api = HostileInputs.api(ctx);
    Path inputs = ctx.directory("inputs");
    Path tmp = ctx.directory("tmp");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (HostileCase c : HostileCorpus.cases()) {
      if (!c.defaultOptions() || !c.expectation().rejects() || c.big()) {
        continue;
      }
      Path input = c.materialize(inputs);
      String reference = HostileInputs.reference(c, input);
      HostileInputs.ApiRead read =
          HostileInputs.readThroughApi(
              api,
              reference,
              ReadOptions.defaults().withTemporaryDirectory(tmp),
              HostileInputs.BUDGET);
      checked++;
      if (read.error() instanceof CheckUnsupported u) {
        throw u;
      }
      if (messages) {
        messageProblem(c, read).ifPresent(problems::add);
      } else {
        typedProblem(c, read).ifPresent(problems::add);
        Set<String> left = HostileGuard.names(tmp);
        if (!left.isEmpty()) {
          problems.add(c.name() + ": left temporary files " + left);
          for (String n : left) {
            FileTrees.delete(tmp.resolve(n));
          }
        }
      }
      Files.delete(input);
    }
    ctx.note(
        "inputs: the "
            + checked
            + " must-reject inputs of HostileCorpus.cases() read with the default options, each"
            + " opened through the Java API (temporary directory "
            + tmp
            + ") and read fully");
    if (!problems.isEmpty()) {
      throw new CheckFailure(
          problems.size()
              + " of "
              + checked
              + " inputs: "
              + String.join("; ", problems.stream().limit(6).toList())
              + (problems.size() > 6 ? "; ..." : ""));
    }
  }

  private static Optional<String> typedProblem(HostileCase c, HostileInputs.ApiRead read) {
    if (read.hung()) {
      return Optional.of(
          c.name() + ": hung (no answer within " + HostileInputs.BUDGET.toSeconds() + " s)");
    }
    Throwable e = read.error();
    if (e == null) {
      // Accepting it is the case rule's failure, judged by the copy check of the case.
      return Optional.empty();
    }
    if (e instanceof RuntimeException || e instanceof Error) {
      return Optional.of(c.name() + ": unchecked " + e);
    }
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      return Optional.of(c.name() + ": " + e.getClass().getName() + " without a message");
    }
    return Optional.empty();
  }

  private static Optional<String> messageProblem(HostileCase c, HostileInputs.ApiRead read) {
    Throwable e = read.error();
    if (e == null || read.hung() || e instanceof RuntimeException || e instanceof Error) {
      return Optional.empty(); // judged at MUST level by java-api-checked-errors
    }
    String fragment = c.expectation().fragment();
    String message = String.valueOf(e.getMessage());
    if (message.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(
        c.name()
            + ": \""
            + HostileInputs.oneLine(message)
            + "\" does not contain \""
            + fragment
            + "\"");
  }

  private static void cap(CheckContext ctx, String caseName, ReadOptions options) throws Exception {
    HostileCase c =
        HostileCorpus.cases().stream()
            .filter(x -> x.name().equals(caseName))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no hostile case " + caseName));
    Path input = c.materialize(ctx.scratch());
    Path tmp = ctx.directory("tmp");
    ctx.note(
        "input: the hostile corpus's case " + c.name() + " (" + input + "): " + c.description());
    ctx.note("read through the Java API with " + options.withTemporaryDirectory(tmp));
    HostileInputs.ApiRead read =
        HostileInputs.readThroughApi(
            HostileInputs.api(ctx),
            HostileInputs.reference(c, input),
            options.withTemporaryDirectory(tmp),
            HostileInputs.BUDGET);
    if (read.error() instanceof CheckUnsupported u) {
      throw u;
    }
    List<String> problems = new ArrayList<>();
    if (read.hung()) {
      problems.add("no answer within " + HostileInputs.BUDGET.toSeconds() + " s");
    } else if (read.error() == null) {
      problems.add("read it all despite the cap of " + CAP + " bytes");
    } else if (read.error() instanceof RuntimeException || read.error() instanceof Error) {
      problems.add("unchecked " + read.error() + " instead of a checked error");
    }
    Set<String> left = HostileGuard.names(tmp);
    if (!left.isEmpty()) {
      problems.add("left temporary files " + left);
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(caseName + ": " + String.join("; ", problems));
    }
  }
}
