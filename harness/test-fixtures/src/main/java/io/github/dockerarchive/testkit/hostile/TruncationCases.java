package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.header;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.paddedEnd;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Truncation at every structural point of a small two-layer archive: inside and right after a
 * header, inside data and padding, inside and at the start of {@code manifest.json}'s header, in
 * the end-of-archive marker, a cut gzip stream, empty input, zeros only and a lone zero block
 * between entries.
 *
 * <p>Exercises SAFE-4 (a cut tar is reported truncated, never as a shorter archive), RD-4 (a cut at
 * an entry boundary is a clean end, so {@code manifest.json} is missing) and ARC-1 (a cut
 * compressed archive). A missing or short end-of-archive marker is valid.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TruncationCases {
  private TruncationCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    truncations(all);
    return List.copyOf(all);
  }

  private static void truncations(List<HostileCase> all) {
    all.add(
        rejecting(
            "truncated-in-first-header",
            "cut 100 bytes into the first header",
            () -> TarPatch.truncate(baseTar(), 100),
            "SAFE-4",
            MalformedArchiveException.class,
            "has only 100 of 512 bytes",
            OPEN));
    all.add(
        rejecting(
            "truncated-after-first-header",
            "the first header is complete, none of its data follows",
            () -> TarPatch.truncate(baseTar(), 512),
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-layer-data",
            "cut in the middle of the first layer's data",
            () -> TarPatch.truncate(baseTar(), 512 + 3000),
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-config-padding",
            "cut in the zero padding after the config's data: manifest.json is lost, and the"
                + " archive must be reported truncated, not as one without manifest.json",
            () -> {
              byte[] tar = baseTar();
              HandmadeImage b = base();
              int h = header(tar, b.configPath());
              int size = b.configBytes().length;
              return TarPatch.truncate(tar, h + 512 + size + 1);
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-manifest-padding",
            "cut in the padding after manifest.json's data, the last entry",
            () -> {
              byte[] tar = baseTar();
              int h = header(tar, "manifest.json");
              long size = paddedEnd(tar, "manifest.json") - h - 512;
              return TarPatch.truncate(tar, (int) (h + 512 + size - 7));
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "truncated-in-manifest-header",
            "cut in the middle of manifest.json's header",
            () -> TarPatch.truncate(baseTar(), header(baseTar(), "manifest.json") + 300),
            "SAFE-4",
            MalformedArchiveException.class,
            "has only 300 of 512 bytes",
            OPEN));
    all.add(
        rejecting(
            "truncated-at-manifest-header",
            "cut exactly where manifest.json's header would start: a clean end of the tar (Go"
                + " agrees), so the archive simply has no manifest.json",
            () -> TarPatch.truncate(baseTar(), header(baseTar(), "manifest.json")),
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        accepting(
            "truncated-before-trailer",
            "every entry complete, no end-of-archive blocks: Go's reader and ours end cleanly",
            bytes(() -> TarPatch.truncate(baseTar(), (int) paddedEnd(baseTar(), "manifest.json"))),
            1));
    all.add(
        accepting(
            "truncated-in-trailer",
            "the end-of-archive marker cut to one and a half zero blocks",
            bytes(
                () ->
                    TarPatch.truncate(
                        baseTar(), (int) paddedEnd(baseTar(), "manifest.json") + 512 + 256)),
            1));
    all.add(
        rejecting(
            "truncated-gzip",
            "a gzip-compressed archive cut in half",
            () -> {
              byte[] gz = HandmadeTar.compress(baseTar(), Compression.GZIP);
              return Arrays.copyOf(gz, gz.length / 2);
            },
            "ARC-1",
            MalformedArchiveException.class,
            "decompressing tar+gzip",
            OPEN));
    all.add(
        rejecting(
            "empty-file",
            "zero bytes: an empty tar, so no manifest.json",
            () -> new byte[0],
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "only-zero-blocks",
            "ten kilobytes of zeros: an empty tar",
            () -> new byte[10240],
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "lone-zero-block-then-data",
            "one zero block in the middle hides the entries after it unless refused",
            () -> {
              byte[] tar = baseTar();
              int h = header(tar, "manifest.json");
              byte[] out = new byte[tar.length + 512];
              System.arraycopy(tar, 0, out, 0, h);
              System.arraycopy(tar, h, out, h + 512, tar.length - h);
              return out;
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "a lone zero block",
            OPEN));
  }
}
