package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ_TO_DIR;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.archiveOf;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.image;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.readToDir;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refused;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refuses;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.selects;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The checks of REF: the transport syntax {@code docker-archive:PATH[:REF|:@INDEX]}, Docker
 * reference normalisation, and the other ends of a copy ({@code oci:}, {@code dir:}), on both
 * sides: as the source of a read (hand-made archives of small, distinct images) and as the
 * destination of a write (sources prepared with the suite's own writer).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReferenceChecks {
  private static final Set<Capability> WRITE = Set.of(Capability.WRITE);
  private static final Set<Capability> MULTI = Set.of(Capability.WRITE, Capability.WRITE_MULTI);
  private static final String TAG = "example.com/app:1";

  private ReferenceChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    // REF-1, REF-2, REF-3 on the read side: the source of a copy.

    // REF-1: the transport syntax.
    checks.add(
        refuses(
            "REF-1",
            "negative-index-refused",
            "docker-archive:P:@-1 is refused (the archive's only item is readable with @0)",
            () -> List.of(image("a", "example.com/app:1")),
            ":@-1",
            "the negative index @-1"));
    checks.add(
        refuses(
            "REF-1",
            "empty-index-refused",
            "docker-archive:P:@ (no number) is refused",
            () -> List.of(image("a", "example.com/app:1")),
            ":@",
            "an empty index"));
    checks.add(
        Check.of(
            "REF-1",
            "digest-references-refused",
            "NAME@sha256:... and NAME:TAG@sha256:... are refused, even when the tag matches",
            READ,
            c -> {
              HandmadeImage only = image("a", "docker.io/library/busybox:latest");
              Path a = archiveOf(c, only);
              Digest d = only.configDigest();
              refused(c, CheckContext.archive(a, ":busybox@" + d), "out-1", "a digest reference");
              refused(
                  c,
                  CheckContext.archive(a, ":busybox:latest@" + d),
                  "out-2",
                  "a tag-and-digest reference");
            }));

    // REF-2: normalisation.
    checks.add(
        Check.of(
            "REF-2",
            "upper-case-selector-refused",
            "selectors BUSYBOX and Busybox:latest are refused (names are lower case), though"
                + " busybox:latest is stored",
            READ,
            c -> {
              Path a = archiveOf(c, image("a", "busybox:latest"));
              refused(c, CheckContext.archive(a, ":BUSYBOX"), "out-1", "the upper-case BUSYBOX");
              refused(
                  c,
                  CheckContext.archive(a, ":Busybox:latest"),
                  "out-2",
                  "the mixed-case Busybox:latest");
            }));
    checks.add(
        selects(
            "REF-2",
            "missing-tag-means-latest",
            "selector example.com/app means example.com/app:latest, not another tag",
            () ->
                List.of(
                    image("a", "example.com/app:1"),
                    image("b", "example.com/app:latest"),
                    image("c", "example.com/app:2")),
            ":example.com/app",
            1));
    checks.add(
        selects(
            "REF-2",
            "registry-with-port",
            "selector localhost:5000/x:y (a colon in the registry) selects its item",
            () ->
                List.of(
                    image("a", "localhost:5000/x:z"),
                    image("b", "localhost:5000/x:y"),
                    image("c", "localhost/x:y")),
            ":localhost:5000/x:y",
            1));
    checks.add(
        selects(
            "REF-2",
            "two-part-name-without-library",
            "selector someone/app:2 means docker.io/someone/app:2, not docker.io/library/...",
            () ->
                List.of(
                    image("a", "docker.io/library/app:2"),
                    image("b", "docker.io/someone/app:2"),
                    image("c", "docker.io/library/someone/app:3")),
            ":someone/app:2",
            1));

    // REF-3: the other end of a read.
    checks.add(
        Check.of(
            "REF-3",
            "read-to-oci-named",
            "a read into oci:DIR:example.com/x:1 stores the image under that name (the config may be"
                + " re-encoded for OCI)",
            READ,
            c -> {
              HandmadeImage only = image("a", "example.com/app:1");
              Path a = archiveOf(c, only);
              Path layout = c.path("out");
              c.copySucceeds(
                  CopyRequest.of(
                      CheckContext.archive(a, ""), "oci:" + layout + ":example.com/x:1"));
              ImageContent got =
                  c.readOci(layout, "example.com/x:1", "the image stored as example.com/x:1");
              CheckContext.require(
                  got.diffIds().equals(only.diffIds()),
                  "the image stored as example.com/x:1 has layers "
                      + got.diffIds()
                      + ", expected "
                      + only.diffIds());
              ReaderCheckSupport.expectEquivalentConfig(got, only, "the image stored");
            }));
    checks.add(
        Check.of(
            "REF-3",
            "read-to-dir",
            "a read into dir:DIR writes manifest.json and every blob under its hex digest",
            READ_TO_DIR,
            c -> {
              HandmadeImage only =
                  new HandmadeImage()
                      .tags("example.com/app:1")
                      .layerFiles("a.txt", "one")
                      .layerFiles("b.txt", "two");
              Path a = archiveOf(c, only);
              Path dir = readToDir(c, CheckContext.archive(a, ""), "out");
              CheckContext.require(
                  Files.isRegularFile(dir.resolve("manifest.json")),
                  "dir:" + dir + " has no manifest.json");
              List<Digest> blobs = new ArrayList<>(only.diffIds());
              blobs.add(only.configDigest());
              for (Digest d : blobs) {
                CheckContext.require(
                    Files.isRegularFile(dir.resolve(d.hex())),
                    "dir:" + dir + " has no blob file named " + d.hex());
              }
              expectImage(c.readDir(dir, "the dir: image"), only, "the dir: image");
            }));

    // REF-1, REF-2, REF-3 on the write side: the destination of a copy, and its sources.
    checks.add(
        Check.of(
            "REF-1",
            "index-destination-refused",
            "a destination docker-archive:OUT:@0 is refused",
            WRITE,
            c -> refusedDestination(c, ":@0", "an index in a destination")));
    checks.add(
        Check.of(
            "REF-1",
            "digest-destination-refused",
            "a destination docker-archive:OUT:example.com/app@sha256:... is refused",
            WRITE,
            c ->
                refusedDestination(
                    c, ":example.com/app@sha256:" + "ab".repeat(32), "a digest reference")));
    checks.add(
        Check.of(
            "REF-1",
            "tag-and-digest-destination-refused",
            "a destination docker-archive:OUT:example.com/app:1@sha256:... is refused",
            WRITE,
            c ->
                refusedDestination(
                    c, ":example.com/app:1@sha256:" + "cd".repeat(32), "a tag with a digest")));
    checks.add(
        Check.of(
            "REF-2",
            "short-name",
            "a tag given as busybox names docker.io/library/busybox:latest",
            WRITE,
            c -> normalised(c, "busybox", "docker.io/library/busybox:latest")));
    checks.add(
        Check.of(
            "REF-2",
            "default-tag",
            "a tag given as example.com/app (no tag) names example.com/app:latest",
            WRITE,
            c -> normalised(c, "example.com/app", "example.com/app:latest")));
    checks.add(
        Check.of(
            "REF-2",
            "registry-port",
            "a tag given as localhost:5000/x:y names localhost:5000/x:y (only the first colon"
                + " ends the path)",
            WRITE,
            c -> normalised(c, "localhost:5000/x:y", "localhost:5000/x:y")));
    checks.add(
        Check.of(
            "REF-2",
            "upper-case-tag-refused",
            "a tag with an upper-case repository (Busybox:latest) is refused",
            WRITE,
            c -> refusedDestination(c, ":Busybox:latest", "an upper-case repository name")));
    checks.add(
        Check.of(
            "REF-3",
            "dir-source",
            "a dir: source (skopeo's directory layout) is written with its layer contents and tag"
                + " (config bytes are judged by the WR-1 round trips)",
            WRITE,
            ReferenceChecks::dirSource));
    checks.add(
        Check.of(
            "REF-3",
            "oci-source-by-name",
            "oci:DIR:NAME picks the image of that reference name from a layout holding two (judged"
                + " by its layers)",
            WRITE,
            ReferenceChecks::ociByName));
    // REF-4: the tags a multi-image copy takes from oci: ref.names.
    checks.add(
        Check.of(
            "REF-4",
            "bare-ref-names-untagged",
            "copy --multi of two different images from layouts both named latest: two items, each"
                + " read by its index, neither tagged docker.io/library/latest:latest, no tag on both",
            MULTI,
            ReferenceChecks::bareRefNames));
    checks.add(
        Check.of(
            "REF-4",
            "ref-name-with-tag-is-the-tag",
            "copy --multi from layouts named example.com/app:1 and example.com/b:2 tags the images"
                + " with those references",
            MULTI,
            ReferenceChecks::refNamesWithTags));
    checks.addAll(HostileInputs.checksUnder("REF"));
    checks.addAll(RealArchives.checksUnder("REF"));
    return List.copyOf(checks);
  }

  private static void refusedDestination(CheckContext c, String selector, String why)
      throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), WriteSupport.image("ref", 1, 700), "s");
    Path target = WriteSupport.target(c, "out");
    c.copyRefused(CopyRequest.of(source.reference(), archive(target, selector)), why);
    // what a refused copy leaves behind is WR-10's (failed-copy-leaves-nothing), not judged here
  }

  private static void normalised(CheckContext c, String given, String expected) throws Exception {
    List<String> tags = WriteSupport.writeTagged(c, given);
    require(tags.size() == 1, "RepoTags " + tags + " instead of one tag");
    String stored = tags.get(0);
    String meaning;
    try {
      meaning = DockerReference.parseNormalized(stored).withDefaultTag().canonical();
    } catch (IOException e) {
      throw new CheckFailure("the stored tag \"" + stored + "\" is not a reference: " + e);
    }
    require(
        meaning.equals(expected),
        "\""
            + given
            + "\" was stored as \""
            + stored
            + "\", which names "
            + meaning
            + ", not "
            + expected);
  }

  private static void dirSource(CheckContext c) throws Exception {
    Source source = WriteSupport.dir(c, c.path("source"), WriteSupport.image("dir", 2, 900));
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(source.reference(), archive(target, ":" + TAG)));
    requireSameLayers(c, target, source.content());
  }

  private static void ociByName(CheckContext c) throws Exception {
    Path layout = c.path("source");
    WriteSupport.oci(c, layout, WriteSupport.image("first", 1, 900), "first");
    Source second = WriteSupport.oci(c, layout, WriteSupport.image("second", 2, 800), "second");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.of(second.reference(), archive(target, ":" + TAG)));
    requireSameLayers(c, target, second.content());
  }

  /** The archive holds the expected image, judged by its layers and tag (REF-3's concern). */
  private static void requireSameLayers(CheckContext c, Path target, ImageContent expected)
      throws CheckFailure {
    ImageContent got = c.readArchive(archive(target, ""), "the archive written");
    require(
        got.diffIds().equals(expected.diffIds()),
        "the archive written holds layers "
            + got.diffIds()
            + ", not the source's "
            + expected.diffIds());
    require(
        got.repoTags().equals(List.of(TAG)),
        "the archive written: RepoTags " + got.repoTags() + " instead of [" + TAG + "]");
  }

  // ---------------------------------------------------------------------------------------------
  // REF-4: multi-image copies from oci: layouts

  private static void bareRefNames(CheckContext c) throws Exception {
    WriteSupport.Source a =
        WriteSupport.oci(c, c.path("layout-a"), WriteSupport.image("bare-a", 1, 500), "latest");
    WriteSupport.Source b =
        WriteSupport.oci(c, c.path("layout-b"), WriteSupport.image("bare-b", 1, 600), "latest");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.multi(List.of(a.reference(), b.reference()), archive(target, "")));
    List<List<String>> tags = itemTags(target);
    require(tags.size() == 2, "manifest.json holds " + tags.size() + " items instead of 2");
    List<String> shared = WriteChecks.sharedTags(tags);
    require(shared.isEmpty(), "RepoTags " + tags + ": " + shared + " held by both items");
    for (List<String> t : tags) {
      require(
          !WriteChecks.normalised(t).contains("docker.io/library/latest:latest"),
          "RepoTags "
              + tags
              + ": the ref.name latest was read as the repository docker.io/library/latest");
    }
    for (int i = 0; i < 2; i++) {
      WriteSupport.Source source = i == 0 ? a : b;
      ImageContent got = c.readArchive(archive(target, ":@" + i), "@" + i);
      String difference = got.differenceFrom(source.content());
      require(
          difference.isEmpty(),
          "@" + i + " is not the image of " + source.reference() + ": " + difference);
    }
  }

  private static void refNamesWithTags(CheckContext c) throws Exception {
    WriteSupport.Source a =
        WriteSupport.oci(
            c, c.path("layout-a"), WriteSupport.image("named-a", 1, 500), "example.com/app:1");
    WriteSupport.Source b =
        WriteSupport.oci(
            c, c.path("layout-b"), WriteSupport.image("named-b", 1, 600), "example.com/b:2");
    Path target = WriteSupport.target(c, "out");
    c.copySucceeds(CopyRequest.multi(List.of(a.reference(), b.reference()), archive(target, "")));
    List<List<String>> tags = itemTags(target);
    List<List<String>> normalised = tags.stream().map(WriteChecks::normalised).toList();
    require(
        normalised.equals(List.of(List.of("example.com/app:1"), List.of("example.com/b:2"))),
        "RepoTags " + tags + " instead of [[example.com/app:1], [example.com/b:2]]");
    WriteSupport.requireSameImage(
        c, archive(target, ":example.com/b:2"), b.content(), tags.get(1), "by example.com/b:2");
  }

  private static List<List<String>> itemTags(Path archive) throws Exception {
    return WriteSupport.manifestItems(archive).stream().map(WriteChecks::repoTags).toList();
  }
}
