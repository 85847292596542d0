package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.archiveOf;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectItem;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.image;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.input;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refused;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refuses;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.selects;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The checks of SEL: choosing an image by tag, by index or neither.
 *
 * <p>Every archive here is hand-made from small, distinct images with uncompressed layers and no
 * links, so a failure can only come from choosing the image. The image wanted is never the first
 * nor the last item when that matters, so that an implementation taking the first or the last
 * candidate is caught; the reason names the item read instead. The hostile corpus's inputs that
 * fall under a SEL rule follow ({@link HostileInputs}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SelectionChecks {
  private SelectionChecks() {}

  /**
   * The checks of this family.
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
                  input(c, "archive.tar", new HandmadeTar().file("manifest.json", "[]").build());
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
              List<HandmadeImage> items =
                  List.of(
                      image("a", "example.com/app:1"),
                      image("b", "example.com/app:2"),
                      image("c", "example.com/app:3"));
              expectByIndex(c, items, 0, items.size() - 1);
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
              List<HandmadeImage> items =
                  List.of(
                      image("a", "example.com/app:1"),
                      image("b").nullTags(),
                      image("c"),
                      image("d", "example.com/app:2"));
              expectByIndex(c, items, 1, 2);
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
    // SEL-7: one tag on several items (written by others): the first holder is read.
    checks.add(
        selects(
            "SEL-7",
            "duplicate-tag-first-holder",
            "a tag held by items @1 and @3 of four (spelt app:1 and docker.io/library/app:1)"
                + " selects @1",
            SelectionChecks::duplicateTagItems,
            ":docker.io/library/app:1",
            1));
    checks.add(
        Check.of(
            "SEL-7",
            "duplicate-tag-later-holder-by-index",
            "the later holder of a duplicate tag (@3 of four) is still read by its index",
            READ,
            c -> expectByIndex(c, duplicateTagItems(), 3, 3)));
    checks.addAll(HostileInputs.checksUnder("SEL"));
    checks.addAll(RealArchives.checksUnder("SEL"));
    return List.copyOf(checks);
  }

  private static List<HandmadeImage> duplicateTagItems() {
    return List.of(
        image("a", "example.com/other:1"),
        image("b", "app:1"),
        image("c", "example.com/x:1"),
        image("d", "docker.io/library/app:1", "example.com/d:1"));
  }

  private static List<HandmadeImage> threeItems() {
    return List.of(
        image("a", "example.com/app:1"),
        image("b", "example.com/app:2"),
        image("c", "example.com/app:3"));
  }

  /**
   * Reads the archive of the items with each selector {@code @first} to {@code @last}; each must
   * read as the item at that index.
   */
  private static void expectByIndex(CheckContext c, List<HandmadeImage> items, int first, int last)
      throws Exception {
    Path a = archiveOf(c, items.toArray(HandmadeImage[]::new));
    for (int i = first; i <= last; i++) {
      ImageContent got = read(c, CheckContext.archive(a, ":@" + i), "out-" + i);
      expectItem(got, items, i, ":@" + i);
    }
  }
}
