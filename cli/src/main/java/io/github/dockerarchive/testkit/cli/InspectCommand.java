package io.github.dockerarchive.testkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ManifestSelection;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Descriptor;
import io.github.dockerarchive.testkit.image.ImageConfig;
import io.github.dockerarchive.testkit.image.ImageManifest;
import io.github.dockerarchive.testkit.layout.OciArchiveInput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dockerarchive inspect}: prints the images of an archive. */
final class InspectCommand implements Callable<Integer> {
  final CommandSpec spec =
      Specs.command(
          this,
          "inspect",
          "Print every image of an archive, or the one selected by docker-archive:PATH:REF or :@N.",
          "With --json the output is {\"images\":[{\"index\":0,\"repoTags\":[...],"
              + "\"configDigest\":\"sha256:...\",\"layers\":[{\"diffId\":\"sha256:...\","
              + "\"size\":123,\"mediaType\":\"...\"}]}]}: repoTags as stored, layers in Layers"
              + " order, size uncompressed.",
          "oci-archive:PATH[:NAME] prints the image NAME selects (or the only one), resolved to"
              + " --platform; with --json {\"images\":[{\"index\":0,\"refName\":\"v1\","
              + "\"manifestDigest\":\"sha256:...\",\"indexes\":[...],\"configDigest\":\"sha256:...\","
              + "\"layers\":[{\"diffId\":\"sha256:...\",\"digest\":\"sha256:...\",\"storedSize\":123,"
              + "\"mediaType\":\"...\"}]}]}: layers as stored, diffIDs from the config.");

  boolean json;

  final PlatformOption platform = new PlatformOption();

  String archive;

  InspectCommand() {
    spec.addOption(
        Specs.flag(
            () -> json,
            v -> json = v,
            "--json",
            "Print JSON (a stable shape other tools can parse)."));
    platform.addTo(spec);
    spec.addPositional(
        Specs.parameter(String.class, () -> archive, v -> archive = v)
            .paramLabel("ARCHIVE_OR_REF")
            .description(
                "A path, docker-archive:PATH[:REF|:@N] to select one image, or oci-archive:PATH[:NAME].")
            .build());
    Specs.withStandardHelp(spec);
  }

  @Override
  public Integer call() throws Exception {
    if (OciArchiveArgument.matches(archive)) {
      inspectOciArchive();
      return DockerArchiveCli.OK;
    }
    platform.refuseFor(spec);
    ArchiveReference reference = ArchiveArgument.parse(archive);
    PrintWriter out = spec.commandLine().getOut();
    try (ArchiveReader reader =
        ArchiveReader.open(Path.of(reference.path()), ReaderOptions.defaults())) {
      List<ImageSource> images = new ArrayList<>();
      if (ArchiveArgument.selects(reference)) {
        images.add(reader.imageSource(reference));
      } else {
        images.addAll(reader.images());
      }
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(toJson(images)));
      } else {
        printText(out, reader, reference, images);
      }
    }
    return DockerArchiveCli.OK;
  }

  private void inspectOciArchive() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TransportReference.OciArchive reference =
        (TransportReference.OciArchive) TransportReference.parse(archive);
    try (OciArchiveInput image = OciArchiveArgument.open(archive, platform.platform)) {
      ImageManifest manifest =
          ImageManifest.parse(image.manifestBytes(), image.manifestMediaType());
      byte[] config;
      try (BlobStream in = image.getBlob(manifest.config().digest())) {
        config = in.readAllBytes();
      }
      List<Digest> diffIds = ImageConfig.diffIds(config, manifest.config().digest().toString());
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode node = root.putArray("images").addObject();
        node.put("index", 0);
        node.put("refName", reference.name());
        node.put("manifestDigest", image.manifestDigest().toString());
        ArrayNode indexes = node.putArray("indexes");
        image.indexes().forEach(d -> indexes.add(d.toString()));
        node.put("configDigest", manifest.config().digest().toString());
        ArrayNode layers = node.putArray("layers");
        for (int i = 0; i < manifest.layers().size(); i++) {
          Descriptor layer = manifest.layers().get(i);
          ObjectNode l = layers.addObject();
          l.put("diffId", i < diffIds.size() ? diffIds.get(i).toString() : null);
          l.put("digest", layer.digest().toString());
          l.put("storedSize", layer.size());
          l.put("mediaType", layer.mediaType());
        }
        out.println(mapper.writeValueAsString(root));
        return;
      }
      out.println(
          reference.path()
              + ": oci-archive, "
              + image.compression().label()
              + ", "
              + (reference.name() == null
                  ? "the only image"
                  : "ref.name \"" + reference.name() + "\""));
      out.println("image  manifest " + image.manifestDigest());
      for (Digest index : image.indexes()) {
        out.println("  via index " + index);
      }
      out.println("  config  " + manifest.config().digest() + " (" + config.length + " bytes)");
      out.println("  layers  " + manifest.layers().size());
      for (int i = 0; i < manifest.layers().size(); i++) {
        Descriptor layer = manifest.layers().get(i);
        out.println(
            "    "
                + (i < diffIds.size() ? diffIds.get(i) : "(no diffID)")
                + "  "
                + rightAligned(layer.size())
                + "  "
                + layer.digest()
                + " ("
                + layer.mediaType()
                + ")");
      }
    }
  }

  static ObjectNode toJson(List<ImageSource> images) throws ArchiveException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode array = root.putArray("images");
    for (ImageSource image : images) {
      ManifestSelection selection = image.selection();
      ObjectNode node = array.addObject();
      node.put("index", selection.itemIndex());
      ArrayNode tags = node.putArray("repoTags");
      selection.item().repoTags().forEach(tags::add);
      node.put("configDigest", image.configDigest().toString());
      ArrayNode layers = node.putArray("layers");
      for (LayerInfo layer : image.layers()) {
        ObjectNode l = layers.addObject();
        l.put("diffId", layer.diffId().toString());
        l.put("size", layer.size());
        l.put("mediaType", layer.mediaType());
      }
    }
    return root;
  }

  private static void printText(
      PrintWriter out, ArchiveReader reader, ArchiveReference reference, List<ImageSource> images)
      throws ArchiveException {
    for (ImageSource image : images) {
      image.layers(); // load everything first, so an error prints nothing partial
    }
    int count = reader.manifest().size();
    out.println(
        reference.path()
            + ": "
            + reader.compression().label()
            + ", "
            + reader.entries().size()
            + " entries, "
            + count
            + (count == 1 ? " image" : " images"));
    for (ImageSource image : images) {
      ManifestSelection selection = image.selection();
      List<String> tags = selection.item().repoTags();
      out.println(
          "image @"
              + selection.itemIndex()
              + "  "
              + (tags.isEmpty() ? "(untagged)" : String.join(", ", tags)));
      out.println(
          "  config  "
              + image.configDigest()
              + "  "
              + selection.item().config()
              + " ("
              + image.configBytes().length
              + " bytes)");
      List<LayerInfo> layers = image.layers();
      out.println("  layers  " + layers.size());
      for (LayerInfo layer : layers) {
        out.println(
            "    "
                + layer.diffId()
                + "  "
                + rightAligned(layer.size())
                + "  "
                + layer.path()
                + (layer.compression() == io.github.dockerarchive.testkit.image.Compression.NONE
                    ? ""
                    : " (" + layer.compression().label() + ", " + layer.storedSize() + " stored)"));
      }
    }
  }

  /**
   * A size right-aligned in a column of 12, as {@code %12d} prints it in English. The text is built
   * without {@link java.util.Formatter}, whose first use loads the locale data (a good part of a
   * short inspect's start-up), and so its digits do not depend on the locale.
   */
  private static String rightAligned(long size) {
    String digits = Long.toString(size);
    return " ".repeat(Math.max(0, 12 - digits.length())) + digits;
  }
}
