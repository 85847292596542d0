package io.github.dockerarchive.testkit.generators;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * How many layers each image of a generated {@code @ForAll ArchiveSpec} or {@code ArchiveFixture}
 * has ({@link SpecArbitrary#layers(int, int)}).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Layers {
  /**
   * The fewest layers per image.
   *
   * @return at least 0
   */
  int min() default 0;

  /**
   * The most layers per image.
   *
   * @return at least {@link #min()}
   */
  int max() default 4;
}
