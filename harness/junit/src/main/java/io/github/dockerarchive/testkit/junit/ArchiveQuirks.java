package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.QuirkFamily;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turns a test method into one test per {@link io.github.dockerarchive.testkit.synthetic.Quirk} of
 * the catalogue, each named after its quirk ({@code [outer-gzip] valid: the whole archive is
 * gzip-compressed}) and handed the archive the quirk shapes.
 *
 * <pre>{@code
 * @ArchiveQuirks(validity = QuirkValidity.VALID)
 * void readsEveryValidQuirk(Quirk quirk, ArchiveFixture archive) { ... }
 *
 * @ArchiveQuirks(families = QuirkFamily.OUTER_TAR, exclude = "outer-gzip",
 *     archive = @SyntheticArchive(images = 2))
 * void readsOuterTarShapes(Path archive) { ... }
 * }</pre>
 *
 * <p>Each parameter receives, by its type: the {@link
 * io.github.dockerarchive.testkit.synthetic.Quirk}, its {@link
 * io.github.dockerarchive.testkit.synthetic.ArchiveSpec} (nothing is written when the test asks
 * only for these two), or the archive as any type {@link SyntheticArchive} injects ({@link
 * java.nio.file.Path}, {@link java.io.File}, {@link
 * io.github.dockerarchive.testkit.synthetic.ArchiveFixture} with the truth, {@link
 * io.github.dockerarchive.testkit.archive.ArchiveReader}, {@link java.io.InputStream}, {@code
 * byte[]}). Parameters annotated with {@link SyntheticArchive} or {@code @TempDir} are left to
 * their own extensions.
 *
 * <p>The archive is the quirk {@link io.github.dockerarchive.testkit.synthetic.Quirk#applyTo
 * applied to} the base spec: {@link io.github.dockerarchive.testkit.synthetic.Quirk#baseSpec()}, or
 * the one {@link #archive()} declares. It is written the first time an invocation asks for it and
 * deleted when that invocation ends, according to its cleanup mode; with {@code shared = true} (or
 * {@value SyntheticArchive#CACHE_PROPERTY_NAME}) identical archives are written once per run. Every
 * invocation keeps its state in its own extension context, so invocations may run in parallel.
 *
 * <p>A quirk that cannot shape the base spec ({@link
 * io.github.dockerarchive.testkit.synthetic.SyntheticArchives#whyInapplicable} names a reason) is
 * skipped with that reason, or fails when {@link #value()} names it.
 *
 * <p>An {@link io.github.dockerarchive.testkit.synthetic.Quirk#expensive() expensive} quirk (the
 * entries of 8 GiB: about a minute and gigabytes of I/O each) is skipped by default, visibly: its
 * invocation is reported as skipped with the reason. {@link #includeExpensive()} runs them, and so
 * does naming one in {@link #value()}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@TestTemplate
@ExtendWith(ArchiveQuirksProvider.class)
public @interface ArchiveQuirks {

  /** The default {@link #name()}: {@code [outer-gzip] valid: the whole archive is gzip-...}. */
  String DEFAULT_NAME = "[{id}] {validity}: {description}";

  /**
   * The quirks to run, by id ({@code outer-gzip}) or constant name; empty means every quirk that
   * passes {@link #validity()} and {@link #families()}.
   *
   * @return quirk ids
   */
  String[] value() default {};

  /**
   * Quirks to leave out, by id or constant name (applied after the other filters).
   *
   * @return quirk ids
   */
  String[] exclude() default {};

  /**
   * The validities to run; empty means both valid quirks and defects.
   *
   * @return the validities
   */
  QuirkValidity[] validity() default {};

  /**
   * The families to run; empty means every family.
   *
   * @return the families
   */
  QuirkFamily[] families() default {};

  /**
   * Whether to run the {@link io.github.dockerarchive.testkit.synthetic.Quirk#expensive()
   * expensive} quirks among those selected; by default (false) each is skipped with a reason that
   * names its cost. A quirk named in {@link #value()} runs either way.
   *
   * @return true to run expensive quirks
   */
  boolean includeExpensive() default false;

  /**
   * The spec the quirks are applied to; at most one, none means {@link
   * io.github.dockerarchive.testkit.synthetic.Quirk#baseSpec()}. Configuration parameters supply
   * its unset attributes as for any {@link SyntheticArchive}; its cleanup and sharing apply to
   * every archive.
   *
   * @return zero or one base archive
   */
  SyntheticArchive[] archive() default {};

  /**
   * The display name of each invocation; {@code {id}}, {@code {validity}}, {@code {family}}, {@code
   * {rule}}, {@code {description}} and {@code {index}} (from 1) are replaced.
   *
   * @return the name pattern
   */
  String name() default DEFAULT_NAME;
}
