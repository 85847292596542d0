package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The dialects a generated {@code @ForAll ArchiveSpec} or {@code ArchiveFixture} is drawn from
 * ({@link SpecArbitrary#dialects}).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Dialects {
  /**
   * The dialects.
   *
   * @return at least one dialect
   */
  Dialect[] value();
}
