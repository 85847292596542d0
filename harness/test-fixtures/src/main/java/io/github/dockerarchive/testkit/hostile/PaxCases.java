package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.MALFORMED;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.MISSING;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.aroundBase;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rawImage;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;

import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import java.util.List;
import java.util.function.Consumer;
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
    return List.of(
        lyingRecords(
            "pax-size-too-big",
            "a PAX size record claims 99,999,999,999 bytes for an entry of 5",
            RawTar.paxRecord("size", "99999999999"),
            MALFORMED.saying("truncated")),
        lyingRecords(
            "pax-size-negative", "a PAX size record of -5", RawTar.paxRecord("size", "-5")),
        lyingRecords(
            "pax-size-not-a-number",
            "a PAX size record of \"lots\"",
            RawTar.paxRecord("size", "lots")),
        lyingRecords(
            "pax-record-length-lies",
            "a PAX record whose length prefix (99) runs past the end of the extended header",
            "99 path=x\n"),
        lyingRecords(
            "pax-record-length-not-a-number", "a PAX record without a length", "abc path=x\n"),
        withoutEntry(
            "pax-header-without-entry",
            "a PAX header is the last thing before the end-of-archive marker",
            t -> t.pax(RawTar.paxRecord("path", "orphan"))),
        MISSING.of(
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
            }),
        MALFORMED.of(
            "pax-path-with-nul",
            "a PAX path record for manifest.json with a NUL inside (\"manifest.json\\0x\"): Go's"
                + " archive/tar refuses the record (a path may not hold NUL), so the whole tar",
            () -> {
              HandmadeImage b = base();
              return rawImage(
                  b,
                  t -> {},
                  t -> {
                    t.pax(RawTar.paxRecord("path", "manifest.json\0x"));
                    t.file("m", HandmadeImage.manifestJson(b));
                  });
            }),
        withoutEntry(
            "gnu-long-name-without-entry",
            "a GNU long-name header (L) with no entry after it",
            t -> t.gnuLongName("x".repeat(300))),
        withoutEntry(
            "gnu-long-link-without-entry",
            "a GNU long-link header (K) with no entry after it",
            t -> t.gnuLongLink("y".repeat(300))),
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

  /** A PAX header of lying {@code records} in front of an entry {@code x}, refused by SAFE-4. */
  private static HostileCase lyingRecords(String name, String description, String records) {
    return lyingRecords(name, description, records, MALFORMED);
  }

  private static HostileCase lyingRecords(
      String name, String description, String records, Refusal refusal) {
    return refusal.of(
        name,
        description,
        () -> {
          HandmadeImage b = base();
          return rawImage(
              b,
              t -> t.pax(records).file("x", utf8("hello")),
              t -> t.file("manifest.json", HandmadeImage.manifestJson(b)));
        });
  }

  /** The entries of the base tar followed by an extension header with no entry after it. */
  /**
   * An extended header with no entry after it: Go's archive/tar ends the archive cleanly at the
   * end-of-archive marker that follows (the header applies to nothing), and so does the reader.
   */
  private static HostileCase withoutEntry(
      String name, String description, Consumer<RawTar> header) {
    return accepting(
        name,
        description + ": Go's archive/tar ends the archive cleanly there, and so do we",
        bytes(() -> aroundBase(baseTar(), t -> {}, header)),
        1);
  }
}
