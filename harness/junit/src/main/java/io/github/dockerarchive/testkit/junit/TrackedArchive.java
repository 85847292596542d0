package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;

/**
 * One use of an archive by one declaration in one extension context, stored in that context's
 * store: closes the readers and streams handed out for it, then deletes the archive, or keeps it
 * and reports where it is when the test failed (or the mode is {@code NEVER}).
 */
@SuppressWarnings("deprecation") // CloseableResource: for runs that disable closing AutoCloseables
final class TrackedArchive implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  private final Materialized archive;
  private final SharedArchive shared;
  private final CleanupMode cleanup;
  private final String declaration;
  private final ExtensionContext context;
  private final List<Closeable> handedOut = new ArrayList<>(1);

  TrackedArchive(
      Materialized archive,
      SharedArchive shared,
      CleanupMode cleanup,
      String declaration,
      ExtensionContext context) {
    this.archive = archive;
    this.shared = shared;
    this.cleanup = cleanup;
    this.declaration = declaration;
    this.context = context;
  }

  ArchiveFixture fixture() {
    return archive.fixture();
  }

  Path path() {
    return archive.fixture().path();
  }

  /** Registers a reader or stream to close before the archive is deleted. */
  synchronized <T extends Closeable> T own(T resource) {
    handedOut.add(resource);
    return resource;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    synchronized (this) {
      for (Closeable c : handedOut) {
        try {
          c.close();
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      handedOut.clear();
    }
    boolean failed = FailureMarks.failed(context);
    boolean keep = cleanup == CleanupMode.NEVER || (cleanup == CleanupMode.ON_SUCCESS && failed);
    if (shared != null) {
      if (failed && cleanup != CleanupMode.ALWAYS) {
        shared.keep();
        report(true);
      }
    } else if (keep) {
      report(failed);
    } else {
      archive.delete();
    }
    if (first != null) {
      throw first;
    }
  }

  /** Publishes the kept archive's path, seed and spec (and prints them when the test failed). */
  private void report(boolean failed) {
    Path spec = archive.writeSpec();
    ArchiveSpec s = archive.fixture().spec();
    String text =
        "kept "
            + path()
            + " for "
            + declaration
            + " (seed "
            + s.seed()
            + ", dialect "
            + s.dialect().id()
            + ", compression "
            + s.compression()
            + ", corruption "
            + s.corruption()
            + ")"
            + (spec == null ? "" : "; replay with @SyntheticArchive(spec = \"" + spec + "\")");
    context.publishReportEntry("dockerarchive.kept", text);
    if (failed) {
      String who =
          context.getExecutionException().isPresent()
              ? context.getDisplayName() + " failed"
              : "a test in " + context.getDisplayName() + " failed";
      System.err.println("[dockerarchive] " + who + ": " + text);
    }
  }
}
