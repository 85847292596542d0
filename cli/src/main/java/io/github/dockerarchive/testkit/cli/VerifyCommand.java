package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.layout.ImageInputVerifier;
import io.github.dockerarchive.testkit.layout.OciArchiveInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dockerarchive verify}: recomputes every digest and checks it against the config, and
 * checks what writers get wrong besides (repeated layer paths, layer tar members, the OCI layout).
 */
final class VerifyCommand implements Callable<Integer> {
  final CommandSpec spec =
      Specs.command(
          this,
          "verify",
          "Recompute the config digest and every layer's diffID of every image and check them;"
              + " check every Layers path of a repeated layer, the members of every layer tar and"
              + " an OCI layout (index.json) beside manifest.json.",
          "oci-archive:PATH[:NAME] verifies the image NAME selects (or the only one), resolved to"
              + " --platform: every blob's digest and size against its descriptor and every layer's"
              + " diffID.",
          "Exit 0 when all hold (warnings allowed), 1 when something does not (one problem per"
              + " line, with its rule ID), 2 when the archive cannot be read at all.");

  boolean quiet;

  final PlatformOption platform = new PlatformOption();

  String archive;

  VerifyCommand() {
    spec.addOption(
        Specs.flag(
            () -> quiet,
            v -> quiet = v,
            "--quiet",
            "Print problems only, no summary and no progress."));
    platform.addTo(spec);
    spec.addPositional(
        Specs.parameter(String.class, () -> archive, v -> archive = v)
            .paramLabel("ARCHIVE")
            .description("A path (or docker-archive:PATH), or oci-archive:PATH[:NAME].")
            .build());
    Specs.withStandardHelp(spec);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String path;
    VerificationReport report;
    if (OciArchiveArgument.matches(archive)) {
      path = OciArchiveArgument.path(archive);
      try (OciArchiveInput image = OciArchiveArgument.open(archive, platform.platform);
          ProgressBar progress = new ProgressBar(err, "verifying", quiet)) {
        report = ImageInputVerifier.verify(image, progress::update);
      }
    } else {
      platform.refuseFor(spec);
      ArchiveReference reference = ArchiveArgument.parse(archive);
      path = reference.path();
      try (ProgressBar progress = new ProgressBar(err, "verifying", quiet)) {
        report = ArchiveVerifier.verify(Path.of(path), ReaderOptions.defaults(), progress::update);
      }
    }
    for (VerificationReport.Problem problem : report.problems()) {
      out.println(problem.format());
    }
    if (!quiet) {
      out.printf(
          "%s: %s (%d image%s, %d layer entr%s checked)%n",
          path,
          report.isValid() ? "OK" : "INVALID",
          report.imageCount(),
          report.imageCount() == 1 ? "" : "s",
          report.layerEntries(),
          report.layerEntries() == 1 ? "y" : "ies");
    }
    return report.isValid() ? DockerArchiveCli.OK : DockerArchiveCli.CHECK_FAILED;
  }
}
