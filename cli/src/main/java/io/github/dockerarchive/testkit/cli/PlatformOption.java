package io.github.dockerarchive.testkit.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --platform} option of {@code inspect} and {@code verify}: the platform an image index
 * of an {@code oci-archive:} argument is resolved to (OAR-3).
 */
final class PlatformOption {
  String platform;

  /** Adds the option to a command. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        Specs.option(String.class, () -> platform, v -> platform = v, "--platform")
            .paramLabel("OS/ARCH[/VARIANT]")
            .description(
                "For oci-archive: the platform of a multi-platform image (default linux/amd64).")
            .build());
  }

  /** Refuses the option when the argument is no {@code oci-archive:} reference. */
  void refuseFor(CommandSpec spec) {
    if (platform != null) {
      throw new ParameterException(
          spec.commandLine(), "--platform applies to oci-archive: references only");
    }
  }
}
