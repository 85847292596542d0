package io.github.dockerarchive.testkit.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Remembers, in each ancestor's store, that a test below it failed, so archives owned by a class or
 * a parameterized test honour {@code ON_SUCCESS} for their children's failures too. The key names
 * the context, because store lookups fall through to the parents.
 */
final class FailureMarks {
  private record Failed(String uniqueId) {}

  private FailureMarks() {}

  /**
   * Marks the contexts above a failed test (its own store is already closed when watchers run; its
   * own failure is its execution exception).
   */
  static void markAncestors(ExtensionContext test) {
    for (ExtensionContext c = test.getParent().orElse(null);
        c != null;
        c = c.getParent().orElse(null)) {
      c.getStore(DockerArchiveExtension.NAMESPACE).put(new Failed(c.getUniqueId()), Boolean.TRUE);
    }
  }

  static boolean failed(ExtensionContext context) {
    return context.getExecutionException().isPresent()
        || context.getStore(DockerArchiveExtension.NAMESPACE).get(new Failed(context.getUniqueId()))
            != null;
  }
}
