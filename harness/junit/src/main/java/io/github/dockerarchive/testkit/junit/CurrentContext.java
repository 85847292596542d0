package io.github.dockerarchive.testkit.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension context running on this thread, so {@link DockerArchiveExtension#create} called
 * from a test body knows which test owns the archive. Set around each class and each test (the
 * previous value is kept in the context's own store and restored afterwards); the archives
 * themselves live in the stores only.
 */
final class CurrentContext {
  private static final ThreadLocal<ExtensionContext> CURRENT = new ThreadLocal<>();

  private record Previous(String uniqueId) {}

  private CurrentContext() {}

  static void enter(ExtensionContext context) {
    ExtensionContext previous = CURRENT.get();
    context
        .getStore(DockerArchiveExtension.NAMESPACE)
        .put(new Previous(context.getUniqueId()), Optional.ofNullable(previous));
    CURRENT.set(context);
  }

  static void leave(ExtensionContext context) {
    Object previous =
        context
            .getStore(DockerArchiveExtension.NAMESPACE)
            .remove(new Previous(context.getUniqueId()));
    ExtensionContext restore =
        previous instanceof Optional<?> p ? (ExtensionContext) p.orElse(null) : null;
    if (restore == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(restore);
    }
  }

  static Optional<ExtensionContext> get() {
    return Optional.ofNullable(CURRENT.get());
  }
}
