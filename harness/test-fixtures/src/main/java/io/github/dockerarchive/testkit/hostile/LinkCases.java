package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.item;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    links(all);
    return List.copyOf(all);
  }

  private static byte[] layerThroughLinks(Consumer<RawTar> links, String layerPath) {
    HandmadeImage b = base();
    RawTar t = RawTar.inMemory();
    t.file(b.blobPath(0), b.storedLayer(0));
    t.file(b.blobPath(1), b.storedLayer(1));
    links.accept(t);
    t.file(b.configPath(), b.configBytes());
    t.file("manifest.json", item(b, i -> i.putArray("Layers").add(layerPath).add(b.blobPath(1))));
    return t.trailer().bytes();
  }

  private static void chain(RawTar t, int links, String target) {
    // link0 -> link1 -> ... -> link(n-1) -> target
    for (int i = 0; i < links; i++) {
      t.symlink("c/link" + i, i + 1 < links ? "link" + (i + 1) : "../" + target);
    }
  }

  private static void links(List<HostileCase> all) {
    String blob = base().blobPath(0);
    all.add(
        rejecting(
            "symlink-escape-relative",
            "the layer is a symlink to ../../etc/passwd",
            () ->
                layerThroughLinks(t -> t.symlink("l/layer.tar", "../../etc/passwd"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "symlink-escape-absolute",
            "the layer is a symlink to /etc/passwd",
            () -> layerThroughLinks(t -> t.symlink("l/layer.tar", "/etc/passwd"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "absolute link target",
            LOAD));
    all.add(
        rejecting(
            "hardlink-escape-relative",
            "the layer is a hard link to ../outside",
            () -> layerThroughLinks(t -> t.hardlink("l/layer.tar", "../outside"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "hardlink-escape-absolute",
            "the layer is a hard link to /etc/shadow",
            () -> layerThroughLinks(t -> t.hardlink("l/layer.tar", "/etc/shadow"), "l/layer.tar"),
            "SAFE-2",
            UnsafeEntryException.class,
            "absolute link target",
            LOAD));
    all.add(
        rejecting(
            "symlink-escape-through-chain",
            "a chain whose third link climbs out (a -> b -> c -> ../../x)",
            () ->
                layerThroughLinks(
                    t -> {
                      t.symlink("a", "b");
                      t.symlink("b", "c");
                      t.symlink("c", "../../x");
                    },
                    "a"),
            "SAFE-2",
            UnsafeEntryException.class,
            "leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "symlink-self-loop",
            "the layer is a symlink to itself",
            () -> layerThroughLinks(t -> t.symlink("l/layer.tar", "layer.tar"), "l/layer.tar"),
            "ARC-6",
            UnsafeEntryException.class,
            "link loop",
            LOAD));
    all.add(
        rejecting(
            "symlink-hardlink-loop",
            "a symlink to a hard link back to the symlink",
            () ->
                layerThroughLinks(
                    t -> {
                      t.symlink("l/layer.tar", "../h");
                      t.hardlink("h", "l/layer.tar");
                    },
                    "l/layer.tar"),
            "ARC-6",
            UnsafeEntryException.class,
            "link loop",
            LOAD));
    all.add(
        accepting(
            "symlink-chain-8",
            "a chain of exactly 8 links (the most ARC-6 allows)",
            bytes(() -> layerThroughLinks(t -> chain(t, 8, blob), "c/link0")),
            1));
    all.add(
        rejecting(
            "symlink-chain-9",
            "a chain of 9 links, one too many",
            () -> layerThroughLinks(t -> chain(t, 9, blob), "c/link0"),
            "ARC-6",
            UnsafeEntryException.class,
            "link chain longer than 8 links",
            LOAD));
    all.add(
        rejecting(
            "symlink-chain-10000",
            "a chain of 10,000 links",
            () -> layerThroughLinks(t -> chain(t, 10_000, blob), "c/link0"),
            "ARC-6",
            UnsafeEntryException.class,
            "link chain longer than 8 links",
            LOAD));
    all.add(
        rejecting(
            "symlink-to-directory",
            "the layer is a symlink to a directory entry",
            () ->
                layerThroughLinks(
                    t -> {
                      t.directory("d/");
                      t.symlink("l", "d");
                    },
                    "l"),
            "ARC-6",
            MalformedArchiveException.class,
            "not a regular file",
            LOAD));
    all.add(
        rejecting(
            "symlink-dangling",
            "the layer is a symlink to a name that does not exist",
            () -> layerThroughLinks(t -> t.symlink("l", "nowhere.tar"), "l"),
            "ARC-2",
            EntryNotFoundException.class,
            "link target does not exist",
            LOAD));
    all.add(
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
            OPEN));
    all.add(
        rejecting(
            "layer-is-fifo-via-hardlink",
            "the layer is a hard link to a FIFO entry",
            () ->
                layerThroughLinks(
                    t -> {
                      t.raw(RawTar.header(utf8("fifo"), 0, '6', ""));
                      t.hardlink("l", "fifo");
                    },
                    "l"),
            "ARC-6",
            MalformedArchiveException.class,
            "not a regular file",
            LOAD));
  }
}
