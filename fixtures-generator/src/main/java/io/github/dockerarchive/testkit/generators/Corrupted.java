package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.Corruption;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Makes a generated {@code @ForAll ArchiveSpec} or {@code ArchiveFixture} corrupted: one of the
 * given corruptions, or any but {@code NONE} when none is given ({@link
 * SpecArbitrary#corruptedOnly()}).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Corrupted {
  /**
   * The corruptions to draw from; empty for all of them.
   *
   * @return the corruptions
   */
  Corruption[] value() default {};
}
