package io.github.dockerarchive.testkit.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Marks the enclosing contexts of a failed test, for {@link ArchiveDialects} tests whose class does
 * not register {@link DockerArchiveExtension}, so their archives honour {@code ON_SUCCESS}.
 */
final class FailureTracker implements TestWatcher {
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    FailureMarks.markAncestors(context);
  }
}
