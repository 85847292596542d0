package io.github.dockerarchive.testkit.hostile;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The must-reject corpus (SAFE-1..4, ARC-6, RD-3): malformed and odd archives made at test time,
 * each with the outcome a correct reader must produce. Reusable: the hostile tests run it through
 * the reader and the command-line tool, and the conformance suite can run it against any reader.
 *
 * <p>Inputs come from the synthetic corruptions ({@link Corruption}) and from byte-level damage to
 * small archives built with {@link HandmadeTar}, {@link TarPatch} and {@link RawTar}. Some inputs
 * are legal though odd (10,000 images, 100,000 entries, a layer that inflates to 1 GiB, a missing
 * end-of-archive marker): their expectation is {@link Expectation.Outcome#VALID}, and a runner
 * checks that they read fully in bounded memory instead.
 *
 * <pre>{@code
 * for (HostileCase c : HostileCorpus.cases()) {
 *   Path file = c.materialize(dir);
 *   // read it with c.readerOptions(ReaderOptions.defaults()) and compare with c.expectation()
 * }
 * }</pre>
 *
 * <p>The cases come in families, one class each ({@link SyntheticCases}, {@link TruncationCases},
 * {@link HeaderCases}, {@link PaxCases}, {@link NameCases}, {@link LinkCases}, {@link
 * CompressionCases}, {@link ManifestCases}, {@link ConfigCases}, {@link DigestCases}, {@link
 * MiscCases}); {@link #families()} lists them with the rules they cite, to run one on its own.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HostileCorpus {
  /** One gibibyte: the decompressed size of the gzip bombs. */
  public static final long GIB = 1L << 30;

  /** The sha256 of 1 GiB of zero bytes (the diffID of the layer bomb). */
  public static final Digest ZEROS_1GIB_SHA256 =
      new Digest("sha256", "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14");

  /** The cap the capped bomb cases use: 64 MiB. */
  public static final long CAP = 64L << 20;

  private HostileCorpus() {}

  /**
   * Every case, in a fixed order with unique names: the cases of each {@link HostileFamily} in
   * turn, in the order of {@link #families()}.
   *
   * @return the corpus
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    for (HostileFamily family : HostileFamily.values()) {
      all.addAll(family.cases());
    }
    return List.copyOf(all);
  }

  /**
   * The case families, in the order {@link #cases()} concatenates them.
   *
   * @return every family
   */
  public static List<HostileFamily> families() {
    return List.of(HostileFamily.values());
  }
}
