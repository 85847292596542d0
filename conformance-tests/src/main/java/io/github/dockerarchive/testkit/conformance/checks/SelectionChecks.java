package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ_TO_DIR;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.archiveOf;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectItem;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.image;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.input;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.readToDir;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refused;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.testing.TarBuilder;
import io.github.dockerarchive.testkit.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks of SEL and REF: choosing an image by tag, by index or neither; reference syntax and
 * normalisation.
 *
 * <p>Every archive here is hand-made from small, distinct images with uncompressed layers and no
 * links, so a failure can only come from choosing the image. The image wanted is never the first
 * nor the last item when that matters, so that an implementation taking the first or the last
 * candidate is caught; the reason names the item read instead.
 */
public final class SelectionChecks {
  private SelectionChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    // SEL-1: neither selector.
    checks.add(
        selects(
            "SEL-1",
            "one-item-no-selector",
            "an archive of one tagged item is read without a selector",
            () -> List.of(image("only", "example.com/app:1")),
            "",
            0));
    checks.add(
        selects(
            "SEL-1",
            "one-untagged-item-no-selector",
            "an archive of one untagged item is read without a selector",
            () -> List.of(image("only")),
            "",
            0));
    checks.add(
        refuses(
            "SEL-1",
            "two-items-no-selector-refused",
            "an archive of two items without a selector is refused (expected 1 item, got 2)",
            () -> List.of(image("a", "example.com/a:1"), image("b", "example.com/b:1")),
            "",
            "two items without a selector"));
    checks.add(
        Check.of(
            "SEL-1",
            "zero-items-refused",
            "an archive whose manifest.json is [] is refused without a selector and at @0",
            READ,
            c -> {
              Path a =
                  input(c, "archive.tar", new TarBuilder().file("manifest.json", "[]").build());
              refused(c, CheckContext.archive(a, ""), "out", "an archive of zero items");
              refused(c, CheckContext.archive(a, ":@0"), "out-0", "@0 of an archive of zero items");
            }));

    // SEL-2: by reference, normalised, first match wins.
    checks.add(
        selects(
            "SEL-2",
            "exact-tag",
            "a fully qualified tag selects its item (the middle of three)",
            () ->
                List.of(
                    image("a", "example.com/a:1"),
                    image("b", "example.com/app:1"),
                    image("c", "example.com/c:1")),
            ":example.com/app:1",
            1));
    checks.add(
        selects(
            "SEL-2",
            "short-name-matches-qualified-tag",
            "selector busybox matches the stored docker.io/library/busybox:latest",
            () ->
                List.of(
                    image("a", "docker.io/library/alpine:latest"),
                    image("b", "docker.io/library/busybox:latest"),
                    image("c", "docker.io/library/busybox:1")),
            ":busybox",
            1));
    checks.add(
        selects(
            "SEL-2",
            "qualified-selector-matches-short-tag",
            "selector docker.io/library/busybox:latest matches the stored busybox:latest",
            () ->
                List.of(
                    image("a", "alpine:latest"),
                    image("b", "busybox:latest"),
                    image("c", "busybox:1")),
            ":docker.io/library/busybox:latest",
            1));
    checks.add(
        selects(
            "SEL-2",
            "index-docker-io-selector",
            "selector index.docker.io/library/busybox:latest matches the stored busybox:latest",
            () ->
                List.of(
                    image("a", "alpine:latest"), image("b", "busybox:latest"), image("c", "x:1")),
            ":index.docker.io/library/busybox:latest",
            1));
    checks.add(
        selects(
            "SEL-2",
            "index-docker-io-stored",
            "selector busybox:1 matches the stored index.docker.io/library/busybox:1",
            () ->
                List.of(
                    image("a", "busybox:2"),
                    image("b", "index.docker.io/library/busybox:1"),
                    image("c", "x:1")),
            ":busybox:1",
            1));
    checks.add(
        selects(
            "SEL-2",
            "second-tag-of-item",
            "the second RepoTag of an item selects it",
            () ->
                List.of(
                    image("a", "example.com/other:1"),
                    image("b", "example.com/app:1", "example.com/app:2"),
                    image("c", "example.com/app:3")),
            ":example.com/app:2",
            1));
    checks.add(
        selects(
            "SEL-2",
            "same-tag-first-item-wins",
            "of two items with the same tag, the first is read",
            () ->
                List.of(
                    image("a", "example.com/other:1"),
                    image("b", "example.com/app:1"),
                    image("c", "example.com/app:1")),
            ":example.com/app:1",
            1));
    checks.add(
        selects(
            "SEL-2",
            "item-order-before-tag-order",
            "items are searched in order before tags: a later item's first tag loses to an"
                + " earlier item's second",
            () ->
                List.of(
                    image("a", "example.com/other:1"),
                    image("b", "example.com/x:1", "example.com/app:1"),
                    image("c", "example.com/app:1", "example.com/y:1")),
            ":example.com/app:1",
            1));
    checks.add(
        refuses(
            "SEL-2",
            "tag-not-found-refused",
            "a tag that no item has is refused",
            () -> List.of(image("a", "example.com/app:1"), image("b", "example.com/app:2")),
            ":example.com/app:3",
            "a tag no item has"));
    checks.add(
        refuses(
            "SEL-2",
            "other-registry-refused",
            "selector app:1 (docker.io/library/app:1) does not match the stored example.com/app:1",
            () -> List.of(image("a", "example.com/app:1")),
            ":app:1",
            "a tag of another registry"));

    // SEL-3: by index.
    checks.add(
        Check.of(
            "SEL-3",
            "each-index",
            "@0, @1 and @2 of a three-item archive read the first, second and third item",
            READ,
            c -> {
              List<TestImage> items =
                  List.of(
                      image("a", "example.com/app:1"),
                      image("b", "example.com/app:2"),
                      image("c", "example.com/app:3"));
              Path a = archiveOf(c, items.toArray(TestImage[]::new));
              for (int i = 0; i < items.size(); i++) {
                ImageContent got = read(c, CheckContext.archive(a, ":@" + i), "out-" + i);
                expectItem(got, items, i, ":@" + i);
              }
            }));
    checks.add(
        refuses(
            "SEL-3",
            "index-out-of-range-refused",
            "@3 of a three-item archive is refused",
            SelectionChecks::threeItems,
            ":@3",
            "index 3 of 3 items"));
    checks.add(
        refuses(
            "SEL-3",
            "large-index-refused",
            "@999999 of a three-item archive is refused",
            SelectionChecks::threeItems,
            ":@999999",
            "index 999999 of 3 items"));

    // SEL-4: both selectors. The copy syntax cannot carry both but in these two spellings, which
    // the reference's parser refuses.
    checks.add(
        refuses(
            "SEL-4",
            "index-then-tag-refused",
            "docker-archive:P:@0:TAG (an index and a tag) is refused, even when both match",
            () -> List.of(image("a", "example.com/app:1")),
            ":@0:example.com/app:1",
            "an index and a tag at once"));
    checks.add(
        refuses(
            "SEL-4",
            "tag-then-index-refused",
            "docker-archive:P:TAG@0 (a tag and an index) is refused, even when both match",
            () -> List.of(image("a", "example.com/app:1")),
            ":example.com/app:1@0",
            "a tag and an index at once"));

    // SEL-5 (REF): an unparseable tag stops a search by reference.
    checks.add(
        refuses(
            "SEL-5",
            "invalid-tag-stops-search",
            "an unparseable RepoTag in item @0 stops the search for a tag that item @1 has",
            () -> List.of(image("a", "Not A Valid:Tag"), image("b", "example.com/app:1")),
            ":example.com/app:1",
            "a search by tag that meets an unparseable tag"));

    // SEL-6: untagged items.
    checks.add(
        Check.of(
            "SEL-6",
            "untagged-by-index",
            "untagged items (RepoTags null and []) are read by index",
            READ,
            c -> {
              List<TestImage> items =
                  List.of(
                      image("a", "example.com/app:1"),
                      image("b").nullTags(),
                      image("c"),
                      image("d", "example.com/app:2"));
              Path a = archiveOf(c, items.toArray(TestImage[]::new));
              for (int i = 1; i <= 2; i++) {
                ImageContent got = read(c, CheckContext.archive(a, ":@" + i), "out-" + i);
                expectItem(got, items, i, ":@" + i);
              }
            }));
    checks.add(
        selects(
            "SEL-6",
            "untagged-skipped-by-tag",
            "a search by tag passes over untagged items (null and []) to the tagged one",
            () ->
                List.of(
                    image("a").nullTags(), image("b"), image("c", "example.com/app:1"), image("d")),
            ":example.com/app:1",
            2));

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
              TestImage only = image("a", "docker.io/library/busybox:latest");
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
              TestImage only = image("a", "example.com/app:1");
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
              TestImage only =
                  new TestImage()
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
    return List.copyOf(checks);
  }

  private static List<TestImage> threeItems() {
    return List.of(
        image("a", "example.com/app:1"),
        image("b", "example.com/app:2"),
        image("c", "example.com/app:3"));
  }

  /** A check that one selector reads one item of a hand-made archive. */
  private static Check selects(
      String rule,
      String name,
      String title,
      Supplier<List<TestImage>> items,
      String selector,
      int expected) {
    return Check.of(
        rule,
        name,
        title,
        READ,
        c -> {
          List<TestImage> images = items.get();
          Path a = archiveOf(c, images.toArray(TestImage[]::new));
          ImageContent got = read(c, CheckContext.archive(a, selector), "out");
          expectItem(got, images, expected, selector.isEmpty() ? "(none)" : selector);
        });
  }

  /** A check that one selector is refused on a hand-made archive. */
  private static Check refuses(
      String rule,
      String name,
      String title,
      Supplier<List<TestImage>> items,
      String selector,
      String why) {
    return Check.of(
        rule,
        name,
        title,
        READ,
        c -> {
          Path a = archiveOf(c, items.get().toArray(TestImage[]::new));
          refused(c, CheckContext.archive(a, selector), "out", why);
        });
  }
}
