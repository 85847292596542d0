package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.io.CleanupMode;

/**
 * Asks {@link DockerArchiveExtension} for a synthetic docker-save archive, materialised before the
 * test and cleaned up after it.
 *
 * <p>Put it on a field or a parameter of type {@link java.nio.file.Path}, {@link java.io.File},
 * {@link io.github.dockerarchive.testkit.synthetic.ArchiveFixture} (the archive plus the truth
 * about it), {@link io.github.dockerarchive.testkit.archive.ArchiveReader} or {@link
 * java.io.InputStream} (both closed by the extension) or {@code byte[]}. A static field gets one
 * archive per test class, an instance field or a parameter one per test.
 *
 * <pre>{@code
 * @DockerArchiveTest
 * class LoaderTest {
 *   @Test
 *   void loads(@SyntheticArchive(images = 2, dialect = Dialect.DOCKER_HYBRID) Path archive) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Attributes left unset take their defaults from the configuration parameters named by the
 * {@code *_PROPERTY_NAME} constants (for example in {@code junit-platform.properties}), then from
 * the registered extension's builder, then from the built-in defaults given below. The annotation
 * may also be used as a meta-annotation to name a reusable archive.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface SyntheticArchive {

  /** Configuration parameter for the default {@link #dialect()}: an id such as {@code jib}. */
  String DEFAULT_DIALECT_PROPERTY_NAME = "dockerarchive.dialect";

  /** Configuration parameter for the default {@link #compression()}: {@code NONE}, {@code GZIP}… */
  String DEFAULT_COMPRESSION_PROPERTY_NAME = "dockerarchive.compression";

  /** Configuration parameter for the default {@link #layerCompression()}. */
  String DEFAULT_LAYER_COMPRESSION_PROPERTY_NAME = "dockerarchive.layerCompression";

  /** Configuration parameter for the default {@link #seed()}: a number, or {@code random}. */
  String DEFAULT_SEED_PROPERTY_NAME = "dockerarchive.seed";

  /** Configuration parameter for the default {@link #cleanup()}: ALWAYS, ON_SUCCESS or NEVER. */
  String DEFAULT_CLEANUP_PROPERTY_NAME = "dockerarchive.cleanup";

  /** Configuration parameter naming the directory archives are written under. */
  String TEMP_DIR_PROPERTY_NAME = "dockerarchive.tempdir";

  /** Configuration parameter that, when {@code true}, shares identical archives across the run. */
  String CACHE_PROPERTY_NAME = "dockerarchive.cache";

  /** Configuration parameter for the default {@link #images()}. */
  String DEFAULT_IMAGES_PROPERTY_NAME = "dockerarchive.images";

  /** Configuration parameter for the default {@link #layers()}. */
  String DEFAULT_LAYERS_PROPERTY_NAME = "dockerarchive.layers";

  /** Configuration parameter for the default {@link #layerSize()}. */
  String DEFAULT_LAYER_SIZE_PROPERTY_NAME = "dockerarchive.layerSize";

  /** The value of {@link #seed()} that means "not set". */
  long UNSET_SEED = Long.MIN_VALUE;

  /**
   * The number of images; -1 (unset) means the configured default, built in 1.
   *
   * @return the image count
   */
  int images() default -1;

  /**
   * The number of layers of each image; -1 (unset) means the configured default, built in 2.
   *
   * @return the layer count
   */
  int layers() default -1;

  /**
   * The content bytes of each layer's one file; -1 (unset) means the configured default, built in
   * 1024.
   *
   * @return bytes per layer
   */
  int layerSize() default -1;

  /**
   * The producer to imitate; at most one value, none (unset) means the configured default, built in
   * {@link Dialect#CONTAINERS_IMAGE}. Write {@code dialect = Dialect.JIB}.
   *
   * @return zero or one dialect
   */
  Dialect[] dialect() default {};

  /**
   * The compression of the whole archive; at most one value, none (unset) means the configured
   * default, built in {@link Compression#NONE}.
   *
   * @return zero or one compression
   */
  Compression[] compression() default {};

  /**
   * How every layer is stored; at most one value, none (unset) means the configured default, built
   * in: as the dialect stores layers.
   *
   * @return zero or one compression
   */
  Compression[] layerCompression() default {};

  /**
   * The defect to build in.
   *
   * @return the corruption, {@link Corruption#NONE} for a valid archive
   */
  Corruption corruption() default Corruption.NONE;

  /**
   * The tags, one string per image in order; several tags of one image are separated by commas, an
   * empty string leaves the image untagged. Images without a string here get {@code
   * test/image-<index>:latest}.
   *
   * @return the tags per image
   */
  String[] tags() default {};

  /**
   * The seed of all generated content; {@link #UNSET_SEED} means the configured default, built in
   * 0.
   *
   * @return the seed
   */
  long seed() default UNSET_SEED;

  /**
   * A JSON spec (see {@code SpecJson}) to materialise instead of the shape given by {@link
   * #images()}, {@link #layers()}, {@link #layerSize()} and {@link #tags()}, which must then be
   * left unset: a class path resource, else a file path. Explicit {@link #dialect()}, {@link
   * #compression()}, {@link #layerCompression()}, {@link #corruption()} and {@link #seed()}
   * override the spec's values.
   *
   * @return a resource or file name, or empty
   */
  String spec() default "";

  /**
   * When the archive is deleted; {@link CleanupMode#DEFAULT} means the configured default, built in
   * {@link CleanupMode#ALWAYS}. With {@link CleanupMode#ON_SUCCESS} and {@link CleanupMode#NEVER} a
   * failing test's archive is kept, and its path, seed and spec are reported.
   *
   * @return the cleanup mode
   */
  CleanupMode cleanup() default CleanupMode.DEFAULT;

  /**
   * Whether an identical archive materialised earlier in this run may be reused (it is then written
   * once, kept until the end of the run, and must not be modified). The configuration parameter
   * {@value #CACHE_PROPERTY_NAME} turns sharing on for every archive.
   *
   * @return true to share
   */
  boolean shared() default false;
}
