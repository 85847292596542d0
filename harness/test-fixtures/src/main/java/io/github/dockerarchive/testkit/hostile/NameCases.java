package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.item;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.paddedEnd;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.withManifest;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * Entry and path names: {@code Layers} and {@code Config} paths that are absolute, climb out with
 * {@code ..} (before or after cleaning) or name the root, names with a NUL, names whose bytes are
 * not UTF-8, names stored as {@code ./name}, and unreferenced entries named outside the archive.
 *
 * <p>Exercises SAFE-2 (nothing outside the archive is read or written, and {@code verify} reports
 * such entries), ARC-2 (a name that matches no entry is missing; a {@code manifest.json} that is
 * not JSON) and ARC-3 (unreferenced entries are ignored).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NameCases {
  private NameCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    names(all);
    return List.copyOf(all);
  }

  private static byte[] layerPathIs(String path) {
    HandmadeImage b = base();
    return withManifest(
        b, item(b, i -> i.putArray("Layers").add(path).add(b.blobPath(1))), t -> {});
  }

  private static void names(List<HostileCase> all) {
    all.add(
        rejecting(
            "layer-path-dotdot",
            "a Layers path of ../<blob> leaves the archive",
            () -> layerPathIs("../" + base().blobPath(0)),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-dotdot-after-cleaning",
            "a/../../x cleans to ../x",
            () -> layerPathIs("a/../../" + base().blobPath(0)),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-absolute",
            "a Layers path of /etc/passwd is never opened on the host",
            () -> layerPathIs("/etc/passwd"),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-dot",
            "a Layers path of \".\" names the archive root",
            () -> layerPathIs("."),
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "layer-path-with-nul",
            "a Layers path with a NUL inside names no entry (tar names cannot hold NUL)",
            () -> layerPathIs(base().blobPath(0) + "\0.evil"),
            "ARC-2",
            EntryNotFoundException.class,
            "is missing in the tarball",
            LOAD));
    all.add(
        rejecting(
            "config-path-absolute",
            "Config is /etc/passwd: refused, never read from the host",
            () -> {
              HandmadeImage b = base();
              return withManifest(b, item(b, i -> i.put("Config", "/etc/passwd")), t -> {});
            },
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        rejecting(
            "config-path-dotdot",
            "Config is ../../etc/passwd",
            () -> {
              HandmadeImage b = base();
              return withManifest(b, item(b, i -> i.put("Config", "../../etc/passwd")), t -> {});
            },
            "SAFE-2",
            UnsafeEntryException.class,
            "is absolute or leaves the archive",
            LOAD));
    all.add(
        new HostileCase(
            "unreferenced-entries-outside",
            "entries named ../escaped, /tmp/escaped and ./../x are present but unreferenced: the"
                + " reader ignores them (ARC-3) and nothing is ever written for them; verify"
                + " reports SAFE-2",
            bytes(
                () -> {
                  HandmadeImage b = base();
                  RawTar t = RawTar.inMemory();
                  t.file("../escaped-hostile", "x");
                  t.file("/tmp/escaped-hostile", "x");
                  t.symlink("evil-link", "/etc/passwd");
                  t.raw(Arrays.copyOf(b.build(), (int) paddedEnd(b.build(), "manifest.json")));
                  return t.trailer().bytes();
                }),
            UnaryOperator.identity(),
            true,
            null,
            false,
            Expectation.verifyReports("SAFE-2", 1)));
    all.add(
        accepting(
            "dot-slash-names",
            "every entry stored as ./name, manifest.json too: names compare after cleaning",
            bytes(
                () -> {
                  HandmadeImage b = base();
                  HandmadeTar t = new HandmadeTar();
                  for (int i = 0; i < 2; i++) {
                    t.file("./" + b.blobPath(i), b.storedLayer(i));
                  }
                  t.file("./" + b.configPath(), b.configBytes());
                  t.file(".//manifest.json", HandmadeImage.manifestJson(b));
                  return t.build();
                }),
            1));
    all.add(
        accepting(
            "non-utf8-unreferenced-name",
            "an unreferenced entry whose name bytes are not UTF-8 (0xff 0xfe): ignored",
            bytes(
                () -> {
                  byte[] tar = baseTar();
                  RawTar t = RawTar.inMemory();
                  t.file(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, utf8("junk"));
                  t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
                  return t.trailer().bytes();
                }),
            1));
    all.add(
        rejecting(
            "non-utf8-layer-name",
            "the first layer's name is Latin-1 (caf\\xe9.tar) while manifest.json says café.tar:"
                + " names are compared as UTF-8, so it is missing",
            () -> {
              HandmadeImage b =
                  base().itemEdit(i -> i.putArray("Layers").add("café.tar").add("b.tar"));
              RawTar t = RawTar.inMemory();
              t.file(new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'a', 'r'}, b.storedLayer(0));
              t.file("b.tar", b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.file("manifest.json", HandmadeImage.manifestJson(b));
              return t.trailer().bytes();
            },
            "ARC-2",
            EntryNotFoundException.class,
            "café.tar",
            LOAD));
    all.add(
        rejecting(
            "manifest-name-with-nul-in-header",
            "the name field reads \"manifest.json\\0x\": tar stops at the NUL, so this is"
                + " manifest.json after all, but its content is not JSON",
            () -> {
              HandmadeImage b = base();
              RawTar t = RawTar.inMemory();
              for (int i = 0; i < 2; i++) {
                t.file(b.blobPath(i), b.storedLayer(i));
              }
              t.file(b.configPath(), b.configBytes());
              t.file("manifest.json\0x", "not json");
              return t.trailer().bytes();
            },
            "ARC-2",
            InvalidManifestException.class,
            "decoding tar manifest.json",
            OPEN));
  }
}
