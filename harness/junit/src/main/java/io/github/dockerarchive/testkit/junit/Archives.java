package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Creates synthetic archives from specs inside a test, owned by the test (or class) it was handed
 * to.
 *
 * <p>{@link DockerArchiveExtension} resolves a parameter of this type (no annotation needed) of a
 * test method, a {@code @BeforeEach}/{@code @AfterEach} method, a constructor or a static
 * {@code @BeforeAll}/{@code @AfterAll} method, and injects non-final fields of this type: static
 * fields once per class, instance fields once per test (final fields are left as the test set
 * them). An {@code Archives} is bound to the extension context it was resolved for: every archive
 * made through it is written into a directory of its own and cleaned up when that context ends,
 * following the cleanup mode (when a test ends for a test or {@code @BeforeEach} parameter, when
 * the class ends for a {@code @BeforeAll} parameter or a static field). It carries no thread state,
 * so it may be used from any thread, for example inside {@code @Timeout(threadMode =
 * SEPARATE_THREAD)} or from an executor the test starts, and under parallel execution each test has
 * its own. When the extension was registered with {@code @RegisterExtension} and {@link
 * DockerArchiveExtension#builder()}, the builder's defaults (temporary root, cleanup mode, dialect,
 * seed, cache) apply; otherwise the configuration parameters named in {@link SyntheticArchive} do.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * import io.github.dockerarchive.testkit.junit.Archives;
 * import io.github.dockerarchive.testkit.junit.DockerArchiveExtension;
 * import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
 * import io.github.dockerarchive.testkit.synthetic.Dialect;
 * import io.github.dockerarchive.testkit.synthetic.LayerSpec;
 * import java.util.List;
 * import org.junit.jupiter.api.BeforeAll;
 * import org.junit.jupiter.api.Test;
 * import org.junit.jupiter.api.extension.RegisterExtension;
 *
 * class LoaderTest {
 *   @RegisterExtension
 *   static DockerArchiveExtension extension =
 *       DockerArchiveExtension.builder().defaultDialect(Dialect.DOCKER_LEGACY).seed(42).build();
 *
 *   static ArchiveFixture base;
 *
 *   @BeforeAll
 *   static void writeBase(Archives archives) {
 *     // lives until the class ends
 *     base = archives.create(b -> b.image(List.of("base:1"), LayerSpec.filler(64)));
 *   }
 *
 *   @Test
 *   void loadsTwoImages(Archives archives) {
 *     // deleted when this test ends
 *     ArchiveFixture two = archives.create(b -> b
 *         .image(List.of("app:1"), LayerSpec.filler(100))
 *         .image(List.of("app:2"), LayerSpec.filler(200)));
 *     assertThat(two.path()).isRegularFile();
 *     assertThat(two.images()).hasSize(2);
 *     assertThat(two.spec().seed()).isEqualTo(42);
 *     assertThat(base.path()).isRegularFile();
 *   }
 * }
 * }</pre>
 *
 * <p>Calling {@code create} after its context has ended throws {@link IllegalStateException}: the
 * archive would have no owner left to clean it up.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Archives {

  /**
   * Writes a spec's archive, owned by this object's context.
   *
   * @param spec what to write
   * @return the archive and its truth
   * @throws IllegalStateException if the context this was resolved for has ended
   * @throws ExtensionConfigurationException if the archive cannot be written
   */
  ArchiveFixture create(ArchiveSpec spec);

  /**
   * Writes an archive from a spec built in place, starting from the extension's default dialect,
   * outer compression and seed.
   *
   * <pre>{@code
   * ArchiveFixture two = archives.create(b -> b
   *     .image(List.of("app:1"), LayerSpec.filler(100))
   *     .image(List.of("app:2"), LayerSpec.filler(200)));
   * }</pre>
   *
   * @param spec adds images and changes settings
   * @return the archive and its truth
   * @throws IllegalStateException if the context this was resolved for has ended
   * @throws ExtensionConfigurationException if the archive cannot be written
   */
  ArchiveFixture create(Consumer<ArchiveSpec.Builder> spec);

  /**
   * A spec builder preset with the extension's default dialect, outer compression and seed, the
   * starting point of {@link #create(Consumer)}.
   *
   * @return a new builder
   */
  ArchiveSpec.Builder newSpec();
}
