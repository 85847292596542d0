package io.github.dockerarchive.testkit.conformance;

import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A docker-archive implementation under test: anything that can copy images between {@code
 * docker-archive:}, {@code oci:} and {@code dir:} with skopeo's syntax.
 *
 * <p>Reading is a copy out of an archive ({@code docker-archive:PATH[:REF|:@N]} to {@code oci:DIR}
 * or {@code dir:DIR}); writing is a copy into one ({@code oci:DIR} to {@code
 * docker-archive:PATH[:TAG]}). The suite prepares the inputs and judges the outputs with its own
 * reader, so an implementation only has to do what its users already do with it.
 *
 * <p>Implementations are closed after the run, so that they can remove their own state (a podman
 * storage root, say).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ArchiveImplementation extends AutoCloseable {
  /**
   * The name results are reported under ({@code builtin}, {@code skopeo}, ...).
   *
   * @return a short, stable name
   */
  String name();

  /**
   * What this implementation claims to do; checks that need anything else are reported as
   * UNSUPPORTED, never run.
   *
   * @return the claimed capabilities
   */
  Set<Capability> capabilities();

  /**
   * Whether this implementation is built on the reference (containers/image), so that its failures
   * of FIX rules are reported as known deviations of the reference.
   *
   * @return true for skopeo, podman and other containers/image users
   */
  default boolean basedOnReference() {
    return false;
  }

  /**
   * Copies one image, or with {@link CopyRequest#multi()} several into one archive.
   *
   * @param request the sources, the destination and the options
   * @throws ImplementationException when the implementation refuses or fails (a normal outcome that
   *     checks judge)
   * @throws InterruptedException when the run is interrupted
   */
  void copy(CopyRequest request) throws ImplementationException, InterruptedException;

  /**
   * The implementation's Java API, for the checks that need to reach below a copy (blob-level
   * writes with failing streams, blob reuse, spooling). Command-line implementations have none.
   *
   * @return the Java API, if the implementation is a Java library
   */
  default Optional<JavaApi> javaApi() {
    return Optional.empty();
  }

  /** Releases what the implementation holds (temporary storage); the default does nothing. */
  @Override
  default void close() {}
}
