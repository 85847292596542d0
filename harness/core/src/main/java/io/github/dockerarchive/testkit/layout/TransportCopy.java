package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.reference.ArchiveReference;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.ImageDestination;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A copy named in skopeo's syntax, as {@code dockerarchive copy} does it: one image from any source
 * to any destination, or several images into one {@code docker-archive:} (like {@code podman save
 * -m}). Every blob is verified on the way.
 *
 * <p>Tags in a {@code docker-archive:} destination: a single copy takes the destination's reference
 * ({@code docker-archive:OUT:TAG}) plus the additional tags; a multi-image copy tags each image
 * with its source's reference ({@code docker-archive:IN:REF}, or {@code oci:DIR:REF} when REF is a
 * Docker reference with a tag: REF-4), or leaves it untagged. A tag never names two images of one
 * archive (WR-13): the copy is refused and nothing is written.
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
    copy(source, destination, options, additionalTags, Platform.DEFAULT, progress);
  }

  /**
   * Copies one image, resolving an image index of an {@code oci:} or {@code oci-archive:} source to
   * a platform (OAR-3).
   *
   * @param source the source
   * @param destination the destination
   * @param options the writer's options, for a {@code docker-archive:} destination
   * @param additionalTags more tags for a {@code docker-archive:} destination
   * @param platform the platform to choose from a multi-platform source
   * @param progress told of the bytes copied
   * @throws IOException when reading, verifying or writing fails; nothing is left at a {@code
   *     docker-archive:} or {@code oci-archive:} destination then
   * @throws IllegalArgumentException when additional tags are given for another destination
   */
  public static void copy(
      TransportReference source,
      TransportReference destination,
      WriterOptions options,
      List<DockerReference> additionalTags,
      Platform platform,
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
        copyInto(writer, source, tags, platform, progress);
      }
      return;
    }
    if (!additionalTags.isEmpty()) {
      throw new IllegalArgumentException(
          "additional tags apply to docker-archive: destinations only, not " + destination);
    }
    try (ImageInput in = Endpoints.open(source, platform);
        ImageOutput out = Endpoints.layoutOutput(destination)) {
      ImageCopier.copy(in, out, progress);
    }
  }

  /**
   * Copies several images into one archive, all or nothing: when any image fails (a read error, a
   * tag another image already holds: WR-13), nothing is left at the destination.
   *
   * @param sources the sources, in order
   * @param destination the archive (a reference or index in it is refused)
   * @param options the writer's options
   * @param progress a progress listener per source
   * @param notes told, one line each, of every image written untagged and why (an {@code oci:}
   *     source whose ref.name is a bare name such as {@code latest}: REF-4), with the index that
   *     selects it; told after the archive is complete
   * @throws io.github.dockerarchive.testkit.writer.DuplicateTagException (WR-13) when two different
   *     images would get the same tag
   * @throws IOException when any image fails; nothing is left at the destination then
   */
  public static void copyMulti(
      List<TransportReference> sources,
      ArchiveReference destination,
      WriterOptions options,
      Function<TransportReference, ImageCopier.Progress> progress,
      Consumer<String> notes)
      throws IOException {
    copyMulti(sources, destination, options, Platform.DEFAULT, progress, notes);
  }

  /**
   * Copies several images into one archive, all or nothing, as {@link #copyMulti(List,
   * ArchiveReference, WriterOptions, Function, Consumer)} does, resolving every image index of an
   * {@code oci:} or {@code oci-archive:} source to one platform (OAR-3).
   *
   * @param sources the sources, in order
   * @param destination the archive (a reference or index in it is refused)
   * @param options the writer's options
   * @param platform the platform to choose from multi-platform sources
   * @param progress a progress listener per source
   * @param notes told of every image written untagged and why
   * @throws IOException when any image fails; nothing is left at the destination then
   */
  public static void copyMulti(
      List<TransportReference> sources,
      ArchiveReference destination,
      WriterOptions options,
      Platform platform,
      Function<TransportReference, ImageCopier.Progress> progress,
      Consumer<String> notes)
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
    List<TransportReference> untagged = new ArrayList<>();
    List<Integer> untaggedItems = new ArrayList<>();
    Set<Integer> taggedItems = new HashSet<>();
    try (ArchiveWriter writer = ArchiveWriter.create(Path.of(target.path()), options)) {
      try {
        for (TransportReference source : sources) {
          List<DockerReference> tags = tagsOf(source);
          int item = copyInto(writer, source, tags, platform, progress.apply(source));
          if (tags.isEmpty()) {
            untagged.add(source);
            untaggedItems.add(item);
          } else {
            taggedItems.add(item);
          }
        }
      } catch (IOException | RuntimeException | Error e) {
        writer.discard();
        throw e;
      }
    }
    for (int i = 0; i < untagged.size(); i++) {
      if (!taggedItems.contains(untaggedItems.get(i))) {
        notes.accept(untaggedNote(untagged.get(i), target, untaggedItems.get(i)));
      }
    }
  }

  /**
   * The tag a source gives its image in a multi-image archive: the reference of {@code
   * docker-archive:IN:REF}, or the ref.name of {@code oci:DIR:NAME} or {@code
   * oci-archive:PATH:NAME} when NAME is a Docker reference with an explicit tag ({@code
   * example.com/app:1}, {@code app:1}). A bare ref.name such as {@code latest}, {@code 1.0} or
   * {@code app} is no repository and gives no tag (REF-4): it is usually the tag alone, and reading
   * it as a repository would give every such image the same tag {@code
   * docker.io/library/latest:latest}.
   *
   * @param source the source
   * @return its reference as a tag, or nothing
   */
  public static List<DockerReference> tagsOf(TransportReference source) {
    if (source instanceof TransportReference.DockerArchive d && d.archive().reference() != null) {
      return List.of(d.archive().reference());
    }
    String refName = refName(source);
    if (refName != null) {
      try {
        DockerReference reference = DockerReference.parseNormalized(refName);
        if (reference.hasTag() && !reference.hasDigest()) {
          return List.of(reference);
        }
      } catch (InvalidReferenceException e) {
        return List.of();
      }
    }
    return List.of();
  }

  private static String untaggedNote(
      TransportReference source, ArchiveReference target, int index) {
    String refName = refName(source);
    String why =
        refName != null
            ? "its ref.name \""
                + refName
                + "\" is not a Docker reference with a tag (a bare name is no repository)"
            : "the source names no tag";
    return "image "
        + index
        + " ("
        + source
        + ") is written untagged: "
        + why
        + "; read it as docker-archive:"
        + target.path()
        + ":@"
        + index
        + " [REF-4]";
  }

  /** The ref.name an {@code oci:} or {@code oci-archive:} source selects by, or null. */
  private static String refName(TransportReference source) {
    String name = null;
    if (source instanceof TransportReference.Oci o) {
      name = o.name();
    } else if (source instanceof TransportReference.OciArchive a) {
      name = a.name();
    }
    return name == null || name.isEmpty() ? null : name;
  }

  /** Copies one image into the archive; returns the index of its {@code manifest.json} item. */
  private static int copyInto(
      ArchiveWriter writer,
      TransportReference source,
      List<DockerReference> tags,
      Platform platform,
      ImageCopier.Progress progress)
      throws IOException {
    try (ImageInput in = Endpoints.open(source, platform);
        ImageDestination out = writer.newImage(null)) {
      out.addRepoTags(tags);
      ImageCopier.copy(in, out, progress);
      return out.itemIndex();
    }
  }
}
