package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.MALFORMED;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.NO_MANIFEST;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.header;

import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Tar header checksums and size fields that lie: wrong or non-octal checksums, sizes that are not
 * octal, negative or huge (octal and base-256), a size of zero in front of data, and random bytes.
 *
 * <p>Exercises SAFE-4 (a malformed header is refused with its byte offset) and RD-4 (a size of zero
 * makes the data read as headers, so {@code manifest.json} is missing).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HeaderCases {
  private HeaderCases() {}

  /** Refused with the offset of the first header, the one every case here damages. */
  private static final Refusal AT_FIRST = MALFORMED.saying("byte offset 0");

  /** Refused for a checksum that does not add up. */
  private static final Refusal CHECKSUM = MALFORMED.saying("checksum");

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    return List.of(
        CHECKSUM.of(
            "bad-checksum-first-header",
            "the first layer's header checksum is off by one bit",
            () -> TarPatch.breakChecksum(baseTar(), 0)),
        CHECKSUM.of(
            "bad-checksum-manifest-header",
            "manifest.json's header checksum is wrong",
            () -> TarPatch.breakChecksum(baseTar(), header(baseTar(), "manifest.json"))),
        AT_FIRST.of(
            "non-octal-checksum",
            "the checksum field holds letters",
            () -> TarPatch.setFieldRaw(baseTar(), 0, TarPatch.CHKSUM, 8, "zzzzzz")),
        AT_FIRST.of(
            "non-octal-size",
            "the size field of the first header holds a letter",
            () -> octalSize("0000002z000")),
        AT_FIRST.of(
            "negative-size-base256",
            "the size field is a negative base-256 number (all bits set)",
            () -> base256Size((byte) 0xff, (byte) 0xff)),
        AT_FIRST.of(
            "huge-octal-size",
            "the first layer claims 8 GiB of data",
            () -> octalSize("77777777777")),
        AT_FIRST.of(
            "huge-base256-size",
            "the first layer claims 2^62 bytes in base-256",
            () -> base256Size((byte) 0, (byte) 0x80, 0, 0, 0, 0x40)),
        NO_MANIFEST.of(
            "size-zero-with-data",
            "the first header says size 0, so its data (the layer, itself a tar) is read as"
                + " headers and its end marker ends the archive early, as in Go: no manifest.json",
            () -> octalSize("00000000000")),
        MALFORMED.of(
            "random-bytes",
            "4 KiB of pseudo-random bytes",
            () -> {
              byte[] b = new byte[4096];
              new java.util.Random(42).nextBytes(b);
              return b;
            }));
  }

  /** The base tar with the first header's size field set to {@code octal}. */
  private static byte[] octalSize(String octal) {
    return TarPatch.setField(baseTar(), 0, TarPatch.SIZE, TarPatch.SIZE_LEN, octal);
  }

  /**
   * The base tar with the first header's size field filled with {@code fill}, then its leading
   * bytes set to {@code first} and {@code rest}, and the checksum fixed.
   */
  private static byte[] base256Size(byte fill, byte first, int... rest) {
    byte[] tar = baseTar();
    Arrays.fill(tar, TarPatch.SIZE, TarPatch.SIZE + TarPatch.SIZE_LEN, fill);
    tar[TarPatch.SIZE] = first;
    for (int i = 0; i < rest.length; i++) {
      tar[TarPatch.SIZE + 1 + i] = (byte) rest[i];
    }
    return TarPatch.fixChecksum(tar, 0);
  }
}
