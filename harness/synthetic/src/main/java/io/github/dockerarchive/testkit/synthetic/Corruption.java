package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import org.apiguardian.api.API;

/**
 * A named defect a synthetic archive can carry, with the rule it breaks and what a correct reader
 * must report: the exception type, and the stage where it appears.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Corruption {
  /** No defect. */
  NONE(null, null, null, "a valid archive"),
  /** A layer's bytes do not hash to the diffID the config lists. */
  LAYER_DIGEST_MISMATCH(
      "SRC-7", DigestMismatchException.class, FailureStage.READ, "one layer byte changed"),
  /**
   * The config is stored under a digest name its bytes do not hash to: loaders ignore the name, so
   * the archive reads and {@code verify} warns (ARC-8).
   */
  CONFIG_DIGEST_MISMATCH(
      "ARC-8", null, FailureStage.WARNING, "the config's name claims another digest"),
  /** A {@code Layers} path names no entry. */
  MISSING_LAYER("ARC-2", EntryNotFoundException.class, FailureStage.LOAD, "a layer entry left out"),
  /** The {@code Config} path names no entry. */
  MISSING_CONFIG(
      "SRC-2", EntryNotFoundException.class, FailureStage.LOAD, "the config entry left out"),
  /** There is no {@code manifest.json}. */
  MISSING_MANIFEST(
      "RD-4", EntryNotFoundException.class, FailureStage.OPEN, "manifest.json left out"),
  /** {@code manifest.json} is a JSON object, not an array. */
  MANIFEST_NOT_ARRAY(
      "ARC-2", InvalidManifestException.class, FailureStage.OPEN, "manifest.json is an object"),
  /** {@code Layers} has one entry more than {@code rootfs.diff_ids}. */
  LAYER_COUNT_MISMATCH(
      "SRC-2", InvalidConfigException.class, FailureStage.LOAD, "one Layers path too many"),
  /** Every blob entry appears twice, the second copy with other bytes; the first must win. */
  DUPLICATE_ENTRIES("ARC-7", null, FailureStage.WARNING, "entries written twice"),
  /** A layer path is a symlink that loops back to itself through another link. */
  SYMLINK_LOOP(
      "ARC-6", UnsafeEntryException.class, FailureStage.LOAD, "a layer is a looping symlink"),
  /** A layer path is a symlink pointing outside the archive. */
  SYMLINK_ESCAPE(
      "SAFE-2",
      UnsafeEntryException.class,
      FailureStage.LOAD,
      "a layer symlink leaves the archive"),
  /** A {@code Layers} path is absolute. */
  ABSOLUTE_PATH(
      "SAFE-2", UnsafeEntryException.class, FailureStage.LOAD, "a Layers path is absolute"),
  /** The archive is cut in the middle of a layer's data. */
  TRUNCATED("SAFE-4", MalformedArchiveException.class, FailureStage.OPEN, "the tar is cut short"),
  /** One header's checksum is wrong. */
  BAD_HEADER_CHECKSUM(
      "SAFE-4", MalformedArchiveException.class, FailureStage.OPEN, "a header checksum is wrong"),
  /** {@code manifest.json} is larger than 1 MiB (padded with spaces). */
  OVERSIZED_MANIFEST(
      "RD-3", LimitExceededException.class, FailureStage.OPEN, "manifest.json over 1 MiB"),
  /** Several untagged images: without a selector, no image can be chosen. */
  UNTAGGED_MULTI_IMAGE_WITHOUT_SELECTOR(
      "SEL-1",
      ImageNotFoundException.class,
      FailureStage.LOAD,
      "two untagged images, read without a selector"),
  /**
   * Two different images carry the same tag, as writers that merge tags only within one item write
   * it (the writer of this project refuses it: WR-13). A selection by the tag reads the first of
   * them; {@code verify} warns.
   */
  DUPLICATE_TAG_ACROSS_IMAGES(
      "SEL-7", null, FailureStage.WARNING, "two different images carry the same tag");

  private final String rule;
  private final Class<? extends ArchiveException> failure;
  private final FailureStage stage;
  private final String description;

  Corruption(
      String rule,
      Class<? extends ArchiveException> failure,
      FailureStage stage,
      String description) {
    this.rule = rule;
    this.failure = failure;
    this.stage = stage;
    this.description = description;
  }

  /**
   * The rule the defect breaks.
   *
   * @return a rule ID, or null for {@link #NONE}
   */
  public String rule() {
    return rule;
  }

  /**
   * The exception type a correct reader throws, or null when reading succeeds and only {@code
   * verify} reports the defect.
   *
   * @return the exception type, or null
   */
  public Class<? extends ArchiveException> failure() {
    return failure;
  }

  /**
   * Where a correct reader notices the defect.
   *
   * @return the stage, or null for {@link #NONE}
   */
  public FailureStage stage() {
    return stage;
  }

  /**
   * The corruption's name in specs and on the command line.
   *
   * @return for example {@code layer-digest-mismatch}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Finds a corruption by its {@link #id()} or constant name, ignoring case.
   *
   * @param text for example {@code missing-layer} or {@code MISSING_LAYER}
   * @return the corruption
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Corruption parse(String text) {
    StringBuilder ids = new StringBuilder();
    for (Corruption c : values()) {
      if (c.id().equalsIgnoreCase(text) || c.name().equalsIgnoreCase(text)) {
        return c;
      }
      ids.append(ids.length() == 0 ? "" : ", ").append(c.id());
    }
    throw new IllegalArgumentException(
        "unknown corruption \"" + text + "\"; expected one of " + ids);
  }

  /**
   * What the defect is, in a few words.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
