package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A copy named in skopeo's syntax, as {@code dockerarchive copy} does it: one image from any source
 * to any destination, or several images into one {@code docker-archive:} (like {@code podman save
 * -m}). Every blob is verified on the way.
 *
 * <p>Tags in a {@code docker-archive:} destination: a single copy takes the destination's reference
 * ({@code docker-archive:OUT:TAG}) plus the additional tags; a multi-image copy tags each image
 * with its source's reference ({@code docker-archive:IN:REF} or {@code oci:DIR:REF} when REF is a
 * Docker reference), or leaves it untagged.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TransportCopy {
  private TransportCopy() {}

  /**
   * Copies one image.
   *
   * @param source the source
   * @param destination the destination
   * @param options the writer's options, for a {@code docker-archive:} destination
   * @param additionalTags more tags for a {@code docker-archive:} destination
   * @param progress told of the bytes copied
   * @throws IOException when reading, verifying or writing fails; nothing is left at a {@code
   *     docker-archive:} destination then
   * @throws IllegalArgumentException when additional tags are given for another destination
   */
  public static void copy(
      TransportReference source,
      TransportReference destination,
      WriterOptions options,
      List<DockerReference> additionalTags,
      ImageCopier.Progress progress)
      throws IOException {
    if (destination instanceof TransportReference.DockerArchive d) {
      ArchiveReference target = d.archive().forWriting();
      List<DockerReference> tags = new ArrayList<>();
      if (target.reference() != null) {
        tags.add(target.reference());
      }
      tags.addAll(additionalTags);
      try (ArchiveWriter writer = ArchiveWriter.create(Path.of(target.path()), options)) {
        copyInto(writer, source, tags, progress);
      }
      return;
    }
    if (!additionalTags.isEmpty()) {
      throw new IllegalArgumentException(
          "additional tags apply to docker-archive: destinations only, not " + destination);
    }
    try (ImageInput in = Endpoints.open(source);
        ImageOutput out = Endpoints.layoutOutput(destination)) {
      ImageCopier.copy(in, out, progress);
    }
  }

  /**
   * Copies several images into one archive.
   *
   * @param sources the sources, in order
   * @param destination the archive (a reference or index in it is refused)
   * @param options the writer's options
   * @param progress a progress listener per source
   * @throws IOException when any image fails; nothing is left at the destination then
   */
  public static void copyMulti(
      List<TransportReference> sources,
      ArchiveReference destination,
      WriterOptions options,
      Function<TransportReference, ImageCopier.Progress> progress)
      throws IOException {
    ArchiveReference target = destination.forWriting();
    if (target.reference() != null) {
      throw new InvalidReferenceException(
          "REF-1",
          "a multi-image destination takes its tags from the sources; remove \":"
              + target.reference()
              + "\" from "
              + target);
    }
    try (ArchiveWriter writer = ArchiveWriter.create(Path.of(target.path()), options)) {
      for (TransportReference source : sources) {
        copyInto(writer, source, tagsOf(source), progress.apply(source));
      }
    }
  }

  /**
   * The tag a source gives its image in a multi-image archive.
   *
   * @param source the source
   * @return its reference as a tag, or nothing
   */
  public static List<DockerReference> tagsOf(TransportReference source) {
    if (source instanceof TransportReference.DockerArchive d && d.archive().reference() != null) {
      return List.of(d.archive().reference());
    }
    if (source instanceof TransportReference.Oci o && o.name() != null && !o.name().isEmpty()) {
      try {
        return List.of(DockerReference.parseNormalized(o.name()).withDefaultTag());
      } catch (InvalidReferenceException e) {
        return List.of();
      }
    }
    return List.of();
  }

  private static void copyInto(
      ArchiveWriter writer,
      TransportReference source,
      List<DockerReference> tags,
      ImageCopier.Progress progress)
      throws IOException {
    try (ImageInput in = Endpoints.open(source);
        ImageOutput out = writer.newImage(null)) {
      out.addRepoTags(tags);
      ImageCopier.copy(in, out, progress);
    }
  }
}
