package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.paddedEnd;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.withManifest;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * PAX extended headers and GNU long-name and long-link headers that lie: PAX size records that are
 * too big, negative or not numbers, record lengths that run past the header or are missing,
 * extension headers with no entry after them, PAX paths that rename a layer outside the archive or
 * hold a NUL, and (valid) layers stored under GNU long names.
 *
 * <p>Exercises SAFE-4 (malformed extension headers), ARC-2 (a renamed layer is missing) and RD-4 (a
 * name that is not {@code manifest.json}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PaxCases {
  private PaxCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    pax(all);
    return List.copyOf(all);
  }

  private static byte[] paxBefore(String records, String name, byte[] data, boolean withManifest) {
    HandmadeImage b = base();
    RawTar t = RawTar.inMemory();
    for (int i = 0; i < b.layers().size(); i++) {
      t.file(b.blobPath(i), b.storedLayer(i));
    }
    t.pax(records);
    t.file(name, data);
    t.file(b.configPath(), b.configBytes());
    if (withManifest) {
      t.file("manifest.json", HandmadeImage.manifestJson(b));
    }
    return t.trailer().bytes();
  }

  private static void pax(List<HostileCase> all) {
    all.add(
        rejecting(
            "pax-size-too-big",
            "a PAX size record claims 99,999,999,999 bytes for an entry of 5",
            () -> paxBefore(RawTar.paxRecord("size", "99999999999"), "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "truncated",
            OPEN));
    all.add(
        rejecting(
            "pax-size-negative",
            "a PAX size record of -5",
            () -> paxBefore(RawTar.paxRecord("size", "-5"), "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-size-not-a-number",
            "a PAX size record of \"lots\"",
            () -> paxBefore(RawTar.paxRecord("size", "lots"), "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-record-length-lies",
            "a PAX record whose length prefix (99) runs past the end of the extended header",
            () -> paxBefore("99 path=x\n", "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-record-length-not-a-number",
            "a PAX record without a length",
            () -> paxBefore("abc path=x\n", "x", utf8("hello"), true),
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-header-without-entry",
            "a PAX header is the last thing before the end-of-archive marker",
            () -> {
              byte[] tar = baseTar();
              RawTar t = RawTar.inMemory();
              t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
              t.pax(RawTar.paxRecord("path", "orphan"));
              return t.trailer().bytes();
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "pax-path-renames-layer-outside",
            "a PAX path record renames the first layer to ../../escaped.tar, so the name"
                + " manifest.json uses no longer exists (and nothing is written anywhere)",
            () -> {
              HandmadeImage b = base();
              RawTar t = RawTar.inMemory();
              t.pax(RawTar.paxRecord("path", "../../escaped.tar"));
              t.file(b.blobPath(0), b.storedLayer(0));
              t.file(b.blobPath(1), b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.file("manifest.json", HandmadeImage.manifestJson(b));
              return t.trailer().bytes();
            },
            "ARC-2",
            EntryNotFoundException.class,
            "is missing in the tarball",
            LOAD));
    all.add(
        rejecting(
            "pax-path-with-nul",
            "a PAX path record for manifest.json with a NUL inside (\"manifest.json\\0x\"): the"
                + " name is not manifest.json",
            () -> {
              HandmadeImage b = base();
              RawTar t = RawTar.inMemory();
              t.file(b.blobPath(0), b.storedLayer(0));
              t.file(b.blobPath(1), b.storedLayer(1));
              t.file(b.configPath(), b.configBytes());
              t.pax(RawTar.paxRecord("path", "manifest.json\0x"));
              t.file("m", HandmadeImage.manifestJson(b));
              return t.trailer().bytes();
            },
            "RD-4",
            EntryNotFoundException.class,
            "\"manifest.json\": file does not exist",
            OPEN));
    all.add(
        rejecting(
            "gnu-long-name-without-entry",
            "a GNU long-name header (L) with no entry after it",
            () -> {
              byte[] tar = baseTar();
              RawTar t = RawTar.inMemory();
              t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
              t.gnuLongName("x".repeat(300));
              return t.trailer().bytes();
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        rejecting(
            "gnu-long-link-without-entry",
            "a GNU long-link header (K) with no entry after it",
            () -> {
              byte[] tar = baseTar();
              RawTar t = RawTar.inMemory();
              t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
              t.gnuLongLink("y".repeat(300));
              return t.trailer().bytes();
            },
            "SAFE-4",
            MalformedArchiveException.class,
            "byte offset",
            OPEN));
    all.add(
        accepting(
            "gnu-long-name-layer",
            "a layer stored under a 300-byte GNU long name, referenced by manifest.json: legal",
            bytes(
                () -> {
                  String longName = "l/" + "n".repeat(300) + ".tar";
                  HandmadeImage b =
                      base().itemEdit(i -> i.putArray("Layers").add(longName).add(longName + "2"));
                  RawTar t = RawTar.inMemory();
                  t.gnuLongName(longName);
                  t.file("ignored-short-name", b.storedLayer(0));
                  t.gnuLongName(longName + "2");
                  t.file("ignored-short-name2", b.storedLayer(1));
                  t.file(b.configPath(), b.configBytes());
                  t.file("manifest.json", HandmadeImage.manifestJson(b));
                  return t.trailer().bytes();
                }),
            1));
  }
}
