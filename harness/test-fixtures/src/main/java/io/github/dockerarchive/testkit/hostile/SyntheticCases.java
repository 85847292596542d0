package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.Expectation.reject;
import static io.github.dockerarchive.testkit.hostile.Expectation.valid;

import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The synthetic corruptions: one case per {@link Corruption} other than {@code NONE}, each a small
 * archive built by {@link SyntheticArchives} from a two-layer {@link ArchiveSpec} with that
 * corruption applied.
 *
 * <p>Exercises the rule each corruption names ({@link Corruption#rule()}): SRC-7 (a layer digest
 * mismatch), ARC-2 and SRC-2 (missing or inconsistent entries), RD-4 (no {@code manifest.json}),
 * ARC-6 and SAFE-2 (link loops, escapes, absolute paths), SAFE-4 (truncation, bad checksums), RD-3
 * (an oversized {@code manifest.json}) and SEL-1 (several untagged images read without a selector).
 * Corruptions that only warn (ARC-7, duplicate entries; ARC-8, a config named for another digest)
 * are valid inputs; those that only {@code verify} sees are {@link
 * Expectation.Outcome#VERIFY_REPORTS}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SyntheticCases {
  private SyntheticCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    synthetic(all);
    return List.copyOf(all);
  }

  private static String corruptionFragment(Corruption c) {
    return switch (c) {
      case LAYER_DIGEST_MISMATCH -> "sha256:";
      case MISSING_LAYER -> "is missing in the tarball";
      case MISSING_CONFIG -> "file does not exist";
      case MISSING_MANIFEST -> "\"manifest.json\": file does not exist";
      case MANIFEST_NOT_ARRAY -> "expected a JSON array of items";
      case LAYER_COUNT_MISMATCH -> "Inconsistent layer count";
      case SYMLINK_LOOP -> "link loop";
      case SYMLINK_ESCAPE -> "leaves the archive";
      case ABSOLUTE_PATH -> "is absolute or leaves the archive";
      case TRUNCATED -> "truncated";
      case BAD_HEADER_CHECKSUM -> "bad header checksum";
      case OVERSIZED_MANIFEST -> "exceeded maximum allowed size of 1048576 bytes";
      case UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR -> "expected 1 item, got 2";
      default -> throw new IllegalArgumentException(c.name());
    };
  }

  private static void synthetic(List<HostileCase> all) {
    for (Corruption c : Corruption.values()) {
      if (c == Corruption.NONE) {
        continue;
      }
      ArchiveSpec spec =
          ArchiveSpec.builder()
              .image(List.of("hostile/synthetic:1"), LayerSpec.filler(2048), LayerSpec.filler(512))
              .corruption(c)
              .build();
      HostileCase.Source source = file -> SyntheticArchives.materialize(spec, file);
      Expectation e =
          switch (c.stage()) {
            case VERIFY -> Expectation.verifyReports(c.rule(), 1);
            case WARNING -> valid(1);
            default -> reject(c.rule(), c.failure(), corruptionFragment(c), c.stage());
          };
      int images =
          c == Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR
                  || c == Corruption.DUPLICATE_TAG_ACROSS_IMAGES
              ? 2
              : 1;
      if (!e.rejects()) {
        e = new Expectation(e.outcome(), e.rule(), null, null, null, images);
      }
      HostileCase hc =
          new HostileCase(
              "synthetic-" + c.id(),
              "Corruption." + c.name() + ": " + c.description(),
              source,
              UnaryOperator.identity(),
              true,
              c == Corruption.UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR ? "" : null,
              false,
              e);
      all.add(hc);
    }
  }
}
