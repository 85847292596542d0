package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link Archives} of one extension context and one registered extension's defaults, kept in
 * that context's store: it owns the archives made through it and cleans them up when the store is
 * closed, that is when the context ends. Everything it needs travels with it, so any thread may use
 * it; once closed it refuses to make more.
 */
@SuppressWarnings("deprecation") // CloseableResource: for runs that disable closing AutoCloseables
final class ContextArchives
    implements Archives, AutoCloseable, ExtensionContext.Store.CloseableResource {

  /**
   * One per context and builder; the key names the context because store lookups fall through to
   * the parents, whose own {@code Archives} must not be handed out for a child.
   */
  private record Key(String uniqueId, Settings.Programmatic programmatic) {}

  private final ExtensionContext context;
  private final Settings.Programmatic programmatic;
  private final String description;
  private final List<TrackedArchive> created = new ArrayList<>();
  private boolean closed;

  private ContextArchives(ExtensionContext context, Settings.Programmatic programmatic) {
    this.context = context;
    this.programmatic = programmatic;
    this.description =
        "archive created through Archives in "
            + context.getDisplayName()
            + " ("
            + context.getUniqueId()
            + ")";
  }

  /**
   * The {@code Archives} of a context, made on first request.
   *
   * @param context the context that owns the archives
   * @param programmatic the registered extension's builder values
   * @return the same object for every request in that context
   */
  static ContextArchives of(ExtensionContext context, Settings.Programmatic programmatic) {
    return context
        .getStore(DockerArchiveExtension.NAMESPACE)
        .getOrComputeIfAbsent(
            new Key(context.getUniqueId(), programmatic),
            k -> new ContextArchives(context, programmatic),
            ContextArchives.class);
  }

  @Override
  public ArchiveFixture create(ArchiveSpec spec) {
    Objects.requireNonNull(spec, "spec");
    ensureOpen();
    Settings settings = Settings.of(context, programmatic);
    TrackedArchive archive =
        Provisioning.write(
            spec, settings.cleanup(), settings.cache(), settings, "archive", description, context);
    synchronized (this) {
      if (!closed) {
        created.add(archive);
        return archive.fixture();
      }
    }
    // The context ended while the archive was being written: clean it up here, as the context
    // would have.
    IllegalStateException ended = ended();
    try {
      archive.close();
    } catch (IOException | RuntimeException e) {
      ended.addSuppressed(e);
    }
    throw ended;
  }

  @Override
  public ArchiveFixture create(Consumer<ArchiveSpec.Builder> spec) {
    Objects.requireNonNull(spec, "spec");
    ArchiveSpec.Builder builder = newSpec();
    spec.accept(builder);
    return create(builder.build());
  }

  @Override
  public ArchiveSpec.Builder newSpec() {
    ensureOpen();
    Settings settings = Settings.of(context, programmatic);
    return ArchiveSpec.builder()
        .dialect(settings.dialect())
        .compression(settings.compression())
        .seed(settings.seed());
  }

  private synchronized void ensureOpen() {
    if (closed) {
      throw ended();
    }
  }

  private IllegalStateException ended() {
    return new IllegalStateException(
        "Archives of "
            + context.getDisplayName()
            + " ("
            + context.getUniqueId()
            + ") used after it ended; take an Archives parameter in the test or lifecycle method"
            + " that creates the archive");
  }

  /** Cleans up every archive made here, newest first; later calls to create fail. */
  @Override
  public void close() throws IOException {
    List<TrackedArchive> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(created);
      created.clear();
    }
    Exception first = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (IOException | RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first instanceof IOException io) {
      throw io;
    } else if (first != null) {
      throw (RuntimeException) first;
    }
  }

  @Override
  public String toString() {
    return "Archives of " + context.getDisplayName() + " (" + context.getUniqueId() + ")";
  }
}
