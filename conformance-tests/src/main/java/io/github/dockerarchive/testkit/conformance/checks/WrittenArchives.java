package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;

import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The writer checks of OCI, LAY and ARC-11/12 share this: the implementation writes tiny images
 * (one tag, a repeated layer, two images sharing a layer, layers with hard links), and what it
 * wrote is judged by the suite's own {@code verify} ({@link ArchiveVerifier}) for the rules of the
 * check, then read back and compared with the source, so a writer that passes the rule by writing
 * nothing useful still fails.
 */
final class WrittenArchives {
  static final String TAG = "example.com/app:1";

  private WrittenArchives() {}

  /** An image of two layers, the first with a hard link after its target. */
  static ImageSpec linkedImage(String variant) {
    return WriteSupport.image(
        variant,
        List.of(
            LayerSpec.of(
                FileSpec.directory("etc"),
                FileSpec.file("etc/target", 700),
                FileSpec.hardlink("etc/link", "etc/target"),
                FileSpec.symlink("etc/soft", "target"),
                FileSpec.file("etc/other", 300)),
            WriteSupport.layer(variant + "-top", 500)));
  }

  /** An image listing one layer twice (the same diffID at positions 0 and 2). */
  static ImageSpec repeatedLayerImage(String variant) {
    LayerSpec base = WriteSupport.layer(variant + "-base", 900);
    return WriteSupport.image(
        variant, List.of(base, WriteSupport.layer(variant + "-mid", 300), base));
  }

  /**
   * The implementation copies {@code image} (from an {@code oci:} source) to a docker-archive
   * tagged {@link #TAG}, in {@code layout} when not null; the archive is read back and must hold
   * the image.
   *
   * @return the archive written
   */
  static Path write(CheckContext c, ImageSpec image, String layout) throws Exception {
    Source source = WriteSupport.oci(c, c.path("source"), image, "s");
    Path target = WriteSupport.target(c, "out");
    CopyRequest request = CopyRequest.of(source.reference(), archive(target, ":" + TAG));
    c.copySucceeds(layout == null ? request : request.withLayout(layout));
    WriteSupport.requireSameImage(
        c, archive(target, ""), source.content(), List.of(TAG), "the archive written");
    return target;
  }

  /**
   * The implementation copies two images sharing their first layer with {@code --multi}, in {@code
   * layout} when not null; each is read back by its tag.
   *
   * @return the archive written
   */
  static Path writeTwoSharing(CheckContext c, String layout) throws Exception {
    LayerSpec shared = WriteSupport.layer("shared-base", 1200);
    ImageSpec one = WriteSupport.image("one", List.of(shared, WriteSupport.layer("one-top", 200)));
    ImageSpec two = WriteSupport.image("two", List.of(shared, WriteSupport.layer("two-top", 300)));
    String secondTag = "example.com/other:2";
    Path sources = c.path("sources");
    Source a = WriteSupport.oci(c, sources, one, TAG);
    Source b = WriteSupport.oci(c, sources, two, secondTag);
    Path target = WriteSupport.target(c, "out");
    CopyRequest request =
        CopyRequest.multi(List.of(a.reference(), b.reference()), archive(target, ""));
    c.copySucceeds(layout == null ? request : request.withLayout(layout));
    WriteSupport.requireSameImage(
        c, archive(target, ":" + TAG), a.content(), List.of(TAG), "the first image");
    WriteSupport.requireSameImage(
        c, archive(target, ":" + secondTag), b.content(), List.of(secondTag), "the second image");
    return target;
  }

  /**
   * Fails with every problem {@code verify} finds in {@code archive} under a rule of {@code
   * prefixes} (a family such as {@code OCI-}, or one rule such as {@code ARC-12}).
   */
  static void requireNoProblems(Path archive, String what, String... prefixes)
      throws CheckFailure, IOException {
    VerificationReport report =
        ArchiveVerifier.verify(
            archive, ReaderOptions.defaults(), ArchiveVerifier.ProgressListener.NONE);
    List<Problem> found =
        report.problems().stream()
            .filter(p -> p.rule() != null)
            .filter(p -> List.of(prefixes).stream().anyMatch(x -> matches(p.rule(), x)))
            .toList();
    if (!found.isEmpty()) {
      throw new CheckFailure(
          what
              + " breaks "
              + String.join(", ", prefixes)
              + ": "
              + found.stream().map(Problem::format).collect(Collectors.joining("; ")));
    }
  }

  private static boolean matches(String rule, String prefix) {
    return prefix.endsWith("-") ? rule.startsWith(prefix) : rule.equals(prefix);
  }
}
