package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.MALFORMED;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.NO_MANIFEST;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.header;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.paddedEnd;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
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

  /** Refused as a cut tar. */
  private static final Refusal TRUNCATED = MALFORMED.saying("truncated");

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    return List.of(
        MALFORMED
            .saying("has only 100 of 512 bytes")
            .of(
                "truncated-in-first-header",
                "cut 100 bytes into the first header",
                cutAt(t -> 100)),
        TRUNCATED.of(
            "truncated-after-first-header",
            "the first header is complete, none of its data follows",
            cutAt(t -> 512)),
        TRUNCATED.of(
            "truncated-in-layer-data",
            "cut in the middle of the first layer's data",
            cutAt(t -> 512 + 3000)),
        NO_MANIFEST.of(
            "truncated-in-config-padding",
            "cut in the zero padding after the config's data: Go's archive/tar ends the archive"
                + " cleanly at a short padding, so the archive simply has no manifest.json",
            cutAt(
                tar -> {
                  HandmadeImage b = base();
                  return header(tar, b.configPath()) + 512 + b.configBytes().length + 1;
                })),
        accepting(
            "truncated-in-manifest-padding",
            "cut in the padding after manifest.json's data, the last entry: Go's archive/tar"
                + " ends the archive cleanly at a short padding, and so do we",
            bytes(cutAt(tar -> paddedEnd(tar, "manifest.json") - 7)),
            1),
        MALFORMED
            .saying("has only 300 of 512 bytes")
            .of(
                "truncated-in-manifest-header",
                "cut in the middle of manifest.json's header",
                cutAt(tar -> header(tar, "manifest.json") + 300)),
        NO_MANIFEST.of(
            "truncated-at-manifest-header",
            "cut exactly where manifest.json's header would start: a clean end of the tar (Go"
                + " agrees), so the archive simply has no manifest.json",
            cutAt(tar -> header(tar, "manifest.json"))),
        accepting(
            "truncated-before-trailer",
            "every entry complete, no end-of-archive blocks: Go's reader and ours end cleanly",
            bytes(cutAt(tar -> paddedEnd(tar, "manifest.json"))),
            1),
        TRUNCATED.of(
            "truncated-in-trailer",
            "the end-of-archive marker cut to one and a half zero blocks: Go's archive/tar fails"
                + " with unexpected EOF (a partial block after a zero block), and so do we",
            cutAt(tar -> paddedEnd(tar, "manifest.json") + 512 + 256)),
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
            OPEN),
        NO_MANIFEST.of(
            "empty-file", "zero bytes: an empty tar, so no manifest.json", () -> new byte[0]),
        NO_MANIFEST.of(
            "only-zero-blocks", "ten kilobytes of zeros: an empty tar", () -> new byte[10240]),
        MALFORMED
            .saying("a lone zero block")
            .of(
                "lone-zero-block-then-data",
                "one zero block in the middle hides the entries after it unless refused",
                () -> {
                  byte[] tar = baseTar();
                  int h = header(tar, "manifest.json");
                  byte[] out = new byte[tar.length + 512];
                  System.arraycopy(tar, 0, out, 0, h);
                  System.arraycopy(tar, h, out, h + 512, tar.length - h);
                  return out;
                }));
  }

  /** The base tar cut at the offset {@code at} finds in it. */
  private static Supplier<byte[]> cutAt(ToLongFunction<byte[]> at) {
    return () -> {
      byte[] tar = baseTar();
      return TarPatch.truncate(tar, (int) at.applyAsLong(tar));
    };
  }
}
