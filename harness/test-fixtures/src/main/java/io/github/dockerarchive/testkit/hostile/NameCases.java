package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.MISSING;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.aroundBase;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.item;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rawImage;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.withManifest;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.util.List;
import java.util.function.Consumer;
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

  /** Refused for a path that is absolute or climbs out of the archive (SAFE-2). */
  private static final Refusal ESCAPES =
      new Refusal("SAFE-2", UnsafeEntryException.class, "is absolute or leaves the archive", LOAD);

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    return List.of(
        ESCAPES.of(
            "layer-path-dotdot",
            "a Layers path of ../<blob> leaves the archive",
            () -> layerPathIs("../" + base().blobPath(0))),
        ESCAPES.of(
            "layer-path-dotdot-after-cleaning",
            "a/../../x cleans to ../x",
            () -> layerPathIs("a/../../" + base().blobPath(0))),
        ESCAPES.of(
            "layer-path-absolute",
            "a Layers path of /etc/passwd is never opened on the host",
            () -> layerPathIs("/etc/passwd")),
        ESCAPES.of(
            "layer-path-dot",
            "a Layers path of \".\" names the archive root",
            () -> layerPathIs(".")),
        MISSING.of(
            "layer-path-with-nul",
            "a Layers path with a NUL inside names no entry (tar names cannot hold NUL)",
            () -> layerPathIs(base().blobPath(0) + "\0.evil")),
        ESCAPES.of(
            "config-path-absolute",
            "Config is /etc/passwd: refused, never read from the host",
            () -> edited(i -> i.put("Config", "/etc/passwd"))),
        ESCAPES.of(
            "config-path-dotdot",
            "Config is ../../etc/passwd",
            () -> edited(i -> i.put("Config", "../../etc/passwd"))),
        new HostileCase(
            "unreferenced-entries-outside",
            "entries named ../escaped, /tmp/escaped and ./../x are present but unreferenced: the"
                + " reader ignores them (ARC-3) and nothing is ever written for them; verify"
                + " reports SAFE-2",
            bytes(
                () ->
                    aroundBase(
                        base().build(),
                        t -> {
                          t.file("../escaped-hostile", "x");
                          t.file("/tmp/escaped-hostile", "x");
                          t.symlink("evil-link", "/etc/passwd");
                        },
                        t -> {})),
            UnaryOperator.identity(),
            true,
            null,
            false,
            Expectation.verifyReports("SAFE-2", 1)),
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
            1),
        accepting(
            "non-utf8-unreferenced-name",
            "an unreferenced entry whose name bytes are not UTF-8 (0xff 0xfe): ignored",
            bytes(
                () ->
                    aroundBase(
                        baseTar(),
                        t -> t.file(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, utf8("junk")),
                        t -> {})),
            1),
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
            LOAD),
        rejecting(
            "manifest-name-with-nul-in-header",
            "the name field reads \"manifest.json\\0x\": tar stops at the NUL, so this is"
                + " manifest.json after all, but its content is not JSON",
            () -> rawImage(base(), t -> {}, t -> t.file("manifest.json\0x", "not json")),
            "ARC-2",
            InvalidManifestException.class,
            "decoding tar manifest.json",
            OPEN));
  }

  /** The base image whose manifest.json names {@code path} as its first layer. */
  private static byte[] layerPathIs(String path) {
    return edited(i -> i.putArray("Layers").add(path).add(base().blobPath(1)));
  }

  /** The base image with its manifest.json item edited. */
  private static byte[] edited(Consumer<ObjectNode> edit) {
    HandmadeImage b = base();
    return withManifest(b, item(b, edit), t -> {});
  }
}
