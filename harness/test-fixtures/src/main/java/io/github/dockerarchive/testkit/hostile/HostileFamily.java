package io.github.dockerarchive.testkit.hostile;

import java.util.List;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The case families of the {@link HostileCorpus}, in corpus order: each names the class that builds
 * its cases and the rules (IDs of {@code docs/rules.md}) its refused and verify-reported cases
 * cite. Pick a family to run a part of the corpus on its own:
 *
 * <pre>{@code
 * for (HostileCase c : HostileFamily.LINKS.cases()) { ... }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum HostileFamily {
  /** {@link SyntheticCases}: the synthetic corruptions. */
  SYNTHETIC(
      SyntheticCases::cases,
      "ARC-2",
      "ARC-6",
      "RD-3",
      "RD-4",
      "SAFE-2",
      "SAFE-4",
      "SEL-1",
      "SRC-2",
      "SRC-7"),
  /** {@link TruncationCases}: truncation at every structural point. */
  TRUNCATIONS(TruncationCases::cases, "ARC-1", "RD-4", "SAFE-4"),
  /** {@link HeaderCases}: header checksums and size fields. */
  HEADERS(HeaderCases::cases, "RD-4", "SAFE-4"),
  /** {@link PaxCases}: PAX and GNU extension headers. */
  PAX(PaxCases::cases, "ARC-2", "SAFE-4"),
  /** {@link NameCases}: entry and path names. */
  NAMES(NameCases::cases, "ARC-2", "SAFE-2"),
  /** {@link LinkCases}: symbolic and hard links. */
  LINKS(LinkCases::cases, "ARC-2", "ARC-6", "SAFE-2"),
  /** {@link CompressionCases}: decompression bombs and broken compressed data. */
  COMPRESSION(CompressionCases::cases, "ARC-5", "SAFE-3"),
  /** {@link ManifestCases}: {@code manifest.json} limits and shapes. */
  MANIFESTS(ManifestCases::cases, "ARC-11", "ARC-2", "RD-3", "SRC-2"),
  /** {@link ConfigCases}: image config shapes and size. */
  CONFIGS(ConfigCases::cases, "RD-3", "SRC-2"),
  /** {@link DigestCases}: diffIDs. */
  DIGESTS(DigestCases::cases, "SRC-2", "SRC-7"),
  /** {@link MiscCases}: the cases of no other family. */
  MISC(MiscCases::cases, "ARC-6", "RD-4", "SEL-2", "SRC-7");

  private final Supplier<List<HostileCase>> cases;
  private final List<String> rules;

  HostileFamily(Supplier<List<HostileCase>> cases, String... rules) {
    this.cases = cases;
    this.rules = List.of(rules);
  }

  /**
   * The cases of this family, built afresh, in a fixed order.
   *
   * @return the cases
   */
  public List<HostileCase> cases() {
    return cases.get();
  }

  /**
   * The rules the refused and verify-reported cases of this family cite ({@link
   * Expectation#rule()}), in alphabetical order.
   *
   * @return the rule IDs
   */
  public List<String> rules() {
    return rules;
  }
}
