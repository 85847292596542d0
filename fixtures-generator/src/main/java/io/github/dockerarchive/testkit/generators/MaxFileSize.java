package io.github.dockerarchive.testkit.generators;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The largest regular file in a generated {@code @ForAll ArchiveSpec} or {@code ArchiveFixture}
 * ({@link SpecArbitrary#maxFileSize(long)}).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface MaxFileSize {
  /**
   * The largest file size in bytes.
   *
   * @return at least 0
   */
  long value();
}
