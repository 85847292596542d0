package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Shapes a generated {@code @ForAll ArchiveSpec} or {@code ArchiveFixture} with quirks of the
 * catalogue ({@link SpecArbitrary#withQuirks(int, int, Quirk...)}): by default exactly one quirk,
 * drawn from every quirk but the {@link Quirk#expensive() expensive} ones, which are drawn only
 * when {@link #value()} names them.
 *
 * <pre>{@code
 * @Property
 * void readsValidQuirks(@ForAll @WithQuirks(validity = QuirkValidity.VALID) ArchiveFixture f) {
 *   ...
 * }
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface WithQuirks {
  /**
   * The quirks to draw from; empty for every quirk of the catalogue that is not {@link
   * Quirk#expensive() expensive}.
   *
   * @return the quirks
   */
  Quirk[] value() default {};

  /**
   * Keeps only the quirks of these validities; empty for both.
   *
   * @return the validities
   */
  QuirkValidity[] validity() default {};

  /**
   * The fewest quirks applied to one spec.
   *
   * @return at least 0
   */
  int min() default 1;

  /**
   * The most quirks applied to one spec.
   *
   * @return at least {@link #min()}
   */
  int max() default 1;
}
