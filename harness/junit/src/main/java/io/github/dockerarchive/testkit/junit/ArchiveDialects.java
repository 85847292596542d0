package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a {@code @ParameterizedTest} once per dialect and outer compression (their cross product),
 * handing over the archive for each.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ArchiveDialects
 * void readsEveryDialect(ArchiveFixture archive) { ... }
 *
 * @ParameterizedTest
 * @ArchiveDialects(value = Dialect.DOCKER_LEGACY, compressions = {Compression.GZIP, Compression.XZ})
 * void readsCompressedArchives(ArchiveSpec spec, Path archive) { ... }
 * }</pre>
 *
 * <p>Each parameter receives, by its type: {@link io.github.dockerarchive.testkit.synthetic
 * .ArchiveFixture}, {@link io.github.dockerarchive.testkit.synthetic.ArchiveSpec} (nothing is
 * written when the test asks only for specs), {@link java.nio.file.Path}, {@link java.io.File},
 * {@link Dialect} or {@link Compression}. The rest of each archive comes from {@link #archive()};
 * configuration parameters supply its unset attributes as for {@link SyntheticArchive}. Archives
 * are cleaned up when the parameterized test ends.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@ArgumentsSource(ArchiveDialectsProvider.class)
@ExtendWith(FailureTracker.class)
public @interface ArchiveDialects {

  /**
   * The dialects to run; empty means every dialect.
   *
   * @return the dialects
   */
  Dialect[] value() default {};

  /**
   * Dialects to leave out (applied after {@link #value()}).
   *
   * @return the excluded dialects
   */
  Dialect[] exclude() default {};

  /**
   * The outer compressions to run each dialect with; empty means only the configured default
   * compression (built in: none).
   *
   * @return the compressions
   */
  Compression[] compressions() default {};

  /**
   * Everything else about the archive: images, layers, tags, corruption, seed, cleanup. Its {@code
   * dialect} and {@code compression} are replaced per run.
   *
   * @return the base archive
   */
  SyntheticArchive archive() default @SyntheticArchive;
}
