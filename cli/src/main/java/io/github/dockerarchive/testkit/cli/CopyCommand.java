package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.layout.Platform;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.Layout;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code dockerarchive copy}: copies images between {@code docker-archive:}, {@code oci:} and
 * {@code dir:} with skopeo's syntax, so scripts can swap one tool for the other.
 */
final class CopyCommand implements Callable<Integer> {
  final CommandSpec spec =
      Specs.command(
          this,
          "copy",
          "Copy an image: SRC and DST are docker-archive:PATH[:REF|:@N], oci:DIR[:NAME],"
              + " oci-archive:PATH[:NAME] or dir:DIR, as in skopeo copy.",
          "An image index in an oci: or oci-archive: source is resolved to one platform"
              + " (--platform, linux/amd64 by default, as skopeo on amd64).",
          "With --multi, every argument but the last is a source and all go into one docker-archive"
              + " (like podman save -m); each image keeps the tag its source selected it by"
              + " (an oci: ref.name only when it is a reference with a tag, such as example.com/app:1;"
              + " a bare name such as latest leaves the image untagged, reachable as @N, with a note).",
          "A tag never names two different images of one archive: such a copy is refused and"
              + " nothing is written; the same image given twice keeps all its tags.");

  List<String> additionalTags = new ArrayList<>();
  boolean multi;
  String layout;
  String platform;
  boolean replace;
  boolean sync;
  List<String> arguments;

  CopyCommand() {
    spec.addOption(
        Specs.strings(() -> additionalTags, v -> additionalTags = v, "--additional-tag")
            .paramLabel("TAG")
            .description(
                "Also tag the image with TAG in a docker-archive destination (repeatable).")
            .build());
    spec.addOption(
        Specs.flag(
            () -> multi,
            v -> multi = v,
            "--multi",
            "Copy several sources into one docker-archive (the last argument)."));
    spec.addOption(
        Specs.option(String.class, () -> layout, v -> layout = v, "--layout")
            .paramLabel("LAYOUT")
            .description(
                "docker-archive layout: docker-archive (skopeo's, the default) or docker-hybrid"
                    + " (Docker 25+: blobs/sha256, index.json, oci-layout and manifest.json).")
            .defaultValue("docker-archive")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> platform, v -> platform = v, "--platform")
            .paramLabel("OS/ARCH[/VARIANT]")
            .description(
                "The platform to copy from a multi-platform oci: or oci-archive: source, such as"
                    + " linux/arm64 (default linux/amd64, as skopeo's --override-os/--override-arch).")
            .build());
    spec.addOption(
        Specs.flag(
            () -> replace,
            v -> replace = v,
            "--replace",
            "Replace an existing non-empty destination archive (refused by default)."));
    spec.addOption(
        Specs.flag(
            () -> sync,
            v -> sync = v,
            "--sync",
            "fsync a docker-archive destination before it is renamed into place (survives a"
                + " power loss, not only a killed process; slower)."));
    spec.addPositional(
        Specs.parameter(List.class, () -> arguments, v -> arguments = v)
            .auxiliaryTypes(String.class)
            .paramLabel("SRC DST")
            .arity("2..*")
            .description("Source(s) and destination.")
            .build());
    Specs.withStandardHelp(spec);
  }

  @Override
  public Integer call() throws Exception {
    List<TransportReference> sources = new ArrayList<>();
    for (String s : arguments.subList(0, arguments.size() - 1)) {
      sources.add(TransportReference.parse(s));
    }
    TransportReference destination = TransportReference.parse(arguments.get(arguments.size() - 1));
    if (sources.size() > 1 && !multi) {
      throw new ParameterException(
          spec.commandLine(), "several sources need --multi (they all go into one docker-archive)");
    }
    if (multi && !(destination instanceof TransportReference.DockerArchive)) {
      throw new ParameterException(
          spec.commandLine(), "--multi needs a docker-archive: destination, got " + destination);
    }
    if (multi && !additionalTags.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--additional-tag cannot be combined with --multi");
    }
    PrintWriter err = spec.commandLine().getErr();
    WriterOptions options =
        WriterOptions.defaults()
            .withLayout(layout())
            .withReplaceExisting(replace)
            .withDurable(sync);
    if (multi) {
      List<ProgressBar> bars = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      try {
        TransportCopy.copyMulti(
            sources,
            ((TransportReference.DockerArchive) destination).archive(),
            options,
            platform(),
            source -> {
              ProgressBar bar = new ProgressBar(err, "copying", false);
              bars.add(bar);
              return bar::update;
            },
            note -> notes.add("dockerarchive: note: " + note));
      } finally {
        bars.forEach(ProgressBar::close);
      }
      notes.forEach(err::println);
      return DockerArchiveCli.OK;
    }
    if (!additionalTags.isEmpty() && !(destination instanceof TransportReference.DockerArchive)) {
      throw new ParameterException(
          spec.commandLine(), "--additional-tag applies to docker-archive: destinations only");
    }
    List<DockerReference> tags = new ArrayList<>();
    for (String t : additionalTags) {
      tags.add(DockerReference.parseNormalized(t).withDefaultTag());
    }
    try (ProgressBar bar = new ProgressBar(err, "copying", false)) {
      TransportCopy.copy(sources.get(0), destination, options, tags, platform(), bar::update);
    }
    return DockerArchiveCli.OK;
  }

  private Platform platform() throws InvalidReferenceException {
    return platform == null ? Platform.DEFAULT : Platform.parse(platform);
  }

  private Layout layout() {
    return switch (layout) {
      case "docker-archive" -> Layout.DOCKER_ARCHIVE;
      case "docker-hybrid" -> Layout.DOCKER_HYBRID;
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "unknown --layout \"" + layout + "\"; expected docker-archive or docker-hybrid");
    };
  }
}
