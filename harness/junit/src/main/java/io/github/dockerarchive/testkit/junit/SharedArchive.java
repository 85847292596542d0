package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;

/**
 * One archive shared by every identical request of a run, kept in the root store: written once on
 * first use (other threads wait; a failure is remembered and repeated), deleted at the end of the
 * run unless the cleanup mode is {@code NEVER} or a failing test asked to keep it.
 */
@SuppressWarnings("deprecation") // CloseableResource: for runs that disable closing AutoCloseables
final class SharedArchive implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  /** Identical specs under the same root share one archive. */
  record Key(ArchiveSpec spec, Path root) {}

  private final Key key;
  private final String name;
  private final CleanupMode cleanup;
  private Materialized materialized;
  private IOException failure;
  private boolean keep;

  SharedArchive(Key key, String name, CleanupMode cleanup) {
    this.key = key;
    this.name = name;
    this.cleanup = cleanup;
  }

  /**
   * The archive, written on the first call.
   *
   * @return the archive
   * @throws IOException the first call's failure, on every call
   */
  synchronized Materialized get() throws IOException {
    if (materialized == null && failure == null) {
      try {
        materialized = Materialized.write(key.spec(), key.root(), name);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return materialized;
  }

  /** Keeps the archive after the run (a test that used it failed). */
  synchronized void keep() {
    keep = true;
  }

  @Override
  public synchronized void close() {
    if (materialized != null && !keep && cleanup != CleanupMode.NEVER) {
      materialized.delete();
    }
  }
}
