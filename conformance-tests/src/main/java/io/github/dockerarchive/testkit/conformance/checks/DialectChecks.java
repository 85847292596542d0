package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;

import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The checks of DIA: each producer's dialect ({@link Dialect}) read by index, image by image, and
 * compared with the synthetic archive's truth; then the real archives of those producers. The gzip
 * dialects keep the producer's gzip layers, as their titles say.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DialectChecks {
  private DialectChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    dialects(checks);
    checks.addAll(HostileInputs.checksUnder("DIA"));
    checks.addAll(RealArchives.checksUnder("DIA"));
    return List.copyOf(checks);
  }

  private static void dialects(List<Check> checks) {
    for (Dialect d : Dialect.values()) {
      boolean gzip = d.defaultLayerCompression() != Compression.NONE;
      // Jib writes one image per archive (config.json); the others take two.
      int images = d == Dialect.JIB || d == Dialect.JIB_LEGACY ? 1 : 2;
      String name = d.id() + (gzip ? "-gzip" : "");
      checks.add(
          Check.of(
              d.rule(),
              name,
              "an archive in the "
                  + d.id()
                  + " dialect ("
                  + (images == 1 ? "one image" : "two images")
                  + (gzip ? ", gzip layers as the producer writes them" : "")
                  + ") reads as its truth, each image by index",
              READ,
              c -> {
                ArchiveSpec.Builder spec =
                    ArchiveSpec.builder()
                        .image(
                            List.of("example.com/app:1"),
                            LayerSpec.filler(1500),
                            LayerSpec.of(
                                FileSpec.directory("etc"), FileSpec.file("etc/app.conf", 64)))
                        .dialect(d)
                        .seed(3);
                if (images == 2) {
                  spec.image(List.of("example.com/tool:2"), LayerSpec.filler(700));
                }
                ArchiveFixture f = c.fixture("archive.tar", spec.build());
                for (int i = 0; i < images; i++) {
                  ImageContent got = read(c, CheckContext.archive(f.path(), ":@" + i), "out-" + i);
                  expectImage(got, f.image(i), "image @" + i);
                }
              }));
    }
  }
}
