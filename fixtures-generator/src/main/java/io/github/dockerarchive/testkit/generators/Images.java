package io.github.dockerarchive.testkit.generators;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * How many images a generated {@code @ForAll ArchiveSpec} or {@code ArchiveFixture} has ({@link
 * SpecArbitrary#images(int, int)}).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Images {
  /**
   * The fewest images.
   *
   * @return at least 1
   */
  int min() default 1;

  /**
   * The most images.
   *
   * @return at least {@link #min()}
   */
  int max() default 3;
}
