package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;
import static io.github.dockerarchive.testkit.conformance.checks.WriteSupport.ARCHIVE;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.ImageCopier;
import io.github.dockerarchive.testkit.layout.TransportCopy;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.reference.TransportReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.tar.TarHeader;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The checks of WR: writing one or more images, layouts, headers, tags and repositories; write and
 * read round trips (hand-made and generated); and what a failed, refused or stopped write leaves
 * behind: digest-mismatch deletion through copies (every implementation) and through the Java API
 * (blob-level writes with wrong, short, long and failing streams at every position, spooling,
 * reuse, manifest types, closing). Every check prepares its sources with the suite's own writer,
 * lets the implementation write (or read) and judges the result with the suite's own reader,
 * keeping the inputs to what its rule is about.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WriteChecks {
  private static final Set<Capability> WRITE = Set.of(Capability.WRITE);
  private static final Set<Capability> MULTI = Set.of(Capability.WRITE, Capability.WRITE_MULTI);
  private static final String TAG = "example.com/app:1";

  /** The upstream fixture of docs/reference.md §2.8, a classpath resource of the harness. */
  static final String ALMOST_EMPTY =
      "/corpus/real/containers_image__docker_archive_fixtures_almostempty.tar";

  static final String WORKED_LAYER =
      "0b916d257bd406111a3fced53f81b47de9a30f7c7d514a89769b3483aaddca7e";
  static final String WORKED_CONFIG =
      "9d7f147c0d0c4d4538a04c7ef385809e56eb1aac7bf800fbe976612188025b68";
  static final String WORKED_ID =
      "c7b98db321d22702b8dd264fa7d58936951867854969a873d3dd20520eadca8f";

  private WriteChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(
        Check.of(
            "WR-1",
            "round-trip-one-layer",
            "their writer -> our reader: an image of one layer written to docker-archive:OUT:"
                + TAG
                + " has the source's config bytes, layer contents and tag",
            WRITE,
            c -> roundTrip(c, WriteSupport.image("one", 1, 1500))));
    checks.add(
        Check.of(
            "WR-1",
            "round-trip-several-layers",
            "their writer -> our reader: an image of four layers keeps config bytes, layer"
                + " contents in order and tag",
            WRITE,
            c -> roundTrip(c, WriteSupport.image("four", 4, 1200))));
    checks.add(
        Check.of(
            "WR-1",
            "round-trip-zero-layers",
            "their writer -> our reader: an image without layers keeps its config bytes and tag",
            WRITE,
            c -> roundTrip(c, WriteSupport.image("empty", 0, 0))));
    checks.add(
        Check.of(
            "WR-1",
            "write-read-same-implementation",
            "write -> read by the same implementation: oci:A -> docker-archive:X -> dir:B (oci:B"
                + " without read-to-dir) gives the config bytes and layer contents of A",
            Set.of(Capability.WRITE, Capability.READ),
            WriteChecks::writeThenRead));
    checks.add(
        Check.of(
            "WR-1",
            "read-write-read",
            "read -> write -> read: a synthetic archive read to dir: (or oci:) and written back to"
                + " docker-archive: by the implementation holds the archive's config and diffIDs",
            Set.of(Capability.WRITE, Capability.READ),
            WriteChecks::readWriteRead));
    checks.add(
        Check.of(
            "WR-1",
            "multi-image",
            "copy --multi of two images: two items in source order, each with its config, layer"
                + " contents and the tag of its oci: reference name",
            MULTI,
            WriteChecks::multiImage));
    checks.add(
        Check.of(
            "WR-1",
            "shared-layers-written-once",
            "copy --multi of two images sharing a base layer: both read back and the shared"
                + " layer's content is stored once",
            MULTI,
            WriteChecks::sharedLayers));
    checks.add(
        Check.of(
            "WR-6",
            "default-layout",
            "the default layout is the reference's: the same entries (names, types, link targets,"
                + " contents, order) as the reference writer gives for the same image, manifest.json"
                + " and repositories last",
            WRITE,
            WriteChecks::defaultLayout));
    checks.add(
        Check.of(
            "WR-6",
            "reference-worked-example",
            "docs/reference.md §2.8: the upstream fixture almostempty.tar written as emptyimage:latest"
                + " gives exactly the entries of the worked example, legacy ID c7b98db3...",
            WRITE,
            WriteChecks::workedExample));
    checks.add(
        Check.of(
            "WR-7",
            "headers",
            "every header is ustar without extended headers, files mode 0444 and symlinks 0"
                + " (no type bits), uid/gid 0, empty user and group names, mtime 0; exactly two"
                + " zero blocks at the end",
            WRITE,
            WriteChecks::headers));
    checks.add(
        Check.of(
            "WR-7",
            "deterministic",
            "the same copy twice gives byte-identical archives",
            WRITE,
            WriteChecks::deterministic));
    checks.add(
        Check.of(
            "WR-8",
            "repo-tags-fully-qualified",
            "a tag given as busybox:1.36 is stored in RepoTags in its fully qualified form"
                + " (docker.io/library/busybox:1.36)",
            WRITE,
            WriteChecks::fullyQualified));
    checks.add(
        Check.of(
            "WR-8",
            "untagged-empty-list",
            "an image written without a tag gets \"RepoTags\": [] (not null, not absent)",
            WRITE,
            WriteChecks::untagged));
    checks.add(
        Check.of(
            "WR-8",
            "repositories",
            "repositories maps the full name -> tag -> the top legacy layer ID for a tagged"
                + " image with layers, and has no entry for a tagged image without layers",
            WRITE,
            WriteChecks::repositories));
    checks.add(
        Check.of(
            "WR-8",
            "same-config-deduplicated",
            "copy --multi of one image without layers under two tags: one manifest.json item,"
                + " tags merged in order of first appearance",
            MULTI,
            c -> sameImageTwice(c, 0, "example.com/app:2")));
    checks.add(
        Check.of(
            "WR-9",
            "same-image-twice-tags-merged",
            "copy --multi of one image with layers under two tags: one item with both tags,"
                + " readable by each (the reference fails: unmarshaling config)",
            MULTI,
            c -> sameImageTwice(c, 2, "example.com/app:2")));
    checks.add(
        Check.of(
            "WR-12",
            "docker-hybrid",
            "copy --layout docker-hybrid: blobs/sha256/<hex> named by content, oci-layout, an"
                + " index.json descriptor per tag whose OCI manifest names the config and layers,"
                + " and a manifest.json our reader reads back",
            Set.of(Capability.WRITE, Capability.WRITE_HYBRID),
            WriteChecks::hybrid));
    // WR-13: one tag, one image.
    checks.add(
        Check.of(
            "WR-13",
            "same-tag-two-images-refused",
            "copy --multi of two different images (oci: sources) both named example.com/app:1 is"
                + " refused; nothing is left at the target and nothing beside it",
            MULTI,
            c -> sameTagTwoImages(c, false)));
    checks.add(
        Check.of(
            "WR-13",
            "same-tag-two-archives-refused",
            "copy --multi docker-archive:A:app:1 docker-archive:B:app:1 of two different images is"
                + " refused; nothing is left at the target and nothing beside it",
            MULTI,
            c -> sameTagTwoImages(c, true)));
    checks.add(
        Check.of(
            "WR-13",
            "same-image-same-tag-merged",
            "copy --multi of one image twice under the same tag: one item holding the tag once",
            MULTI,
            c -> sameImageTwice(c, 1, TAG)));
    // WR-2 to WR-5, WR-10, WR-11: digest-mismatch deletion, what a failed write leaves.
    String contract =
        " is refused; nothing is left at the target and nothing beside it (no temporary files)";
    checks.add(
        spoiled(
            "mismatch-first-layer",
            "a layer (first of three) with one byte changed",
            0,
            FailedCopies.Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled(
            "mismatch-middle-layer",
            "a layer (second of three) with one byte changed",
            1,
            FailedCopies.Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled(
            "mismatch-last-layer",
            "a layer (last of three) with one byte changed",
            2,
            FailedCopies.Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled(
            "mismatch-config",
            "a config with one byte changed",
            -1,
            FailedCopies.Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled(
            "short-layer",
            "a layer cut short (its last 100 bytes missing)",
            1,
            FailedCopies.Spoil.SHORT,
            contract));
    checks.add(
        spoiled(
            "long-layer", "a layer with 100 bytes appended", 1, FailedCopies.Spoil.LONG, contract));
    checks.add(
        spoiled("short-config", "a config cut short", -1, FailedCopies.Spoil.SHORT, contract));
    checks.add(
        spoiled(
            "long-config", "a config with bytes appended", -1, FailedCopies.Spoil.LONG, contract));
    String multiContract =
        " is refused, and leaves either no archive, or an archive holding only the good image"
            + " with no trace of the bad blob (no entry named by its digest or holding its bytes,"
            + " manifest.json and repositories not naming it); nothing else beside the target";
    checks.add(
        spoiledMulti(
            "multi-good-then-bad",
            "a good image, then one whose middle layer has a changed byte",
            false,
            multiContract));
    checks.add(
        spoiledMulti(
            "multi-bad-then-good",
            "an image whose middle layer has a changed byte, then a good one",
            true,
            multiContract));
    for (JavaWrites.BadStream kind : JavaWrites.BadStream.values()) {
      checks.add(
          Check.javaApi(
              "WR-2",
              "java-" + kind.id(),
              "putBlob of "
                  + kind.description()
                  + " at every position (first blob, between layers, config, second image):"
                  + " a typed failure, the writer still usable, and the finished archive valid"
                  + " with no entry, name or manifest mention of the failed blob",
              c -> JavaWrites.badStream(c, kind)));
    }
    checks.add(
        Check.javaApi(
            "WR-3",
            "unknown-size-and-digest",
            "putBlob with size -1, with no digest, and with neither (the config) stores the"
                + " blobs under their sha256 and true size; the archive reads back",
            JavaWrites::unknownSizeAndDigest));
    checks.add(
        Check.javaApi(
            "WR-3",
            "spool-files-deleted",
            "a 1.5 MiB blob of unknown size, written and then failed half-way: no file holding"
                + " its bytes is left in java.io.tmpdir or beside the target",
            JavaWrites::spoolFilesDeleted));
    checks.add(
        Check.javaApi(
            "WR-4",
            "reuse-only-written",
            "tryReusingBlob answers with the blob only after it was written to this archive (by"
                + " this image or an earlier one); never for unwritten digests or in another"
                + " archive",
            JavaWrites::reuseOnlyWritten));
    checks.add(
        Check.javaApi(
            "WR-5",
            "oci-manifest-refused",
            "putManifest of an OCI image manifest fails with an error saying schema 2 is"
                + " required; the schema 2 manifest is then accepted",
            JavaWrites::ociManifestRefused));
    checks.add(
        Check.javaApi(
            "WR-5",
            "manifest-list-refused",
            "putManifest of a Docker manifest list or an OCI index fails; the schema 2"
                + " manifest is then accepted",
            JavaWrites::manifestListRefused));
    checks.add(
        Check.of(
            "WR-10",
            "failed-copy-leaves-nothing",
            "a copy whose source lacks a layer blob fails, and leaves nothing at the target"
                + " and nothing beside it",
            WRITE,
            FailedCopies::failedCopy));
    checks.add(
        Check.of(
            "WR-10",
            "stopped-copy-leaves-nothing",
            "a copy stopped half-way through a 48 MiB layer (its thread interrupted; a command"
                + " adapter kills its process) leaves nothing at the target (files beside it,"
                + " which a killed process cannot delete, are allowed)",
            WRITE,
            FailedCopies::stoppedCopy));
    checks.add(
        Check.javaApi(
            "WR-10",
            "close-without-commit",
            "a writer closed after an image was written but not committed leaves no file at"
                + " the target and nothing beside it",
            JavaWrites::closeWithoutCommit));
    checks.add(
        Check.javaApi(
            "WR-10",
            "visible-only-after-close",
            "after a commit the archive is not yet at the target; it appears, complete, when"
                + " the writer is closed, with nothing else beside it",
            JavaWrites::visibleOnlyAfterClose));
    checks.add(
        Check.of(
            "WR-11",
            "existing-file-refused",
            "a copy to an existing non-empty file is refused and the file is left unchanged",
            WRITE,
            FailedCopies::existingFile));
    // WR-1 on generated specs.
    checks.add(
        Check.of(
            "WR-1",
            "generated-round-trips",
            "25 generated single-image specs (plain: uncompressed, reference dialect) written from"
                + " oci: to docker-archive:OUT:TAG read back with their config bytes, layer"
                + " contents and tag",
            Set.of(Capability.WRITE),
            c -> GeneratedSpecs.writeRoundTrips(c, 25)));
    checks.add(
        Check.of(
            "WR-1",
            "generated-multi-image-round-trips",
            "8 generated specs of 2 or 3 distinct images (shared layers allowed) copied with"
                + " --multi read back item by item with their config bytes, layer contents and"
                + " tags",
            Set.of(Capability.WRITE, Capability.WRITE_MULTI),
            c -> GeneratedSpecs.multiRoundTrips(c, 8)));
    return List.copyOf(checks);
  }

  // ---------------------------------------------------------------------------------------------
  // Round trips

  private static void roundTrip(CheckContext c, ImageSpec image) throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), image, "conformance");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + TAG)));
    WriteSupport.requireSameImage(
        c, archive(target, ""), source.content(), List.of(TAG), "the archive written");
  }

  private static void writeThenRead(CheckContext c) throws Exception {
    Source a = WriteSupport.oci(c, c.path("a"), WriteSupport.image("same", 3, 1000), "a");
    Path x = WriteSupport.target(c, "x");
    c.copySucceeds(CopyRequest.of(a.reference(), archive(x, ":" + TAG)));
    String b = WriteSupport.readDestination(c, "b");
    c.copySucceeds(CopyRequest.of(archive(x, ""), b));
    ImageContent back = WriteSupport.readBack(c, b, "the image read back");
    WriteSupport.requireRead(
        back, b, a.content().configDigest(), a.content().diffIds(), "B read back from X");
  }

  private static void readWriteRead(CheckContext c) throws Exception {
    ImageSpec image = WriteSupport.image("rwr", 3, 900);
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(new ImageSpec(List.of(TAG), image.layers(), image.config()))
            .seed(WriteSupport.SEED)
            .build();
    ArchiveFixture fixture = c.fixture("input.tar", spec);
    String a = WriteSupport.readDestination(c, "a");
    c.copySucceeds(CopyRequest.of(archive(fixture.path(), ""), a));
    Path y = WriteSupport.target(c, "y");
    c.copySucceeds(CopyRequest.of(a, archive(y, ":" + TAG)));
    ImageContent got = c.readArchive(archive(y, ""), "the archive written back");
    var truth = fixture.image(0);
    WriteSupport.requireRead(
        got, a, truth.configDigest(), truth.diffIds(), "the archive written back");
    require(
        got.repoTags().equals(List.of(TAG)),
        "RepoTags " + got.repoTags() + " instead of [" + TAG + "]");
  }

  private static void multiImage(CheckContext c) throws Exception {
    Path layout = c.path("sources");
    Source first = WriteSupport.oci(c, layout, WriteSupport.image("first", 2, 1000), TAG);
    String secondTag = "example.com/other:2";
    Source second = WriteSupport.oci(c, layout, WriteSupport.image("second", 2, 1100), secondTag);
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(
        CopyRequest.multi(List.of(first.reference(), second.reference()), archive(target, "")));
    List<JsonNode> items = WriteSupport.manifestItems(target);
    require(items.size() == 2, "manifest.json holds " + items.size() + " items instead of 2");
    WriteSupport.requireSameImage(
        c, archive(target, ":@0"), first.content(), List.of(TAG), "item @0");
    WriteSupport.requireSameImage(
        c, archive(target, ":@1"), second.content(), List.of(secondTag), "item @1");
  }

  private static void sharedLayers(CheckContext c) throws Exception {
    Path layout = c.path("sources");
    var base = WriteSupport.layer("shared-base", 2000);
    Source first =
        WriteSupport.oci(
            c,
            layout,
            WriteSupport.image("a", List.of(base, WriteSupport.layer("a-top", 700))),
            TAG);
    String secondTag = "example.com/other:2";
    Source second =
        WriteSupport.oci(
            c,
            layout,
            WriteSupport.image("b", List.of(base, WriteSupport.layer("b-top", 800))),
            secondTag);
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(
        CopyRequest.multi(List.of(first.reference(), second.reference()), archive(target, "")));
    WriteSupport.requireSameImage(
        c, archive(target, ":@0"), first.content(), List.of(TAG), "item @0");
    WriteSupport.requireSameImage(
        c, archive(target, ":@1"), second.content(), List.of(secondTag), "item @1");
    Digest shared = first.content().diffIds().get(0);
    List<String> holding = new ArrayList<>();
    for (TarScan.Entry e : WriteSupport.scan(c, target).entries()) {
      if (e.isFile()
          && ImageContent.uncompressedDigest(new ByteArrayInputStream(e.data())).equals(shared)) {
        holding.add(e.name());
      }
    }
    require(
        holding.size() == 1,
        "the shared layer " + shared + " is stored " + holding.size() + " times: " + holding);
  }

  // ---------------------------------------------------------------------------------------------
  // WR-6, WR-7: layout and headers

  private static void defaultLayout(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("layout", 3, 900), "s");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + TAG)));
    Path expectedFile = c.directory("expected").resolve(ARCHIVE);
    TransportCopy.copy(
        TransportReference.parse(source.reference()),
        TransportReference.parse(archive(expectedFile, ":" + TAG)),
        WriterOptions.defaults(),
        List.of(),
        ImageCopier.Progress.NONE);
    c.note("expected (the reference's layout, by the suite's writer): " + expectedFile);
    List<TarScan.Entry> got = WriteSupport.scan(c, target).entries();
    List<TarScan.Entry> expected = TarScan.read(expectedFile, "the expected archive").entries();
    require(
        got.stream()
            .map(TarScan.Entry::name)
            .toList()
            .equals(expected.stream().map(TarScan.Entry::name).toList()),
        "entries " + names(got) + " instead of the reference's " + names(expected));
    for (int i = 0; i < expected.size(); i++) {
      TarScan.Entry want = expected.get(i);
      TarScan.Entry have = got.get(i);
      String name = want.name();
      require(
          have.type() == want.type(),
          name + " has type '" + have.type() + "' instead of '" + want.type() + "'");
      require(
          have.linkName().equals(want.linkName()),
          name + " links to \"" + have.linkName() + "\" instead of \"" + want.linkName() + "\"");
      if (name.equals("manifest.json") || name.equals("repositories")) {
        continue; // their content is WR-8's
      }
      require(
          Arrays.equals(have.data(), want.data()),
          name
              + " holds "
              + have.data().length
              + " bytes (sha256 "
              + Digest.sha256(have.data()).hex().substring(0, 12)
              + ") that differ from the reference layout's "
              + want.data().length
              + " bytes");
    }
  }

  private static void workedExample(CheckContext c) throws Exception {
    Path fixture = c.path("almostempty.tar");
    try (InputStream in = WriteChecks.class.getResourceAsStream(ALMOST_EMPTY)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + ALMOST_EMPTY + " is missing");
      }
      Files.copy(in, fixture, StandardCopyOption.REPLACE_EXISTING);
    }
    Path layout = c.path("source");
    TransportCopy.copy(
        TransportReference.parse(archive(fixture, "")),
        TransportReference.parse("oci:" + layout + ":emptyimage"),
        WriterOptions.defaults(),
        List.of(),
        ImageCopier.Progress.NONE);
    c.note("./dockerarchive copy docker-archive:" + fixture + " oci:" + layout + ":emptyimage");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(
        CopyRequest.of("oci:" + layout + ":emptyimage", archive(target, ":emptyimage:latest")));
    TarScan tar = WriteSupport.scan(c, target);
    List<String> expected =
        List.of(
            WORKED_LAYER + ".tar",
            WORKED_CONFIG + ".json",
            WORKED_ID + "/layer.tar",
            WORKED_ID + "/VERSION",
            WORKED_ID + "/json",
            "manifest.json",
            "repositories");
    require(
        tar.names().equals(expected),
        "entries " + tar.names() + " instead of docs/reference.md §2.8's " + expected);
    TarScan.Entry link = tar.entry(WORKED_ID + "/layer.tar").orElseThrow();
    require(
        link.type() == '2' && link.linkName().equals("../" + WORKED_LAYER + ".tar"),
        WORKED_ID
            + "/layer.tar is type '"
            + link.type()
            + "' -> \""
            + link.linkName()
            + "\" instead of a symlink to ../"
            + WORKED_LAYER
            + ".tar");
    require(
        tar.entry(WORKED_ID + "/VERSION").orElseThrow().text().equals("1.0"),
        WORKED_ID + "/VERSION does not hold 1.0");
    require(
        Digest.sha256(tar.entry(WORKED_LAYER + ".tar").orElseThrow().data())
            .hex()
            .equals(WORKED_LAYER),
        WORKED_LAYER + ".tar does not hold the layer of that digest");
    require(
        Digest.sha256(tar.entry(WORKED_CONFIG + ".json").orElseThrow().data())
            .hex()
            .equals(WORKED_CONFIG),
        WORKED_CONFIG + ".json does not hold the config of that digest");
    String json = tar.entry(WORKED_ID + "/json").orElseThrow().text();
    String hashed =
        json.replace(
            "\"id\":\"" + WORKED_ID + "\"", "\"layer_id\":\"sha256:" + WORKED_LAYER + "\"");
    require(
        Digest.sha256(hashed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .hex()
            .equals(WORKED_ID),
        WORKED_ID
            + "/json is not the legacy layer config whose ID that is (docs/reference.md §6.6)");
  }

  private static void headers(CheckContext c) throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), WriteSupport.image("hdr", 2, 1000), "s");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + TAG)));
    TarScan tar = WriteSupport.scan(c, target);
    for (TarScan.Entry e : tar.entries()) {
      String n = e.name();
      require(
          e.magic().equals(TarHeader.POSIX_MAGIC_AND_VERSION),
          n + ": header magic/version \"" + e.magic().replace("\0", "\\0") + "\", not ustar");
      require(!e.extendedHeader(), n + ": preceded by an extended (PAX or GNU) header");
      if (e.isFile()) {
        require(e.mode() == 0444, n + ": mode " + Integer.toOctalString(e.mode()) + ", not 444");
      } else if (e.type() == '2') {
        require(e.mode() == 0, n + ": symlink mode " + Integer.toOctalString(e.mode()) + ", not 0");
      }
      require(e.uid() == 0 && e.gid() == 0, n + ": uid/gid " + e.uid() + "/" + e.gid());
      require(
          e.userName().isEmpty() && e.groupName().isEmpty(),
          n + ": user/group names \"" + e.userName() + "\"/\"" + e.groupName() + "\"");
      require(e.mtime() == 0, n + ": mtime " + e.mtime() + ", not 0");
    }
    long trailer = tar.length() - tar.dataEnd();
    require(
        trailer == 2L * TarScan.BLOCK,
        "the archive ends with " + trailer + " bytes after the last entry, not two zero blocks");
    byte[] tail = new byte[(int) trailer];
    try (var ch = java.nio.channels.FileChannel.open(target)) {
      ch.read(java.nio.ByteBuffer.wrap(tail), tar.dataEnd());
    }
    require(TarScan.allZero(tail), "the two blocks after the last entry are not all zero");
  }

  private static void deterministic(CheckContext c) throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), WriteSupport.image("det", 2, 1000), "s");
    Path first = WriteSupport.target(c, "first");
    Path second = WriteSupport.target(c, "second");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(first, ":" + TAG)));
    c.copySucceeds(CopyRequest.of(source.reference(), archive(second, ":" + TAG)));
    long at = Files.mismatch(first, second);
    require(
        at == -1,
        "two copies of the same image differ from byte "
            + at
            + " on ("
            + Files.size(first)
            + " and "
            + Files.size(second)
            + " bytes)");
  }

  // ---------------------------------------------------------------------------------------------
  // WR-8, WR-9: manifest.json and repositories

  private static void fullyQualified(CheckContext c) throws Exception {
    List<String> tags = WriteSupport.writeTagged(c, "busybox:1.36");
    require(tags.size() == 1, "RepoTags " + tags + " instead of one tag");
    String stored = tags.get(0);
    String canonical;
    try {
      canonical = DockerReference.parseNormalized(stored).canonical();
    } catch (IOException e) {
      throw new CheckFailure("the stored tag \"" + stored + "\" is not a reference: " + e);
    }
    require(
        canonical.equals(stored),
        "RepoTags holds \"" + stored + "\", not its fully qualified form \"" + canonical + "\"");
  }

  private static void untagged(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("untagged", 1, 800), "s");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, "")));
    List<JsonNode> items = WriteSupport.manifestItems(target);
    require(items.size() == 1, "manifest.json holds " + items.size() + " items instead of 1");
    JsonNode tags = WriteSupport.field(items.get(0), "RepoTags");
    require(tags != null, "the item has no RepoTags");
    require(
        tags.isArray() && tags.isEmpty(),
        "the untagged item has \"RepoTags\": " + tags + ", not []");
  }

  private static void repositories(CheckContext c) throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), WriteSupport.image("repo", 2, 900), "s");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + TAG)));
    TarScan tar = WriteSupport.scan(c, target);
    JsonNode repositories = repositoriesOf(tar);
    require(
        repositories.size() == 1 && repositories.has("example.com/app"),
        "repositories " + repositories + " does not map just example.com/app");
    JsonNode tags = repositories.get("example.com/app");
    require(
        tags.isObject() && tags.size() == 1 && tags.path("1").isTextual(),
        "repositories[example.com/app] is " + tags + ", not {\"1\": ID}");
    String id = tags.get("1").asText();
    require(id.matches("[0-9a-f]{64}"), "the legacy ID \"" + id + "\" is not 64 hex digits");
    boolean legacyDirectories = tar.names().stream().anyMatch(n -> n.endsWith("/layer.tar"));
    if (legacyDirectories) {
      String top = source.content().diffIds().get(1).hex();
      TarScan.Entry link =
          tar.entry(id + "/layer.tar")
              .orElseThrow(
                  () -> new CheckFailure("repositories names " + id + ", which has no layer.tar"));
      require(
          link.linkName().endsWith(top + ".tar") || Digest.sha256(link.data()).hex().equals(top),
          "repositories names " + id + ", which is not the top layer's legacy directory");
    }
    Source empty = WriteSupport.oci(c, c.path("empty"), WriteSupport.image("norepo", 0, 0), "s");
    Path second = WriteSupport.target(c, "out-empty");
    c.copySucceeds(CopyRequest.of(empty.reference(), archive(second, ":" + TAG)));
    TarScan emptyTar = WriteSupport.scan(c, second);
    if (emptyTar.entry("repositories").isPresent()) {
      JsonNode r = repositoriesOf(emptyTar);
      require(
          !r.has("example.com/app"),
          "repositories " + r + " has an entry for an image without layers");
    }
  }

  /**
   * One image copied twice with --multi, under {@link #TAG} and under {@code secondTag}: one item
   * holding both tags (the tag once when they are the same), readable by the second.
   */
  private static void sameImageTwice(CheckContext c, int layers, String secondTag)
      throws Exception {
    ImageSpec image = WriteSupport.image("twice" + layers, layers, 900);
    Source first = WriteSupport.oci(c, c.path("layout-a"), image, TAG);
    Source second = WriteSupport.oci(c, c.path("layout-b"), image, secondTag);
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(
        CopyRequest.multi(List.of(first.reference(), second.reference()), archive(target, "")));
    List<JsonNode> items = WriteSupport.manifestItems(target);
    require(
        items.size() == 1,
        "wrote "
            + describeTags(items)
            + " for one image (config "
            + first.content().configDigest()
            + ") given twice, instead of 1 item");
    List<String> expected = TAG.equals(secondTag) ? List.of(TAG) : List.of(TAG, secondTag);
    List<String> stored = repoTags(items.get(0));
    require(stored.equals(expected), "RepoTags " + stored + " instead of " + expected);
    WriteSupport.requireSameImage(
        c, archive(target, ":" + secondTag), first.content(), expected, "by " + secondTag);
  }

  // ---------------------------------------------------------------------------------------------
  // WR-13: one tag, one image

  /**
   * Two different images under one tag, from two oci: layouts or two docker-archive: files; the
   * copy must be refused and leave nothing. What an implementation that accepts it wrote is named.
   */
  private static void sameTagTwoImages(CheckContext c, boolean fromArchives) throws Exception {
    ImageSpec a = WriteSupport.image("dup-a", 1, 700);
    ImageSpec b = WriteSupport.image("dup-b", 1, 800);
    List<String> sources = new ArrayList<>();
    if (fromArchives) {
      String tag = "app:1";
      for (ImageSpec image : List.of(a, b)) {
        ArchiveSpec spec =
            ArchiveSpec.builder()
                .image(new ImageSpec(List.of(tag), image.layers(), image.config()))
                .seed(WriteSupport.SEED)
                .build();
        String name = image == a ? "a.tar" : "b.tar";
        sources.add(archive(c.fixture(name, spec).path(), ":" + tag));
      }
    } else {
      sources.add(WriteSupport.oci(c, c.path("layout-a"), a, TAG).reference());
      sources.add(WriteSupport.oci(c, c.path("layout-b"), b, TAG).reference());
    }
    Path target = WriteSupport.target(c, "out");
    CopyRequest request = CopyRequest.multi(sources, archive(target, ""));
    if (c.copy(request).isEmpty()) {
      throw new CheckFailure(
          "accepted two different images under one tag and wrote "
              + describeTags(WriteSupport.manifestItems(target))
              + " ("
              + request
              + ")");
    }
    WriteSupport.requireNothingLeft(target, "the refused copy");
  }

  /** The items' RepoTags and which tags more than one item holds, for a failure message. */
  private static String describeTags(List<JsonNode> items) {
    List<List<String>> tags = items.stream().map(WriteChecks::repoTags).toList();
    List<String> shared = sharedTags(tags);
    return items.size()
        + " item(s) with RepoTags "
        + tags
        + (shared.isEmpty() ? "" : "; held by more than one item: " + shared);
  }

  /** An item's RepoTags as stored; empty when null or absent. */
  static List<String> repoTags(JsonNode item) {
    List<String> tags = new ArrayList<>();
    JsonNode repoTags = WriteSupport.field(item, "RepoTags");
    if (repoTags != null) {
      repoTags.forEach(t -> tags.add(t.asText()));
    }
    return tags;
  }

  /** The tags (normalised) that more than one item holds. */
  static List<String> sharedTags(List<List<String>> itemTags) {
    java.util.Map<String, Integer> holders = new java.util.LinkedHashMap<>();
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < itemTags.size(); i++) {
      for (String tag : new java.util.LinkedHashSet<>(normalised(itemTags.get(i)))) {
        Integer first = holders.putIfAbsent(tag, i);
        if (first != null && !shared.contains(tag)) {
          shared.add(tag);
        }
      }
    }
    return shared;
  }

  /** Tags in their fully qualified form; one that does not parse is kept as written. */
  static List<String> normalised(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String t : tags) {
      try {
        out.add(DockerReference.parseNormalized(t).withDefaultTag().canonical());
      } catch (IOException e) {
        out.add(t);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // WR-12: hybrid layout

  private static void hybrid(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("hybrid", 2, 900), "s");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(
        CopyRequest.of(source.reference(), archive(target, ":" + TAG)).withLayout("docker-hybrid"));
    TarScan tar = WriteSupport.scan(c, target);
    require(tar.entry("oci-layout").isPresent(), "no oci-layout entry");
    JsonNode item = only(WriteSupport.manifestItems(target));
    List<String> paths = new ArrayList<>();
    paths.add(requiredField(item, "Config").asText());
    requiredField(item, "Layers").forEach(l -> paths.add(l.asText()));
    for (String p : paths) {
      require(p.startsWith("blobs/sha256/"), "manifest.json names " + p + ", not blobs/sha256/...");
      TarScan.Entry e = tar.entry(p).orElseThrow(() -> new CheckFailure(p + " is missing"));
      require(
          e.isFile() && Digest.sha256(e.data()).hex().equals(p.substring("blobs/sha256/".length())),
          p + " does not hold the bytes of that digest");
    }
    JsonNode index =
        WriteSupport.parse(
            tar.entry("index.json").orElseThrow(() -> new CheckFailure("no index.json")).data(),
            "index.json");
    JsonNode manifests = index.path("manifests");
    require(
        manifests.isArray() && manifests.size() == 1,
        "index.json has " + manifests.size() + " descriptors instead of one per tag (1)");
    String digest = manifests.get(0).path("digest").asText();
    require(
        digest.matches("sha256:[0-9a-f]{64}"), "index.json names the manifest \"" + digest + "\"");
    String manifestPath = "blobs/sha256/" + digest.substring("sha256:".length());
    TarScan.Entry manifestEntry =
        tar.entry(manifestPath)
            .orElseThrow(() -> new CheckFailure("index.json names " + manifestPath + ", missing"));
    JsonNode manifest = WriteSupport.parse(manifestEntry.data(), manifestPath);
    require(
        manifest
            .path("config")
            .path("digest")
            .asText()
            .equals(source.content().configDigest().toString()),
        "the OCI manifest's config is "
            + manifest.path("config").path("digest")
            + ", not the image's");
    List<String> layers = new ArrayList<>();
    manifest.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
    require(
        layers.size() == source.content().diffIds().size(),
        "the OCI manifest lists "
            + layers.size()
            + " layers instead of "
            + source.content().diffIds().size());
    WriteSupport.requireSameImage(
        c, archive(target, ""), source.content(), List.of(TAG), "the hybrid archive");
  }

  private static Check spoiled(
      String name, String what, int layer, FailedCopies.Spoil spoil, String contract) {
    return Check.of(
        "WR-2",
        name,
        "a copy from an oci: source with " + what + contract,
        WRITE,
        c -> FailedCopies.spoiledCopy(c, layer, spoil, what));
  }

  /** WR-2 for copy --multi of a good image and a spoiled one, in the order the title says. */
  private static Check spoiledMulti(
      String name, String images, boolean spoiledFirst, String contract) {
    return Check.of(
        "WR-2",
        name,
        "copy --multi of " + images + "," + contract,
        Set.of(Capability.WRITE, Capability.WRITE_MULTI),
        c -> FailedCopies.multi(c, spoiledFirst));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static JsonNode only(List<JsonNode> items) throws CheckFailure {
    require(items.size() == 1, "manifest.json holds " + items.size() + " items instead of 1");
    return items.get(0);
  }

  private static JsonNode requiredField(JsonNode item, String key) throws CheckFailure {
    JsonNode value = WriteSupport.field(item, key);
    require(value != null && !value.isNull(), "the manifest.json item has no " + key);
    return value;
  }

  private static JsonNode repositoriesOf(TarScan tar) throws CheckFailure {
    JsonNode r =
        WriteSupport.parse(
            tar.entry("repositories")
                .orElseThrow(() -> new CheckFailure("the archive has no repositories entry"))
                .data(),
            "repositories");
    require(r.isObject(), "repositories is not a JSON object");
    return r;
  }

  private static String names(List<TarScan.Entry> entries) {
    return entries.stream().map(TarScan.Entry::name).toList().toString();
  }
}
