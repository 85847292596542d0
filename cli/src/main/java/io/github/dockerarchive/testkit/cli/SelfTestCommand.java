package io.github.dockerarchive.testkit.cli;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.files.FileTrees;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.layout.DirInput;
import io.github.dockerarchive.testkit.layout.DirOutput;
import io.github.dockerarchive.testkit.layout.OciLayoutInput;
import io.github.dockerarchive.testkit.layout.OciLayoutOutput;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.Layout;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dockerarchive selftest}: checks this installation end to end in a temporary directory
 * (generate, inspect, verify, and copy through docker-archive, oci: and dir: in both layouts). The
 * launcher also runs it once per build to record the classes the tool loads (class-data sharing).
 */
final class SelfTestCommand implements Callable<Integer> {
  final CommandSpec spec =
      Specs.withStandardHelp(
          Specs.command(
              this,
              "selftest",
              "Check this installation: generate a small archive, inspect and verify it, and copy it"
                  + " through docker-archive:, oci: and dir: (both layouts) in a temporary"
                  + " directory."));

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("dockerarchive-selftest-");
    try {
      ArchiveFixture fixture =
          SyntheticArchives.materialize(
              ArchiveSpec.builder()
                  .image(
                      List.of("selftest/image:1"),
                      LayerSpec.filler(4096),
                      LayerSpec.filler(1024).withCompression(Compression.GZIP))
                  .compression(Compression.GZIP)
                  .build(),
              dir.resolve("source.tar.gz"));
      try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
        ImageSource image = reader.imageSource(null, -1);
        InspectCommand.toJson(reader.images());
        check(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid());
        ImageCopier.copy(
            image, OciLayoutOutput.create(dir.resolve("oci"), "x"), ImageCopier.Progress.NONE);
      }
      try (OciLayoutInput oci = OciLayoutInput.open(dir.resolve("oci"), "x")) {
        ImageCopier.copy(oci, DirOutput.create(dir.resolve("dir")), ImageCopier.Progress.NONE);
      }
      for (Layout layout : Layout.values()) {
        Path out = dir.resolve(layout + ".tar");
        try (DirInput in = DirInput.open(dir.resolve("dir"));
            ArchiveWriter writer =
                ArchiveWriter.create(out, WriterOptions.defaults().withLayout(layout))) {
          var destination = writer.newImage(DockerReference.parseNormalized("selftest/copy:1"));
          ImageCopier.copy(in, destination, ImageCopier.Progress.NONE);
        }
        try (ArchiveReader back = ArchiveReader.open(out)) {
          check(back.imageSource(null, -1).configDigest().equals(fixture.image(0).configDigest()));
          check(ArchiveVerifier.verify(back, ArchiveVerifier.ProgressListener.NONE).isValid());
        }
      }
      runCommands(dir.resolve("commands"));
      spec.commandLine()
          .getOut()
          .println(
              "selftest: OK (generate, inspect, verify, copy via oci:, dir:, both layouts;"
                  + " the same through the commands)");
      return DockerArchiveCli.OK;
    } finally {
      FileTrees.delete(dir);
    }
  }

  /**
   * Runs the commands users type, in this process: generate, inspect, verify, and copy both ways
   * between docker-archive: and oci:, and inspect and verify an image with a config as Docker
   * writes it (also what the launcher's class-data-sharing dump records).
   */
  private static void runCommands(Path dir) throws Exception {
    Files.createDirectories(dir);
    String archive = dir.resolve("generated.tar").toString();
    String copied = dir.resolve("copied.tar").toString();
    String oci = "oci:" + dir.resolve("oci") + ":v1";
    command("generate", "--layers", "2", "--layer-size", "9MiB", "--quiet", "-o", archive);
    command("inspect", archive);
    command("verify", archive);
    command("copy", "docker-archive:" + archive, oci);
    command("copy", oci, "docker-archive:" + copied + ":selftest/copy:1");
    command("verify", copied);
    // an image as docker save writes it: its config holds booleans and numbers besides strings
    Path docker =
        new HandmadeImage()
            .tags("selftest/docker:1")
            .layerFiles("hello.txt", "hi")
            .configEdit(c -> c.putObject("config").put("Tty", false).put("StopTimeout", 10))
            .writeTo(dir.resolve("docker.tar"));
    command("inspect", docker.toString());
    command("verify", docker.toString());
  }

  private static void command(String... args) {
    StringWriter err = new StringWriter();
    int code =
        DockerArchiveCli.run(
            args, new PrintWriter(Writer.nullWriter()), new PrintWriter(err, true));
    if (code != DockerArchiveCli.OK) {
      throw new IllegalStateException(
          "selftest: dockerarchive "
              + String.join(" ", args)
              + " exited with "
              + code
              + ": "
              + err.toString().strip());
    }
  }

  private static void check(boolean condition) {
    if (!condition) {
      throw new IllegalStateException("selftest: a round trip did not preserve the image");
    }
  }
}
