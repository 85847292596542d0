package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.header;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.util.ArrayList;
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

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    headers(all);
    return List.copyOf(all);
  }

  private static void headers(List<HostileCase> all) {
    all.add(
        rejecting(
            "bad-checksum-first-header",
            "the first layer's header checksum is off by one bit",
            () -> TarPatch.breakChecksum(baseTar(), 0),
            "SAFE-4",
            MalformedArchiveException.class,
            "checksum",
            OPEN));
    all.add(
        rejecting(
            "bad-checksum-manifest-header",
            "manifest.json's header checksum is wrong",
            () -> TarPatch.breakChecksum(baseTar(), header(baseTar(), "manifest.json")),
            "SAFE-4",
            MalformedArchiveException.class,
            "checksum",
            OPEN));
    all.add(
        rejecting(
            "non-octal-checksum",
            "the checksum field holds letters",
            () -> TarPatch.setFieldRaw(baseTar(), 0, TarPatch.CHKSUM, 8, "zzzzzz"),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "non-octal-size",
            "the size field of the first header holds a letter",
            () -> TarPatch.setField(baseTar(), 0, TarPatch.SIZE, TarPatch.SIZE_LEN, "0000002z000"),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "negative-size-base256",
            "the size field is a negative base-256 number (all bits set)",
            () -> {
              byte[] tar = baseTar();
              Arrays.fill(tar, TarPatch.SIZE, TarPatch.SIZE + TarPatch.SIZE_LEN, (byte) 0xff);
              return TarPatch.fixChecksum(tar, 0);
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "huge-octal-size",
            "the first layer claims 8 GiB of data",
            () -> TarPatch.setField(baseTar(), 0, TarPatch.SIZE, TarPatch.SIZE_LEN, "77777777777"),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "huge-base256-size",
            "the first layer claims 2^62 bytes in base-256",
            () -> {
              byte[] tar = baseTar();
              Arrays.fill(tar, TarPatch.SIZE, TarPatch.SIZE + TarPatch.SIZE_LEN, (byte) 0);
              tar[TarPatch.SIZE] = (byte) 0x80;
              tar[TarPatch.SIZE + 4] = 0x40;
              return TarPatch.fixChecksum(tar, 0);
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset 0",
            OPEN));
    all.add(
        rejecting(
            "size-zero-with-data",
            "the first header says size 0, so its data (the layer, itself a tar) is read as"
                + " headers and its end marker ends the archive early, as in Go: no manifest.json",
            () -> TarPatch.setField(baseTar(), 0, TarPatch.SIZE, TarPatch.SIZE_LEN, "00000000000"),
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "random-bytes",
            "4 KiB of pseudo-random bytes",
            () -> {
              byte[] b = new byte[4096];
              new java.util.Random(42).nextBytes(b);
              return b;
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
  }
}
