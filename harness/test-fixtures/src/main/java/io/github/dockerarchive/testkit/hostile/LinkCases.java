package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.item;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rawImage;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Symbolic and hard links standing in for a layer or for {@code manifest.json}: links that escape
 * (relative, absolute, through a chain), loops, chains of 8 (the most allowed), 9 and 10,000 links,
 * links to a directory, to a FIFO and to nothing.
 *
 * <p>Exercises ARC-6 (links resolve inside the archive, at most 8 deep, to a regular file), SAFE-2
 * (links never lead outside the archive) and ARC-2 (a dangling link is a missing entry).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LinkCases {
  private LinkCases() {}

  /** Refused for a link whose target climbs out of the archive (SAFE-2). */
  private static final Refusal LEAVES =
      new Refusal("SAFE-2", UnsafeEntryException.class, "leaves the archive", LOAD);

  /** Refused for an absolute link target (SAFE-2). */
  private static final Refusal ABSOLUTE = LEAVES.saying("absolute link target");

  /** Refused for links that lead back to themselves (ARC-6). */
  private static final Refusal LOOP =
      new Refusal("ARC-6", UnsafeEntryException.class, "link loop", LOAD);

  /** Refused for a chain of more than eight links (ARC-6). */
  private static final Refusal TOO_LONG = LOOP.saying("link chain longer than 8 links");

  /** Refused for a layer that ends at an entry that is not a regular file (ARC-6). */
  private static final Refusal NOT_REGULAR =
      new Refusal("ARC-6", MalformedArchiveException.class, "not a regular file", LOAD);

  /** The name of the link that stands for the first layer in most cases. */
  private static final String LAYER = "l/layer.tar";

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    String blob = base().blobPath(0);
    return List.of(
        symlinkTo("symlink-escape-relative", "../../etc/passwd", LEAVES),
        symlinkTo("symlink-escape-absolute", "/etc/passwd", ABSOLUTE),
        hardlinkTo("hardlink-escape-relative", "../outside", LEAVES),
        hardlinkTo("hardlink-escape-absolute", "/etc/shadow", ABSOLUTE),
        LEAVES.of(
            "symlink-escape-through-chain",
            "a chain whose third link climbs out (a -> b -> c -> ../../x)",
            layerThroughLinks(
                t -> t.symlink("a", "b").symlink("b", "c").symlink("c", "../../x"), "a")),
        LOOP.of(
            "symlink-self-loop",
            "the layer is a symlink to itself",
            layerIs(t -> t.symlink(LAYER, "layer.tar"))),
        LOOP.of(
            "symlink-hardlink-loop",
            "a symlink to a hard link back to the symlink",
            layerIs(t -> t.symlink(LAYER, "../h").hardlink("h", LAYER))),
        accepting(
            "symlink-chain-8",
            "a chain of exactly 8 links (the most ARC-6 allows)",
            bytes(chain(8, blob)),
            1),
        TOO_LONG.of("symlink-chain-9", "a chain of 9 links, one too many", chain(9, blob)),
        TOO_LONG.of("symlink-chain-10000", "a chain of 10,000 links", chain(10_000, blob)),
        NOT_REGULAR.of(
            "symlink-to-directory",
            "the layer is a symlink to a directory entry",
            layerThroughLinks(t -> t.directory("d/").symlink("l", "d"), "l")),
        new Refusal("ARC-2", EntryNotFoundException.class, "link target does not exist", LOAD)
            .of(
                "symlink-dangling",
                "the layer is a symlink to a name that does not exist",
                layerThroughLinks(t -> t.symlink("l", "nowhere.tar"), "l")),
        rejecting(
            "manifest-symlink-escape",
            "manifest.json itself is a symlink to /etc/passwd",
            () -> {
              HandmadeImage b = base();
              RawTar t = RawTar.inMemory();
              t.file(b.blobPath(0), b.storedLayer(0));
              t.symlink("manifest.json", "/etc/passwd");
              return t.trailer().bytes();
            },
            "SAFE-2",
            UnsafeEntryException.class,
            "absolute link target",
            OPEN),
        NOT_REGULAR.of(
            "layer-is-fifo-via-hardlink",
            "the layer is a hard link to a FIFO entry",
            layerThroughLinks(
                t -> t.raw(RawTar.header(utf8("fifo"), 0, '6', "")).hardlink("l", "fifo"), "l")));
  }

  /** The first layer as a symlink to {@code target}, refused as {@code refusal} says. */
  private static HostileCase symlinkTo(String name, String target, Refusal refusal) {
    return refusal.of(
        name, "the layer is a symlink to " + target, layerIs(t -> t.symlink(LAYER, target)));
  }

  /** The first layer as a hard link to {@code target}, refused as {@code refusal} says. */
  private static HostileCase hardlinkTo(String name, String target, Refusal refusal) {
    return refusal.of(
        name, "the layer is a hard link to " + target, layerIs(t -> t.hardlink(LAYER, target)));
  }

  /** The base image with {@link #LAYER}, written by {@code links}, as its first layer. */
  private static Supplier<byte[]> layerIs(Consumer<RawTar> links) {
    return layerThroughLinks(links, LAYER);
  }

  /**
   * The base image with the entries {@code links} writes after its layers, and the first layer
   * named {@code layerPath} in manifest.json.
   */
  private static Supplier<byte[]> layerThroughLinks(Consumer<RawTar> links, String layerPath) {
    return () -> {
      HandmadeImage b = base();
      return rawImage(
          b,
          links,
          t ->
              t.file(
                  "manifest.json",
                  item(b, i -> i.putArray("Layers").add(layerPath).add(b.blobPath(1)))));
    };
  }

  /** A chain of {@code links} symlinks, c/link0 -> c/link1 -> ... -> ../target, as the layer. */
  private static Supplier<byte[]> chain(int links, String target) {
    return layerThroughLinks(
        t -> {
          for (int i = 0; i < links; i++) {
            t.symlink("c/link" + i, i + 1 < links ? "link" + (i + 1) : "../" + target);
          }
        },
        "c/link0");
  }
}
